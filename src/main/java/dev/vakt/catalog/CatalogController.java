package dev.vakt.catalog;

import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Validate, import and export documents over HTTP, in the same YAML format as the files. Only YAML
 * media types are accepted: a browser must ask (CORS preflight) before sending those cross-site,
 * whereas {@code text/plain} would let any web page make an operator's browser import documents.
 */
@RestController
class CatalogController {

  private final CatalogService catalog;

  CatalogController(CatalogService catalog) {
    this.catalog = catalog;
  }

  /** Checks a YAML text against the stored set without storing it. */
  @PostMapping(
      value = "/api/validate",
      consumes = {"application/yaml", "text/yaml"})
  Map<String, Object> validate(@RequestBody String yaml) {
    Catalog c = catalog.read("request", yaml);
    if (!c.ok()) {
      throw new dev.vakt.common.ApiErrors.InvalidInput(c.problems());
    }
    return Map.of("ok", true, "documents", c.documents().size());
  }

  /** Validates and stores a YAML text, all or nothing. */
  @PostMapping(
      value = "/api/import",
      consumes = {"application/yaml", "text/yaml"})
  CatalogService.ImportReport importYaml(@RequestBody String yaml) {
    Catalog c = catalog.read("request", yaml);
    if (!c.ok()) {
      throw new dev.vakt.common.ApiErrors.InvalidInput(c.problems());
    }
    return catalog.importCatalog(c, "api");
  }

  @GetMapping(value = "/api/export", produces = "application/yaml")
  String export() {
    return catalog.exportYaml();
  }
}
