package dev.vakt.monitoring;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.vakt.common.Codes;

/**
 * The verdict of one check, with the same meaning and exit codes as Nagios/Monitoring-Plugins, so
 * existing plugins plug in unchanged (MON-4).
 */
public enum CheckState {
  OK(0),
  WARNING(1),
  CRITICAL(2),
  UNKNOWN(3);

  private final int exitCode;

  CheckState(int exitCode) {
    this.exitCode = exitCode;
  }

  /** The plugin exit code of this state. */
  public int exitCode() {
    return exitCode;
  }

  /**
   * The state for a plugin exit code; anything outside 0-3 is UNKNOWN, as the plugin guidelines
   * say.
   */
  public static CheckState ofExitCode(int code) {
    return switch (code) {
      case 0 -> OK;
      case 1 -> WARNING;
      case 2 -> CRITICAL;
      default -> UNKNOWN;
    };
  }

  /** The worse of two states: CRITICAL over WARNING over UNKNOWN over OK. */
  public CheckState worst(CheckState other) {
    return rank() >= other.rank() ? this : other;
  }

  private int rank() {
    return switch (this) {
      case OK -> 0;
      case UNKNOWN -> 1;
      case WARNING -> 2;
      case CRITICAL -> 3;
    };
  }

  @JsonValue
  public String code() {
    return Codes.of(this);
  }
}
