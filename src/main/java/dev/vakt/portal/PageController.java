package dev.vakt.portal;

import java.nio.charset.StandardCharsets;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The two pages, the console or portal and the sign-in, naming their files under the current
 * version (ADR 0015). The pages themselves are checked with the server on every use (ETag, 304);
 * their files, under {@code /v/<version>/}, are kept by the browser for a year and not asked for
 * again, so a page load is the page, the session and the data: no revalidation of a dozen modules
 * and text bundles (docs/BENCHMARKS.md, "Pages").
 */
@RestController
class PageController {

  private final PageAssets assets;

  PageController(PageAssets assets) {
    this.assets = assets;
  }

  @GetMapping({"/", "/index.html"})
  ResponseEntity<String> index() {
    return page("index.html");
  }

  @GetMapping("/login.html")
  ResponseEntity<String> login() {
    return page("login.html");
  }

  private ResponseEntity<String> page(String name) {
    // The version names every file the page uses, so it is the page's ETag too.
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noCache())
        .eTag('"' + assets.version() + '"')
        .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
        .body(assets.page(name));
  }
}
