package dev.vakt.maintenance.patching;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** Half-open time spans {@code [from, to)}, and whether some of them cover another. */
final class Spans {

  record Span(Instant from, Instant to) {}

  private Spans() {}

  /** Whether the union of {@code spans} covers all of {@code [from, to)}; an empty one is. */
  static boolean covers(List<Span> spans, Instant from, Instant to) {
    Instant reached = from;
    for (Span s : spans.stream().sorted(Comparator.comparing(Span::from)).toList()) {
      if (!reached.isBefore(to)) {
        return true;
      }
      if (s.from().isAfter(reached)) {
        return false; // a gap no later span can fill: they start later still
      }
      if (s.to().isAfter(reached)) {
        reached = s.to();
      }
    }
    return !reached.isBefore(to);
  }

  static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
