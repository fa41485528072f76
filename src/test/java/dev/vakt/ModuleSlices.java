package dev.vakt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * What the module slice tests ({@code @ApplicationModuleTest}) share: each slice runs its own
 * embedded PostgreSQL in a fresh data directory of its own, so it never joins (and, when its
 * context closes, never stops) the one {@link IntegrationTest}'s context runs on. The slices
 * bootstrap a module with all its declared dependencies ({@code ALL_DEPENDENCIES}) plus {@code
 * platform}, which provides the database to whoever uses it.
 */
public final class ModuleSlices {

  private ModuleSlices() {}

  /** A fresh data directory under {@code target/test-data/} for the slice {@code name}. */
  public static Path freshDataDir(String name) {
    try {
      Path base = Files.createDirectories(Path.of("target", "test-data"));
      return Files.createTempDirectory(base, "slice-" + name + "-").toAbsolutePath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Points the slice's context at {@code dataDir} and switches off the background workers. */
  public static void properties(DynamicPropertyRegistry registry, Path dataDir) {
    registry.add("vakt.data-dir", dataDir::toString);
    registry.add("vakt.monitoring.host-interval", () -> "1s");
    registry.add("vakt.monitoring.slow-host-interval", () -> "1s");
  }
}
