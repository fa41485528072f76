package dev.vakt.sla;

import dev.vakt.contract.OutageCategory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Turns one service's events into the segments of its timeline that are not plainly up: DOWN (a
 * hard critical state, or a customer's report, SLA-1) with a category, and UNMONITORED (a
 * monitoring gap, an unknown state, or no state yet: SLA-11). The time between segments is up.
 */
final class Timeline {

  /** A stretch of one state; {@code category} is set for DOWN only. */
  record Seg(
      long from,
      long to,
      SlaReport.State state,
      OutageCategory category,
      Sources sources,
      String incident) {
    long length() {
      return to - from;
    }
  }

  private static final Sources NO_DATA = Sources.of(Why.text("no monitoring state recorded yet"));

  private Timeline() {}

  /** Merges overlapping gaps into one span each, so a point lies in at most one. */
  static List<ServiceEvents.Span> merge(List<ServiceEvents.Span> sorted) {
    List<ServiceEvents.Span> out = new ArrayList<>();
    for (ServiceEvents.Span g : sorted) {
      ServiceEvents.Span last = out.isEmpty() ? null : out.getLast();
      if (last != null && g.from() <= last.to()) {
        out.set(
            out.size() - 1,
            new ServiceEvents.Span(
                last.from(),
                Math.max(last.to(), g.to()),
                Why.text(last.source().describe() + "; " + g.source().describe())));
      } else {
        out.add(g);
      }
    }
    return out;
  }

  /** The DOWN and UNMONITORED segments of a service within {@code [start, end)}, in order. */
  static List<Seg> build(
      ServiceEvents.Events ev, List<ServiceEvents.Span> gaps, long start, long end) {
    long[] cuts = cuts(ev, gaps, start, end);
    List<Seg> raw = new ArrayList<>();
    int k = -1;
    int g = 0;
    int r = 0;
    List<ServiceEvents.Span> active = new ArrayList<>();
    for (int i = 0; i + 1 < cuts.length; i++) {
      long b = cuts[i];
      while (k + 1 < ev.states.size() && ev.states.at(k + 1) <= b) {
        k++;
      }
      while (g < gaps.size() && gaps.get(g).to() <= b) {
        g++;
      }
      while (r < ev.reports.size() && ev.reports.get(r).from() <= b) {
        active.add(ev.reports.get(r++));
      }
      if (!active.isEmpty()) {
        active.removeIf(x -> x.to() <= b);
      }
      SlaEvent.Level state = k < 0 ? null : ev.states.level(k);
      ServiceEvents.Span gap = g < gaps.size() && gaps.get(g).from() <= b ? gaps.get(g) : null;
      boolean critical = state == SlaEvent.Level.CRITICAL && gap == null;
      Seg seg;
      if (critical || !active.isEmpty()) {
        Why[] sources = new Why[(critical ? 1 : 0) + active.size()];
        int n = 0;
        if (critical) {
          sources[n++] = ev.states.source(k);
        }
        for (ServiceEvents.Span x : active) {
          sources[n++] = x.source();
        }
        // Counted until a classification says otherwise (categorise, below).
        seg =
            new Seg(
                b,
                cuts[i + 1],
                SlaReport.State.DOWN,
                OutageCategory.COUNTED,
                Sources.of(sources, n),
                critical ? ev.states.incident(k) : null);
      } else if (gap != null || state == null || state == SlaEvent.Level.UNKNOWN) {
        Sources why =
            gap != null
                ? Sources.of(gap.source())
                : state == null ? NO_DATA : Sources.of(ev.states.source(k));
        seg = new Seg(b, cuts[i + 1], SlaReport.State.UNMONITORED, null, why, null);
      } else {
        continue; // up
      }
      append(raw, seg);
    }
    if (ev.classifications.isEmpty()) {
      return raw;
    }
    List<Seg> out = new ArrayList<>(raw.size());
    List<ServiceEvents.Classification> over = new ArrayList<>();
    for (Seg s : raw) {
      if (s.state() == SlaReport.State.DOWN) {
        categorise(s, ev.classifications, over, out);
      } else {
        out.add(s);
      }
    }
    return out;
  }

  /** Every instant at which something may change, within the range. */
  private static long[] cuts(
      ServiceEvents.Events ev, List<ServiceEvents.Span> gaps, long start, long end) {
    long[] c = new long[2 + ev.states.size() + 2 * gaps.size() + 2 * ev.reports.size()];
    int n = 0;
    c[n++] = start;
    c[n++] = end;
    for (int k = 0; k < ev.states.size(); k++) {
      c[n++] = clamp(ev.states.at(k), start, end);
    }
    for (ServiceEvents.Span s : gaps) {
      c[n++] = clamp(s.from(), start, end);
      c[n++] = clamp(s.to(), start, end);
    }
    for (ServiceEvents.Span s : ev.reports) {
      c[n++] = clamp(s.from(), start, end);
      c[n++] = clamp(s.to(), start, end);
    }
    Arrays.sort(c, 0, n);
    int u = 0;
    for (int i = 0; i < n; i++) {
      if (u == 0 || c[i] != c[u - 1]) {
        c[u++] = c[i];
      }
    }
    return Arrays.copyOf(c, u);
  }

  /**
   * Splits a DOWN segment by the classifications over it: the best-ranked one decides each piece;
   * where none applies the down time is counted.
   */
  private static void categorise(
      Seg s,
      List<ServiceEvents.Classification> all,
      List<ServiceEvents.Classification> over,
      List<Seg> out) {
    over.clear(); // one list for all segments of the service
    for (ServiceEvents.Classification c : all) {
      if (c.from() < s.to() && c.to() > s.from()) {
        over.add(c);
      }
    }
    if (over.isEmpty()) {
      append(out, s); // counted, as it is
      return;
    }
    long[] c = new long[2 + 2 * over.size()];
    int n = 0;
    c[n++] = s.from();
    c[n++] = s.to();
    for (ServiceEvents.Classification x : over) {
      c[n++] = clamp(x.from(), s.from(), s.to());
      c[n++] = clamp(x.to(), s.from(), s.to());
    }
    Arrays.sort(c);
    for (int i = 0; i + 1 < c.length; i++) {
      if (c[i] == c[i + 1]) {
        continue;
      }
      ServiceEvents.Classification best = null;
      for (ServiceEvents.Classification x : over) {
        if (x.from() <= c[i] && x.to() > c[i] && (best == null || x.rank() < best.rank())) {
          best = x;
        }
      }
      append(out, withCategory(s, c[i], c[i + 1], best));
    }
  }

  private static Seg withCategory(Seg s, long from, long to, ServiceEvents.Classification c) {
    if (c == null) {
      return new Seg(from, to, s.state(), OutageCategory.COUNTED, s.sources(), s.incident());
    }
    return new Seg(from, to, s.state(), c.category(), s.sources().plus(c.source()), s.incident());
  }

  /** Adds {@code s}, joining it to the last segment when it continues it unchanged. */
  static void append(List<Seg> out, Seg s) {
    Seg last = out.isEmpty() ? null : out.getLast();
    if (last != null
        && last.to() == s.from()
        && last.state() == s.state()
        && last.category() == s.category()
        && Objects.equals(last.incident(), s.incident())
        && last.sources().sameAs(s.sources())) {
      out.set(
          out.size() - 1,
          new Seg(last.from(), s.to(), s.state(), s.category(), s.sources(), s.incident()));
    } else {
      out.add(s);
    }
  }

  private static long clamp(long t, long lo, long hi) {
    return Math.max(lo, Math.min(hi, t));
  }
}
