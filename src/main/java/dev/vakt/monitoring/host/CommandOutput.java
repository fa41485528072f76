package dev.vakt.monitoring.host;

import java.util.Objects;

/**
 * What one command printed on a server: its exit status and both streams. Readers get this and
 * nothing else, so they are pure functions testable with recorded samples.
 *
 * @param exitStatus the command's exit status
 * @param stdout standard output, never null
 * @param stderr standard error, never null
 */
public record CommandOutput(int exitStatus, String stdout, String stderr) {

  public CommandOutput {
    stdout = Objects.requireNonNullElse(stdout, "");
    stderr = Objects.requireNonNullElse(stderr, "");
  }

  /** A command that printed {@code stdout} and exited 0. */
  public static CommandOutput ok(String stdout) {
    return new CommandOutput(0, stdout, "");
  }
}
