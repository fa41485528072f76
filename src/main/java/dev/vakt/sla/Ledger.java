package dev.vakt.sla;

import dev.vakt.contract.OutageCategory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The events sorted per service, so each service's timeline reads only its own. Times are epoch
 * milliseconds; an open end ({@code to} absent) is {@link Long#MAX_VALUE}.
 */
final class Ledger {

  static final long OPEN = Long.MAX_VALUE;

  /** A hard state from {@code at}. */
  record State(long at, SlaEvent.Level level, Why source, String incident) {}

  /** Something that holds over {@code [from, to)}: a report, a gap, or a classification. */
  record Span(long from, long to, Why source) {}

  /**
   * A period that gives down time a category. {@code rank} orders competing classifications: a
   * reclassification outranks every other kind, and among reclassifications the latest decision
   * wins; other kinds rank by their order in the ledger, first wins.
   */
  record Classification(long from, long to, OutageCategory category, Why source, long rank) {}

  /** An action on a fault. */
  record Act(long at, SlaEvent.ActionKind kind, String by) {}

  /** One service's events. */
  static final class Events {
    final List<State> states = new ArrayList<>();
    final List<Span> reports = new ArrayList<>();
    final List<Classification> classifications = new ArrayList<>();
    final List<Act> actions = new ArrayList<>();
  }

  private static final Events NONE = new Events();
  private final Map<String, Events> byService = new HashMap<>();
  private final List<Span> gaps;

  Ledger(Collection<? extends SlaEvent> events, Set<String> services) {
    List<Span> gapList = new ArrayList<>();
    long order = 0;
    for (SlaEvent e : events) {
      order++;
      switch (e) {
        case SlaEvent.StateChange s -> {
          Events x = of(services, s.service());
          if (x != null) {
            x.states.add(new State(ms(s.at()), s.state(), Why.of(s), s.incident()));
          }
        }
        case SlaEvent.Report r -> {
          Events x = of(services, r.service());
          if (x != null) {
            x.reports.add(
                new Span(ms(r.at()), r.fixedAt() == null ? OPEN : ms(r.fixedAt()), Why.of(r)));
          }
        }
        case SlaEvent.Maintenance m ->
            classify(
                services,
                m.services(),
                m.from(),
                m.to(),
                OutageCategory.PLANNED_MAINTENANCE,
                Why.of(m),
                order);
        case SlaEvent.AccessLost a ->
            classify(
                services,
                a.services(),
                a.from(),
                a.to(),
                OutageCategory.ACCESS_LOST,
                Why.of(a),
                order);
        case SlaEvent.Classified c ->
            classify(services, c.services(), c.from(), c.to(), c.category(), Why.of(c), order);
        case SlaEvent.Reclassify r -> {
          Events x = of(services, r.service());
          if (x != null) {
            // Above every other kind (ranks below 0 are reclassifications): the later decision
            // is the more negative, and the lowest wins.
            x.classifications.add(
                new Classification(
                    ms(r.from()),
                    ms(r.to()),
                    r.category(),
                    Why.of(r),
                    Long.MIN_VALUE / 2 - ms(r.at())));
          }
        }
        case SlaEvent.Gap g -> gapList.add(new Span(ms(g.from()), ms(g.to()), Why.of(g)));
        case SlaEvent.Action a -> {
          Events x = of(services, a.service());
          if (x != null) {
            x.actions.add(new Act(ms(a.at()), a.kind(), a.by()));
          }
        }
      }
    }
    // Stable sorts: of two states at the same instant, the later line in the ledger holds.
    for (Events x : byService.values()) {
      x.states.sort(Comparator.comparingLong(State::at));
      x.reports.sort(Comparator.comparingLong(Span::from));
      x.actions.sort(Comparator.comparingLong(Act::at));
    }
    gapList.sort(Comparator.comparingLong(Span::from));
    this.gaps = List.copyOf(gapList);
  }

  Events of(String service) {
    return byService.getOrDefault(service, NONE);
  }

  /** Every monitoring gap, sorted by start; gaps apply to all services (MON-9). */
  List<Span> gaps() {
    return gaps;
  }

  private void classify(
      Set<String> services,
      List<String> targets,
      Instant from,
      Instant to,
      OutageCategory category,
      Why source,
      long order) {
    Classification c =
        new Classification(ms(from), to == null ? OPEN : ms(to), category, source, order);
    for (String s : targets) {
      Events x = of(services, s);
      if (x != null) {
        x.classifications.add(c);
      }
    }
  }

  /** The service's events, or null for a service not reported on: its events drop out. */
  private Events of(Set<String> services, String service) {
    Events x = byService.get(service);
    if (x == null && services.contains(service)) {
      x = new Events();
      byService.put(service, x);
    }
    return x;
  }

  static long ms(Instant t) {
    return t.toEpochMilli();
  }
}
