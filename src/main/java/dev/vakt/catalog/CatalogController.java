package dev.vakt.catalog;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Validate, import and export documents over HTTP, in the same YAML format as the files. Only YAML
 * media types are accepted: a browser must ask (CORS preflight) before sending those cross-site,
 * whereas {@code text/plain} would let any web page make an operator's browser import documents.
 */
@RestController
class CatalogController {

  private static final MediaType YAML_UTF8 =
      new MediaType("application", "yaml", StandardCharsets.UTF_8);

  private final CatalogService catalog;

  CatalogController(CatalogService catalog) {
    this.catalog = catalog;
  }

  /** Checks a YAML text against the stored set without storing it. */
  @PostMapping(
      value = "/api/validate",
      consumes = {"application/yaml", "text/yaml"})
  Map<String, Object> validate(
      @RequestBody byte[] body, @RequestHeader(HttpHeaders.CONTENT_TYPE) MediaType type) {
    Catalog c = catalog.read("request", text(body, type));
    if (!c.ok()) {
      throw new dev.vakt.common.ApiErrors.InvalidInput(c.problems());
    }
    return Map.of("ok", true, "documents", c.documents().size());
  }

  /** Validates and stores a YAML text, all or nothing. */
  @PostMapping(
      value = "/api/import",
      consumes = {"application/yaml", "text/yaml"})
  CatalogService.ImportReport importYaml(
      @RequestBody byte[] body,
      @RequestHeader(HttpHeaders.CONTENT_TYPE) MediaType type,
      java.security.Principal principal) {
    Catalog c = catalog.read("request", text(body, type));
    if (!c.ok()) {
      throw new dev.vakt.common.ApiErrors.InvalidInput(c.problems());
    }
    return catalog.importCatalog(c, dev.vakt.common.Requests.actor(principal));
  }

  @GetMapping("/api/export")
  ResponseEntity<byte[]> export() {
    return ResponseEntity.ok()
        .contentType(YAML_UTF8)
        .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"vakt-export.yaml\"")
        .body(catalog.exportYaml().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Documents are UTF-8 (names like Kåre Næss, Bergström, Müller): Spring would read a body without
   * a charset as ISO-8859-1, so the charset is taken from the request or else UTF-8.
   */
  private static String text(byte[] body, MediaType type) {
    Charset charset = type.getCharset() == null ? StandardCharsets.UTF_8 : type.getCharset();
    return new String(body, charset);
  }
}
