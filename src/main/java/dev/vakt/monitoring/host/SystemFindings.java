package dev.vakt.monitoring.host;

import dev.vakt.monitoring.CheckResult;
import dev.vakt.monitoring.CheckState;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What the system and cluster readers found, gathered one item at a time and turned into one
 * verdict: the worst state wins and the reason lists the worst items first, so the line a
 * technician sees starts with what needs doing.
 */
final class SystemFindings {

  /** Messages of a shell or a tool that mean the command did not run, not that it found nothing. */
  private static final Pattern NOT_RUN =
      Pattern.compile(
          "command not found|: not found|Permission denied|Operation not permitted"
              + "|a password is required|a terminal is required|must be run as root"
              + "|must be root|are you root",
          Pattern.CASE_INSENSITIVE);

  private record Item(CheckState state, String text, int order) {}

  private final List<Item> items = new ArrayList<>();
  private final Map<String, BigDecimal> metrics = new TreeMap<>();

  /** Adds an item; {@code OK} items are context (counts, versions) shown after the problems. */
  SystemFindings add(CheckState state, String text) {
    items.add(new Item(state, text, items.size()));
    return this;
  }

  SystemFindings metric(String name, BigDecimal value) {
    if (value != null) {
      metrics.put(name, value);
    }
    return this;
  }

  SystemFindings metric(String name, long value) {
    return metric(name, BigDecimal.valueOf(value));
  }

  CheckState state() {
    return items.stream().map(Item::state).reduce(CheckState.OK, CheckState::worst);
  }

  /** The verdict: worst state, items joined worst first (stable within one state). */
  CheckResult result() {
    String reason =
        items.stream()
            .sorted(
                Comparator.comparingInt((Item i) -> severity(i.state()))
                    .reversed()
                    .thenComparingInt(Item::order))
            .map(Item::text)
            .collect(Collectors.joining("; "));
    return new CheckResult(state(), reason, Duration.ZERO, metrics);
  }

  private static int severity(CheckState state) {
    return switch (state) {
      case CRITICAL -> 3;
      case WARNING -> 2;
      case UNKNOWN -> 1;
      case OK -> 0;
    };
  }

  /**
   * The verdict of {@code reader}, or UNKNOWN naming the error if it failed: a parser bug must
   * never read as a healthy host, nor stop the other checks.
   */
  static CheckResult safely(java.util.function.Supplier<CheckResult> reader) {
    try {
      return reader.get();
    } catch (RuntimeException e) {
      return unknown("reader error: " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  /** An UNKNOWN verdict with nothing measured. */
  static CheckResult unknown(String reason) {
    return CheckResult.unknown(reason, Duration.ZERO);
  }

  /**
   * Why {@code output} shows that {@code command} could not run at all (missing tool, no
   * permission), or empty when it ran. Exit 127 is the shell's "not found", 126 "cannot execute".
   */
  static Optional<String> notRun(String command, CommandOutput output) {
    String text = firstLine(output.stderr().isBlank() ? output.stdout() : output.stderr());
    if (output.exitStatus() == 127) {
      return Optional.of(command + " not found on the host" + suffix(text));
    }
    if (output.exitStatus() == 126) {
      return Optional.of(command + " cannot be executed" + suffix(text));
    }
    if (output.exitStatus() != 0 && NOT_RUN.matcher(output.stderr()).find()) {
      return Optional.of(command + " could not run: " + text);
    }
    return Optional.empty();
  }

  /** The first non-blank line of {@code text}, at most 160 characters. */
  static String firstLine(String text) {
    for (String line : text.split("\\R")) {
      if (!line.isBlank()) {
        String l = line.strip();
        return l.length() > 160 ? l.substring(0, 157) + "..." : l;
      }
    }
    return "";
  }

  private static String suffix(String text) {
    return text.isEmpty() ? "" : " (" + text + ")";
  }

  /** Too few outputs for the commands: a runner bug, never a verdict on the host. */
  static Optional<CheckResult> missingOutputs(HostReader reader, List<CommandOutput> outputs) {
    int expected = reader.commands().size();
    if (outputs == null || outputs.size() < expected) {
      return Optional.of(
          unknown(
              "expected "
                  + expected
                  + " command outputs, got "
                  + (outputs == null ? 0 : outputs.size())));
    }
    return Optional.empty();
  }

  /** A decimal for reasons: at most two places, no trailing zeros, no exponent. */
  static String plain(BigDecimal value) {
    BigDecimal scaled = value.setScale(2, RoundingMode.HALF_UP).stripTrailingZeros();
    return scaled.scale() < 0 ? scaled.setScale(0).toPlainString() : scaled.toPlainString();
  }

  /** The first {@code max} names, then "and N more". */
  static String few(List<String> names, int max) {
    if (names.size() <= max) {
      return String.join(", ", names);
    }
    return String.join(", ", names.subList(0, max)) + " and " + (names.size() - max) + " more";
  }
}
