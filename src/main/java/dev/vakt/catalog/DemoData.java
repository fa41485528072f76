package dev.vakt.catalog;

import dev.vakt.platform.VaktProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * With {@code vakt.demo=true} ({@code vakt demo}) the bundled example providers and customers are
 * imported at start-up. Importing is idempotent, so restarting the demo changes nothing; the
 * examples are read from {@code vakt.examples} when that folder exists, else from the jar.
 */
@Component
class DemoData implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(DemoData.class);

  private final CatalogService catalog;
  private final VaktProperties properties;

  DemoData(CatalogService catalog, VaktProperties properties) {
    this.catalog = catalog;
    this.properties = properties;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (!properties.demo()) {
      return;
    }
    Map<String, String> texts =
        Files.isDirectory(properties.examples()) ? fromFolder(properties.examples()) : bundled();
    Catalog c = catalog.read(texts);
    if (!c.ok()) {
      c.problems().forEach(p -> log.error("Example data: {}", p));
      throw new IllegalStateException(
          "The example data has " + c.problems().size() + " problem(s); see above");
    }
    CatalogService.ImportReport r = catalog.importCatalog(c, "demo");
    log.info(
        "Demo data: {} document(s) stored, {} unchanged, {} inventory change(s)",
        r.stored().size(),
        r.unchanged().size(),
        r.inventoryChanges());
  }

  private static Map<String, String> fromFolder(Path folder) {
    Map<String, String> texts = new TreeMap<>();
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path f :
          files
              .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
              .toList()) {
        texts.put(f.toString(), Files.readString(f, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return texts;
  }

  private static Map<String, String> bundled() {
    Map<String, String> texts = new TreeMap<>();
    try {
      for (Resource r :
          new PathMatchingResourcePatternResolver().getResources("classpath*:examples/**/*.yaml")) {
        String url = r.getURL().toString();
        texts.put(
            url.substring(url.lastIndexOf("examples/")),
            r.getContentAsString(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return texts;
  }
}
