package dev.vakt.monitoring.host;

import dev.vakt.common.Percent;
import dev.vakt.monitoring.CheckResult;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Small helpers the storage readers share: command failures, one-line texts, metric names. */
final class StorageText {

  private static final Pattern NOT_INSTALLED =
      Pattern.compile("command not found|: not found|No such file or directory");
  private static final Pattern NOT_PERMITTED =
      Pattern.compile(
          "Permission denied|Operation not permitted|a password is required|not in the sudoers",
          Pattern.CASE_INSENSITIVE);

  private StorageText() {}

  /**
   * Why a command could not run at all, or null when it ran. Exit 127 is the shell's "command not
   * found"; the texts also catch a {@code sudo} that refused or a tool run as a plain user.
   */
  static String notRunnable(String tool, CommandOutput output) {
    String stderr = output.stderr();
    if (output.exitStatus() == 127
        || (output.exitStatus() != 0 && NOT_INSTALLED.matcher(stderr).find())) {
      return tool + " is not installed";
    }
    if (output.exitStatus() != 0 && NOT_PERMITTED.matcher(stderr).find()) {
      return tool + ": permission denied (" + firstLine(stderr, 120) + ")";
    }
    return null;
  }

  /** UNKNOWN when the number of outputs does not match the commands; null when it does. */
  static CheckResult wrongCount(List<CommandOutput> outputs, int expected) {
    if (outputs == null
        || outputs.size() != expected
        || outputs.stream().anyMatch(java.util.Objects::isNull)) {
      return CheckResult.unknown(
          "expected the output of "
              + expected
              + " command(s), got "
              + (outputs == null ? 0 : outputs.size()),
          Duration.ZERO);
    }
    return null;
  }

  /** The verdict when a reader failed on odd input: UNKNOWN, never an exception. */
  /**
   * The verdict {@code read} gives, guarded as every reader's must be: the wrong number of outputs,
   * or a bug in the reader, is UNKNOWN naming {@code what}, never an exception.
   */
  static CheckResult guarded(
      List<CommandOutput> outputs,
      int expected,
      String what,
      java.util.function.Supplier<CheckResult> verdict) {
    CheckResult wrong = wrongCount(outputs, expected);
    if (wrong != null) {
      return wrong;
    }
    try {
      return verdict.get();
    } catch (RuntimeException e) {
      return readerError(what, e);
    }
  }

  static CheckResult readerError(String what, RuntimeException e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return CheckResult.unknown(
        "cannot read the output of " + what + ": " + firstLine(message, 160), Duration.ZERO);
  }

  /** The first non-blank line of {@code text}, control characters replaced, cut at {@code max}. */
  static String firstLine(String text, int max) {
    String line = "";
    for (String candidate : text.strip().split("\\R")) {
      if (!candidate.isBlank()) {
        line = candidate.strip();
        break;
      }
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < line.length() && out.length() < max; i++) {
      char c = line.charAt(i);
      out.append(Character.isISOControl(c) ? '?' : c);
    }
    return line.length() > out.length() ? out + "..." : out.toString();
  }

  /** Whether {@code value} reached the threshold: "greater or equal", as check_disk does. */
  static boolean reached(BigDecimal value, Percent threshold) {
    return value.compareTo(threshold.value()) >= 0;
  }

  /** A percentage for people: "37.5 %", "90 %". */
  static String pct(BigDecimal value) {
    return value.stripTrailingZeros().toPlainString() + " %";
  }

  /** {@code part / whole} in percent with one decimal, rounded half up; 0 when whole is 0. */
  static BigDecimal percentOf(BigDecimal part, BigDecimal whole) {
    if (whole.signum() == 0) {
      return BigDecimal.ZERO;
    }
    return part.multiply(BigDecimal.valueOf(100)).divide(whole, 1, RoundingMode.HALF_UP);
  }

  /**
   * A metric name part for a mount point, pool or device, as PerfData names check_disk's labels:
   * {@code /} is {@code root}, {@code /var/lib/vz} is {@code var_lib_vz}, {@code pve/data} is
   * {@code pve_data}.
   */
  static String metricPart(String name) {
    if (name.equals("/")) {
      return "root";
    }
    String part =
        name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
    return part.isEmpty() ? "unnamed" : part;
  }

  /** Puts {@code value} under {@code name}, or {@code name_2}, {@code name_3}... when taken. */
  static void putUnique(Map<String, BigDecimal> metrics, String name, BigDecimal value) {
    String unique = name;
    for (int n = 2; metrics.containsKey(unique); n++) {
      unique = name + "_" + n;
    }
    metrics.put(unique, value);
  }
}
