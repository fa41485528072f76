package dev.vakt.maintenance.capacity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * When a cluster's outages count as capacity non-compliance (SLA-9, STW 10.0): while the cluster
 * fails the N-1 rule under a contract that makes a shortfall the customer's responsibility, and a
 * node is short of a resource (a load, CPU, memory, disk or thin-pool check is CRITICAL). Either
 * alone is not enough: a failing rule with healthy nodes causes no outage, and a node short of
 * memory in a compliant cluster is the provider's problem. Plain Java; spans are half-open and an
 * open span has no end.
 */
final class ShortageSpans {

  private ShortageSpans() {}

  /** {@code [from, to)}; {@code to} null while still open. */
  record Span(Instant from, Instant to) {
    Span {
      if (from == null || (to != null && !to.isAfter(from))) {
        throw new IllegalArgumentException("a span needs from < to: " + from + " " + to);
      }
    }

    boolean open() {
      return to == null;
    }
  }

  /** The union of spans, sorted, with overlapping and touching spans joined. */
  static List<Span> union(List<Span> spans) {
    List<Span> sorted = spans.stream().sorted(Comparator.comparing(Span::from)).toList();
    List<Span> out = new ArrayList<>();
    for (Span s : sorted) {
      Span last = out.isEmpty() ? null : out.getLast();
      if (last != null && (last.open() || !s.from().isAfter(last.to()))) {
        Instant end = last.open() || s.open() ? null : max(last.to(), s.to());
        out.set(out.size() - 1, new Span(last.from(), end));
      } else {
        out.add(s);
      }
    }
    return out;
  }

  /** Where both the rule fails and a node is short of a resource. */
  static List<Span> overlap(List<Span> failing, List<Span> pressure) {
    List<Span> a = union(failing);
    List<Span> b = union(pressure);
    List<Span> out = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < a.size() && j < b.size()) {
      Span x = a.get(i);
      Span y = b.get(j);
      Instant from = max(x.from(), y.from());
      Instant to = minEnd(x.to(), y.to());
      if (to == null || to.isAfter(from)) {
        out.add(new Span(from, to));
      }
      // Advance whichever ends first; an open span never ends.
      if (x.open() && y.open()) {
        break;
      } else if (y.open() || (!x.open() && !x.to().isAfter(y.to()))) {
        i++;
      } else {
        j++;
      }
    }
    return out;
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant minEnd(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return a.isBefore(b) ? a : b;
  }
}
