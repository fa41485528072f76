package dev.vakt.monitoring.host;

import dev.vakt.monitoring.CheckResult;
import dev.vakt.monitoring.CheckState;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a storage reader found about each array, disk, pool or mount, collected so the worst state
 * wins and the reason names the worst items first: a technician reading a cut-off line still sees
 * the failing disk rather than the healthy ones.
 */
final class StorageFindings {

  private record Finding(CheckState state, String text) {}

  private final List<Finding> findings = new ArrayList<>();

  void add(CheckState state, String text) {
    findings.add(new Finding(state, text));
  }

  /** The worst state of all findings, OK when there are none. */
  CheckState state() {
    CheckState worst = CheckState.OK;
    for (Finding finding : findings) {
      worst = worst.worst(finding.state());
    }
    return worst;
  }

  boolean isEmpty() {
    return findings.isEmpty();
  }

  /** The findings worst first (stable within one state), joined by "; ". */
  String text() {
    return text("; ");
  }

  /** The findings worst first (stable within one state), joined by {@code separator}. */
  String text(String separator) {
    return findings.stream()
        .sorted(Comparator.comparingInt((Finding f) -> severity(f.state())).reversed())
        .map(Finding::text)
        .collect(Collectors.joining(separator));
  }

  /** The verdict: the findings' state and text, or {@code healthy} when all findings are OK. */
  CheckResult result(String healthy, Map<String, BigDecimal> metrics) {
    CheckState state = state();
    String reason;
    if (state == CheckState.OK) {
      reason = findings.isEmpty() ? healthy : healthy + "; " + text();
    } else {
      reason = text();
    }
    return new CheckResult(state, reason, Duration.ZERO, metrics);
  }

  /** Same order as {@link CheckState#worst}: CRITICAL over WARNING over UNKNOWN over OK. */
  private static int severity(CheckState state) {
    return switch (state) {
      case OK -> 0;
      case UNKNOWN -> 1;
      case WARNING -> 2;
      case CRITICAL -> 3;
    };
  }
}
