package dev.vakt.monitoring.host;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/** Recorded tool output under {@code src/test/resources/dev/vakt/monitoring/host/<tool>/}. */
final class StorageSamples {

  static final HostContext DEFAULTS = HostContext.defaults(LocalDate.of(2024, 6, 10));

  private StorageSamples() {}

  static String text(String tool, String file) {
    String path = "/dev/vakt/monitoring/host/" + tool + "/" + file;
    try (InputStream in = StorageSamples.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no sample " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static CommandOutput ok(String tool, String file) {
    return CommandOutput.ok(text(tool, file));
  }

  /** "arrays=2 degraded=1" as a map of expected metrics; empty text for none. */
  static Map<String, BigDecimal> metrics(String text) {
    Map<String, BigDecimal> metrics = new LinkedHashMap<>();
    if (text == null || text.isBlank()) {
      return metrics;
    }
    for (String pair : text.strip().split("\\s+")) {
      String[] kv = pair.split("=", 2);
      metrics.put(kv[0], new BigDecimal(kv[1]));
    }
    return metrics;
  }
}
