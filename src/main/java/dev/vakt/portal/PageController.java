package dev.vakt.portal;

import dev.vakt.access.SignedIn;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * The two pages, the console or portal and the sign-in, naming their files under the current
 * version (ADR 0015), whose files are then kept by the browser for a year. The console's page
 * carries who is signed in and preloads that view's modules only, so loading it is the page and the
 * data: no revalidation of a dozen files, no round trip for the session (docs/BENCHMARKS.md,
 * "Pages"). Signed out, it sends the browser to the sign-in page.
 */
@RestController
class PageController {

  private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);
  private static final Pattern STAFF = block("staff");
  private static final Pattern CUSTOMER = block("customer");

  private final PageAssets assets;
  private final SignedIn signedIn;
  private final JsonMapper json;

  PageController(PageAssets assets, SignedIn signedIn, JsonMapper json) {
    this.assets = assets;
    this.signedIn = signedIn;
    this.json = json;
  }

  @GetMapping({"/", "/index.html"})
  ResponseEntity<String> index() {
    return signedIn
        .current()
        .map(
            me -> {
              String html = assets.page("index.html");
              html = (me.role().staff() ? CUSTOMER : STAFF).matcher(html).replaceAll("");
              html = html.replace("<!--vakt:session-->", sessionScript(me));
              // Who is signed in is in the page: the browser may keep it for this user only.
              return ResponseEntity.ok()
                  .cacheControl(CacheControl.noCache().cachePrivate())
                  .contentType(HTML)
                  .body(html);
            })
        .orElseGet(() -> ResponseEntity.status(302).location(URI.create("/login.html")).build());
  }

  @GetMapping("/login.html")
  ResponseEntity<String> login() {
    // The version names every file the page uses, so it is the page's ETag too (a repeat is a 304).
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noCache())
        .eTag('"' + assets.version() + '"')
        .contentType(HTML)
        .body(assets.page("login.html"));
  }

  /** The session as GET /api/session answers it, safe inside a script element. */
  private String sessionScript(SignedIn.Me me) {
    String body =
        json.writeValueAsString(me)
            .replace("<", "\\u003c")
            .replace(">", "\\u003e")
            .replace("&", "\\u0026");
    return "<script id=\"vakt-session\" type=\"application/json\">" + body + "</script>";
  }

  private static Pattern block(String name) {
    return Pattern.compile(
        "[ \\t]*<!--vakt:" + name + "-->.*?<!--/vakt:" + name + "-->\\n?", Pattern.DOTALL);
  }
}
