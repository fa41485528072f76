package dev.vakt.monitoring.host;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

/** Recorded tool output under {@code src/test/resources/dev/vakt/monitoring/host/}. */
final class SystemSamples {

  static final HostContext DEFAULTS = HostContext.defaults(LocalDate.of(2026, 3, 1));

  private SystemSamples() {}

  static String text(String path) {
    try (InputStream in = SystemSamples.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no sample " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The sample as the standard output of a command that exited 0. */
  static CommandOutput ok(String path) {
    return CommandOutput.ok(text(path));
  }

  /** A command that failed with {@code stderr}. */
  static CommandOutput failed(int exit, String stderr) {
    return new CommandOutput(exit, "", stderr);
  }
}
