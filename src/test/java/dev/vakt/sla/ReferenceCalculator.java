package dev.vakt.sla;

import dev.vakt.common.Money;
import dev.vakt.contract.OutageCategory;
import dev.vakt.contract.SlaTerms;
import dev.vakt.contract.Terms;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The calculator as it was before the allocation work of issue 5 (commit 8b3ab92): its ledger,
 * timeline, outages and bucket accumulation copied unchanged, as the oracle that {@link
 * SlaReferenceProperties} holds {@link SlaCalculator} to. Not to be improved: its worth is that it
 * is the old code. It shares with the calculator only what that work left as it was (figures,
 * credits, windows, opening hours, and the sums and days of {@link Buckets}, which {@link
 * SlaReferenceProperties} checks against plain column sums).
 */
final class ReferenceCalculator {

  private ReferenceCalculator() {}

  /**
   * The report for the request's services and period.
   *
   * @throws IllegalArgumentException never for valid requests: {@link SlaRequest} checks its input
   */
  static SlaReport report(SlaRequest q) {
    Terms terms = q.terms();
    ZoneId zone = SlaRequest.zone(terms);
    List<String> notes = new ArrayList<>();
    if (terms.timeZone() == null) {
      notes.add("the contract sets no time zone: days and months are laid out in UTC");
    }
    SlaTerms sla = terms.sla();
    Set<OutageCategory> excluded =
        sla == null || sla.excluded() == null
            ? EnumSet.noneOf(OutageCategory.class)
            : copy(sla.excluded());
    long from = q.from().toEpochMilli();
    long to = q.to().toEpochMilli();
    long now = q.now().toEpochMilli();
    long until = Math.min(to, now);
    if (until < to) {
      notes.add("the period ends after the moment of evaluation: figures run until " + q.now());
    }

    List<Figures.Spec> specs = new ArrayList<>();
    specs.add(
        new Figures.Spec(
            "period",
            SlaTerms.Basis.ALWAYS,
            null,
            new Windows.W(from, to, "the report period", List.of())));
    if (sla != null) {
      addSpec(specs, "uptime", sla.uptime(), zone, from, to);
      addSpec(specs, "availability", sla.availability(), zone, from, to);
    }
    long start = from;
    long end = to;
    List<Long> cuts = new ArrayList<>(List.of(from, until));
    for (Figures.Spec s : specs) {
      start = Math.min(start, s.window().from());
      end = Math.max(end, s.window().to());
      cuts.add(s.window().from());
      cuts.add(Math.min(s.window().to(), now));
      s.window().months().forEach(m -> cuts.add(m.from()));
    }
    end = Math.min(end, now);
    long[] cutsArray = cuts.stream().mapToLong(Long::longValue).toArray();
    Buckets buckets = new Buckets(zone, start, end, cutsArray);
    Accumulation accumulation = new Accumulation(zone, start, end, cutsArray);
    long[] always = buckets.basis(null);
    boolean needsOpening = specs.stream().anyMatch(s -> s.basis() == SlaTerms.Basis.OPENING_HOURS);
    long[] openIntervals = null;
    if (needsOpening && terms.openingHours() == null) {
      notes.add("the contract sets no opening hours: figures over opening hours count every hour");
    } else if (needsOpening) {
      openIntervals = OpeningHours.intervals(terms.openingHours(), zone, q.holidays(), start, end);
      if (q.holidays().isEmpty()
          && terms.openingHours().stream().anyMatch(r -> r.days().workingDaysOnly())) {
        notes.add("no public holidays given: working-days opening hours include them");
      }
    }
    long[] opening = openIntervals == null ? always : buckets.basis(openIntervals);
    Duration maxTta = sla == null ? null : sla.maxTimeToAction();
    Duration maxRestore = sla == null ? null : sla.maxRestoreTime();
    Duration mtbf = sla == null ? null : sla.minimumMtbf();

    Ledger ledger = new Ledger(q.events(), new HashSet<>(q.services()));
    List<Ledger.Span> gaps = Timeline.merge(ledger.gaps());
    Outages.Bounds bounds = new Outages.Bounds(from, until, now);
    long[] totalAlways = new long[buckets.size() * Buckets.WIDTH];
    long[] totalOpening = openIntervals == null ? totalAlways : new long[totalAlways.length];
    List<SlaReport.ServiceReport> reports = new ArrayList<>();
    List<SlaReport.Incident> allIncidents = new ArrayList<>();
    List<List<Timeline.Seg>> allSegs = new ArrayList<>();
    Duration operating = Duration.ZERO;
    int failures = 0;
    // One scratch array per basis for all services: each service's buckets are added to the
    // total and turned into its figures before the next service reuses them.
    long[] dataAlways = new long[totalAlways.length];
    long[] dataOpening = openIntervals == null ? dataAlways : new long[totalAlways.length];
    for (String service : q.services()) {
      // One millisecond before the range, so a run that was already down is seen to start earlier.
      List<Timeline.Seg> segs = Timeline.build(ledger.of(service), gaps, start - 1, now);
      accumulation.accumulate(segs, null, excluded, dataAlways);
      if (openIntervals != null) {
        accumulation.accumulate(segs, openIntervals, excluded, dataOpening);
      }
      add(totalAlways, dataAlways);
      if (totalOpening != totalAlways) {
        add(totalOpening, dataOpening);
      }
      Part part =
          part(
              specs,
              new Figures.Inputs(buckets, dataAlways, always, excluded, null, zone, now),
              new Figures.Inputs(buckets, dataOpening, opening, excluded, null, zone, now));
      List<SlaReport.Outage> outages =
          Outages.of(service, segs, bounds, ledger.of(service).actions, excluded, maxTta);
      List<SlaReport.Incident> incidents =
          troubleshooting(
              terms, zone, q, Outages.incidents(outages, maxRestore), ledger.of(service).actions);
      allIncidents.addAll(incidents);
      allSegs.add(segs);
      SlaReport.Reliability reliability =
          Outages.reliability(Outages.operating(part.period()), incidents, mtbf);
      operating = operating.plus(reliability.operatingTime());
      failures += reliability.failures();
      reports.add(
          new SlaReport.ServiceReport(
              service,
              part.period(),
              part.figures(),
              outages,
              incidents,
              reliability,
              intervals(segs, start, end, excluded)));
    }
    Money fee = q.monthlyFee();
    SlaTerms.Scope scope =
        sla == null || sla.scope() == null ? SlaTerms.Scope.SERVICE : sla.scope();
    List<SlaReport.Incident> merged = Outages.merge(allIncidents, maxRestore);
    Part total;
    List<String> decidedBy = new ArrayList<>();
    SlaReport.Reliability reliability;
    if (scope == SlaTerms.Scope.SOLUTION) {
      List<Timeline.Seg> u = union(allSegs, excluded);
      accumulation.accumulate(u, null, excluded, dataAlways);
      if (openIntervals != null) {
        accumulation.accumulate(u, openIntervals, excluded, dataOpening);
      }
      total =
          part(
              specs,
              new Figures.Inputs(buckets, dataAlways, always, excluded, fee, zone, now),
              new Figures.Inputs(buckets, dataOpening, opening, excluded, fee, zone, now));
      reliability =
          Outages.reliability(
              Outages.operating(total.period()),
              Outages.incidents(
                  Outages.of("solution", u, bounds, List.of(), excluded, null), maxRestore),
              mtbf);
    } else {
      List<SlaReport.Figure> figures = new ArrayList<>();
      for (int i = 0; i < specs.size(); i++) {
        int k = i;
        SlaReport.ServiceReport worst =
            reports.stream()
                .sorted(
                    Comparator.<SlaReport.ServiceReport>comparingInt(
                            r ->
                                List.of(
                                        SlaReport.Verdict.NOT_MET,
                                        SlaReport.Verdict.UNDETERMINED,
                                        SlaReport.Verdict.MET,
                                        SlaReport.Verdict.NO_TARGET)
                                    .indexOf(r.figures().get(k).verdict()))
                        .thenComparing(
                            r -> r.figures().get(k).achieved(),
                            Comparator.nullsFirst(Comparator.naturalOrder())))
                .findFirst()
                .orElseThrow();
        decidedBy.add(worst.service());
        SlaReport.Figure f = worst.figures().get(i);
        if (fee != null && f.credit() != null) {
          List<Timeline.Seg> segs = allSegs.get(reports.indexOf(worst));
          accumulation.accumulate(segs, null, excluded, dataAlways);
          if (openIntervals != null) {
            accumulation.accumulate(segs, openIntervals, excluded, dataOpening);
          }
          f =
              part(
                      specs,
                      new Figures.Inputs(buckets, dataAlways, always, excluded, fee, zone, now),
                      new Figures.Inputs(buckets, dataOpening, opening, excluded, fee, zone, now))
                  .figures()
                  .get(i);
        }
        figures.add(f);
      }
      total = new Part(figures.getFirst().time(), List.copyOf(figures));
      reliability =
          reports.stream()
              .map(SlaReport.ServiceReport::reliability)
              .sorted(
                  Comparator.<SlaReport.Reliability, Boolean>comparing(
                          r -> !Boolean.FALSE.equals(r.met()))
                      .thenComparing(
                          SlaReport.Reliability::mtbf,
                          Comparator.nullsLast(Comparator.naturalOrder())))
              .findFirst()
              .orElseThrow();
    }
    return new SlaReport(
        q.customer(),
        q.contract(),
        zone,
        q.from(),
        q.to(),
        q.now(),
        Instant.ofEpochMilli(until),
        List.copyOf(reports),
        new SlaReport.Total(
            q.services(),
            scope,
            Totals.reading(scope),
            total.period(),
            total.figures(),
            List.copyOf(decidedBy),
            merged,
            reliability,
            troubleshootingTotal(terms, merged)),
        List.copyOf(notes));
  }

  /** The solution's state per elementary interval, by looking at every service's segments. */
  private static List<Timeline.Seg> union(
      List<List<Timeline.Seg>> services, Set<OutageCategory> excluded) {
    java.util.TreeSet<Long> cuts = new java.util.TreeSet<>();
    services.forEach(
        l ->
            l.forEach(
                s -> {
                  cuts.add(s.from());
                  cuts.add(s.to());
                }));
    List<Timeline.Seg> out = new ArrayList<>();
    Long prev = null;
    for (Long c : cuts) {
      if (prev != null) {
        Timeline.Seg counted = null;
        Timeline.Seg down = null;
        Timeline.Seg unmonitored = null;
        for (List<Timeline.Seg> l : services) {
          for (Timeline.Seg s : l) {
            if (s.from() <= prev && s.to() >= c) {
              if (s.state() == SlaReport.State.DOWN && !excluded.contains(s.category())) {
                counted = counted == null ? s : counted;
              } else if (s.state() == SlaReport.State.DOWN) {
                down = down == null ? s : down;
              } else {
                unmonitored = unmonitored == null ? s : unmonitored;
              }
            }
          }
        }
        Timeline.Seg x = counted != null ? counted : down != null ? down : unmonitored;
        if (x != null) {
          out.add(new Timeline.Seg(prev, c, x.state(), x.category(), x.sources(), x.incident()));
        }
      }
      prev = c;
    }
    return out;
  }

  /** ALR-3 per incident, by a plain look at every action. */
  private static List<SlaReport.Incident> troubleshooting(
      Terms terms,
      ZoneId zone,
      SlaRequest q,
      List<SlaReport.Incident> incidents,
      List<Ledger.Act> actions) {
    var d = terms.alerting() == null ? null : terms.alerting().troubleshootingStart();
    if (d == null) {
      return incidents;
    }
    List<SlaReport.Incident> out = new ArrayList<>();
    for (SlaReport.Incident i : incidents) {
      if (i.atLeast() && i.start().equals(q.from())) {
        out.add(i); // began before the period: not judged here
        continue;
      }
      List<dev.vakt.contract.WeeklyRule> hours =
          d.applies() == null || d.applies() == dev.vakt.contract.AlertingTerms.Applies.ALWAYS
              ? null
              : d.applies() == dev.vakt.contract.AlertingTerms.Applies.OUTSIDE_OPENING_HOURS
                  ? terms.openingHours()
                  : terms.support() == null ? null : terms.support().hours();
      boolean always =
          d.applies() == null || d.applies() == dev.vakt.contract.AlertingTerms.Applies.ALWAYS;
      boolean applies =
          always
              || hours == null
              || !dev.vakt.contract.WeeklyHours.contains(hours, zone, q.holidays(), i.start());
      Ledger.Act first = null;
      for (Ledger.Act a : actions) {
        if (a.kind() == SlaEvent.ActionKind.TROUBLESHOOTING_STARTED
            && !Instant.ofEpochMilli(a.at()).isBefore(i.start())
            && !Instant.ofEpochMilli(a.at()).isAfter(i.end())
            && (first == null || a.at() < first.at())) {
          first = a;
        }
      }
      Instant at = first == null ? null : Instant.ofEpochMilli(first.at());
      Instant deadline = applies ? i.start().plus(d.within()) : null;
      Boolean missed = null;
      if (applies && at != null) {
        missed = at.isAfter(deadline);
      } else if (applies && i.end().isAfter(deadline)) {
        missed = true;
      } else if (applies && i.end().isBefore(q.now())) {
        missed = false;
      }
      out.add(
          new SlaReport.Incident(
              i.id(),
              i.services(),
              i.start(),
              i.end(),
              i.restoreTime(),
              i.atLeast(),
              i.counted(),
              i.exceeded(),
              i.unmonitored(),
              new SlaReport.Troubleshooting(
                  applies,
                  deadline,
                  at,
                  first == null ? null : first.by(),
                  at == null ? null : Duration.between(i.start(), at),
                  missed)));
    }
    return List.copyOf(out);
  }

  private static SlaReport.TroubleshootingTotal troubleshootingTotal(
      Terms terms, List<SlaReport.Incident> incidents) {
    var d = terms.alerting() == null ? null : terms.alerting().troubleshootingStart();
    if (d == null) {
      return null;
    }
    List<SlaReport.Troubleshooting> judged =
        incidents.stream()
            .map(SlaReport.Incident::troubleshooting)
            .filter(t -> t != null && t.applies())
            .toList();
    long missed = judged.stream().filter(t -> Boolean.TRUE.equals(t.missed())).count();
    long open = judged.stream().filter(t -> t.missed() == null).count();
    return new SlaReport.TroubleshootingTotal(
        d.within(),
        d.applies() == null ? dev.vakt.contract.AlertingTerms.Applies.ALWAYS : d.applies(),
        judged.size(),
        (int) missed,
        (int) open,
        missed > 0
            ? SlaReport.Verdict.NOT_MET
            : open > 0 ? SlaReport.Verdict.UNDETERMINED : SlaReport.Verdict.MET);
  }

  private record Part(SlaReport.Breakdown period, List<SlaReport.Figure> figures) {}

  private static Part part(
      List<Figures.Spec> specs, Figures.Inputs always, Figures.Inputs opening) {
    List<SlaReport.Figure> figures = new ArrayList<>();
    for (Figures.Spec s : specs) {
      figures.add(Figures.figure(s, s.basis() == SlaTerms.Basis.OPENING_HOURS ? opening : always));
    }
    return new Part(figures.getFirst().time(), List.copyOf(figures));
  }

  private static void addSpec(
      List<Figures.Spec> specs,
      String name,
      SlaTerms.Objective o,
      ZoneId zone,
      long from,
      long to) {
    if (o == null) {
      return;
    }
    SlaTerms.Basis basis = o.basis() == null ? SlaTerms.Basis.ALWAYS : o.basis();
    specs.add(new Figures.Spec(name, basis, o, Windows.of(o.measurement(), zone, from, to)));
  }

  private static List<SlaReport.Interval> intervals(
      List<Timeline.Seg> segs, long start, long end, Set<OutageCategory> excluded) {
    List<SlaReport.Interval> out = new ArrayList<>();
    for (Timeline.Seg s : segs) {
      long a = Math.max(s.from(), start);
      long b = Math.min(s.to(), end);
      if (a < b) {
        out.add(
            new SlaReport.Interval(
                Instant.ofEpochMilli(a),
                Instant.ofEpochMilli(b),
                s.state(),
                s.category(),
                s.state() == SlaReport.State.DOWN && !excluded.contains(s.category()),
                s.sources()));
      }
    }
    return List.copyOf(out);
  }

  private static Set<OutageCategory> copy(Set<OutageCategory> excluded) {
    // EnumSet.copyOf refuses an empty set that is not an EnumSet.
    Set<OutageCategory> s = EnumSet.noneOf(OutageCategory.class);
    s.addAll(excluded);
    return s;
  }

  private static long[] times(long[] basis, int n) {
    long[] out = new long[basis.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = basis[i] * n;
    }
    return out;
  }

  private static void add(long[] total, long[] part) {
    for (int i = 0; i < total.length; i++) {
      total[i] += part[i];
    }
  }

  /**
   * The events sorted per service, so each service's timeline reads only its own. Times are epoch
   * milliseconds; an open end ({@code to} absent) is {@link Long#MAX_VALUE}.
   */
  static final class Ledger {

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

  /**
   * Turns one service's events into the segments of its timeline that are not plainly up: DOWN (a
   * hard critical state, or a customer's report, SLA-1) with a category, and UNMONITORED (a
   * monitoring gap, an unknown state, or no state yet: SLA-11). The time between segments is up.
   */
  static final class Timeline {

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
    static List<Ledger.Span> merge(List<Ledger.Span> sorted) {
      List<Ledger.Span> out = new ArrayList<>();
      for (Ledger.Span g : sorted) {
        Ledger.Span last = out.isEmpty() ? null : out.getLast();
        if (last != null && g.from() <= last.to()) {
          out.set(
              out.size() - 1,
              new Ledger.Span(
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
    static List<Seg> build(Ledger.Events ev, List<Ledger.Span> gaps, long start, long end) {
      long[] cuts = cuts(ev, gaps, start, end);
      List<Seg> raw = new ArrayList<>();
      int k = -1;
      int g = 0;
      int r = 0;
      List<Ledger.Span> active = new ArrayList<>();
      for (int i = 0; i + 1 < cuts.length; i++) {
        long b = cuts[i];
        while (k + 1 < ev.states.size() && ev.states.get(k + 1).at() <= b) {
          k++;
        }
        while (g < gaps.size() && gaps.get(g).to() <= b) {
          g++;
        }
        while (r < ev.reports.size() && ev.reports.get(r).from() <= b) {
          active.add(ev.reports.get(r++));
        }
        active.removeIf(x -> x.to() <= b);
        Ledger.State state = k < 0 ? null : ev.states.get(k);
        Ledger.Span gap = g < gaps.size() && gaps.get(g).from() <= b ? gaps.get(g) : null;
        boolean critical = state != null && state.level() == SlaEvent.Level.CRITICAL && gap == null;
        Seg seg;
        if (critical || !active.isEmpty()) {
          List<Why> sources = new ArrayList<>(1 + active.size());
          if (critical) {
            sources.add(state.source());
          }
          active.forEach(x -> sources.add(x.source()));
          seg =
              new Seg(
                  b,
                  cuts[i + 1],
                  SlaReport.State.DOWN,
                  null,
                  Sources.of(sources),
                  critical ? state.incident() : null);
        } else if (gap != null || state == null || state.level() == SlaEvent.Level.UNKNOWN) {
          Sources why =
              gap != null
                  ? Sources.of(gap.source())
                  : state == null ? NO_DATA : Sources.of(state.source());
          seg = new Seg(b, cuts[i + 1], SlaReport.State.UNMONITORED, null, why, null);
        } else {
          continue; // up
        }
        append(raw, seg);
      }
      List<Seg> out = new ArrayList<>(raw.size());
      for (Seg s : raw) {
        if (s.state() == SlaReport.State.DOWN) {
          categorise(s, ev.classifications, out);
        } else {
          out.add(s);
        }
      }
      return out;
    }

    /** Every instant at which something may change, within the range. */
    private static long[] cuts(Ledger.Events ev, List<Ledger.Span> gaps, long start, long end) {
      long[] c = new long[2 + ev.states.size() + 2 * gaps.size() + 2 * ev.reports.size()];
      int n = 0;
      c[n++] = start;
      c[n++] = end;
      for (Ledger.State s : ev.states) {
        c[n++] = clamp(s.at(), start, end);
      }
      for (Ledger.Span s : gaps) {
        c[n++] = clamp(s.from(), start, end);
        c[n++] = clamp(s.to(), start, end);
      }
      for (Ledger.Span s : ev.reports) {
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
    private static void categorise(Seg s, List<Ledger.Classification> all, List<Seg> out) {
      List<Ledger.Classification> over = new ArrayList<>();
      for (Ledger.Classification c : all) {
        if (c.from() < s.to() && c.to() > s.from()) {
          over.add(c);
        }
      }
      if (over.isEmpty()) {
        append(out, withCategory(s, s.from(), s.to(), null));
        return;
      }
      long[] c = new long[2 + 2 * over.size()];
      int n = 0;
      c[n++] = s.from();
      c[n++] = s.to();
      for (Ledger.Classification x : over) {
        c[n++] = clamp(x.from(), s.from(), s.to());
        c[n++] = clamp(x.to(), s.from(), s.to());
      }
      Arrays.sort(c);
      for (int i = 0; i + 1 < c.length; i++) {
        if (c[i] == c[i + 1]) {
          continue;
        }
        Ledger.Classification best = null;
        for (Ledger.Classification x : over) {
          if (x.from() <= c[i] && x.to() > c[i] && (best == null || x.rank() < best.rank())) {
            best = x;
          }
        }
        append(out, withCategory(s, c[i], c[i + 1], best));
      }
    }

    private static Seg withCategory(Seg s, long from, long to, Ledger.Classification c) {
      if (c == null) {
        return new Seg(from, to, s.state(), OutageCategory.COUNTED, s.sources(), s.incident());
      }
      return new Seg(from, to, s.state(), c.category(), s.sources().plus(c.source()), s.incident());
    }

    /** Adds {@code s}, joining it to the last segment when it continues it unchanged. */
    private static void append(List<Seg> out, Seg s) {
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

  /** Outages, incidents, time to action and MTBF from a service's down segments. */
  static final class Outages {

    /** The report period and where the timeline ends ({@code now}). */
    record Bounds(long from, long until, long end) {}

    private Outages() {}

    /** Maximal runs of down time that reach into the period, clipped to it. */
    static List<SlaReport.Outage> of(
        String service,
        List<Timeline.Seg> segs,
        Bounds b,
        List<Ledger.Act> actions,
        Set<OutageCategory> excluded,
        Duration maxTimeToAction) {
      List<SlaReport.Outage> out = new ArrayList<>();
      int i = 0;
      long prevTo = Long.MIN_VALUE;
      long prevFrom = 0;
      String prevId = null;
      boolean prevBefore = false;
      while (i < segs.size()) {
        if (segs.get(i).state() != SlaReport.State.DOWN) {
          i++;
          continue;
        }
        int j = i + 1;
        while (j < segs.size()
            && segs.get(j).state() == SlaReport.State.DOWN
            && segs.get(j).from() == segs.get(j - 1).to()) {
          j++;
        }
        List<Timeline.Seg> run = segs.subList(i, j);
        i = j;
        long runFrom = run.getFirst().from();
        long runTo = run.getLast().to();
        // Issue 31: a run after a stretch wholly covered by unmonitored time continues the fault
        // before it (checked here by covered length, not by neighbouring segments).
        boolean continues =
            prevTo < runFrom && unmonitored(segs, prevTo, runFrom) == runFrom - prevTo;
        String runIncident = null;
        for (Timeline.Seg s : run) {
          runIncident = runIncident == null ? s.incident() : runIncident;
        }
        long gapFrom = continues ? prevTo : runFrom;
        boolean before = continues ? prevBefore : runFrom < b.from();
        String id =
            continues
                ? prevId
                : runIncident != null
                    ? runIncident
                    : service + "@" + IsoInstant.format(Math.max(runFrom, b.from()));
        prevTo = runTo;
        prevId = id;
        prevBefore = before;
        if (runTo <= b.from() || runFrom >= b.until()) {
          continue;
        }
        long start = Math.max(runFrom, b.from());
        long end = Math.min(runTo, b.until());
        long gap = Math.max(0, Math.min(runFrom, b.until()) - Math.max(gapFrom, b.from()));
        Map<OutageCategory, Long> byCategory = new EnumMap<>(OutageCategory.class);
        long counted = 0;
        String incident = null;
        Set<Why> sources = new LinkedHashSet<>();
        for (Timeline.Seg s : run) {
          long len = Math.min(s.to(), end) - Math.max(s.from(), start);
          if (len > 0) {
            byCategory.merge(s.category(), len, Long::sum);
            counted += excluded.contains(s.category()) ? 0 : len;
            sources.addAll(s.sources().whys());
          }
          incident = incident == null ? s.incident() : incident;
        }
        List<SlaReport.CategoryTime> categories = new ArrayList<>();
        byCategory.forEach(
            (c, t) ->
                categories.add(
                    new SlaReport.CategoryTime(c, Duration.ofMillis(t), excluded.contains(c))));
        out.add(
            new SlaReport.Outage(
                service,
                Instant.ofEpochMilli(start),
                Instant.ofEpochMilli(end),
                Duration.ofMillis(end - start),
                Duration.ofMillis(counted),
                List.copyOf(categories),
                id,
                before,
                runTo > b.until(),
                runTo >= b.end(),
                action(actions, runFrom, runTo, maxTimeToAction),
                Sources.of(sources),
                Duration.ofMillis(gap),
                Duration.ofMillis(trailing(segs, runTo, b))));
      }
      return out;
    }

    /** Unmonitored time from {@code t} on, followed by up time, within the period. */
    private static long trailing(List<Timeline.Seg> segs, long runTo, Bounds b) {
      long t = runTo;
      boolean moved = true;
      while (moved) {
        moved = false;
        for (Timeline.Seg s : segs) {
          if (s.from() == t && s.state() == SlaReport.State.UNMONITORED) {
            t = s.to();
            moved = true;
          }
        }
      }
      for (Timeline.Seg s : segs) {
        if (s.from() == t && s.state() == SlaReport.State.DOWN) {
          return 0;
        }
      }
      return Math.max(0, Math.min(t, b.until()) - Math.max(runTo, b.from()));
    }

    private static long unmonitored(List<Timeline.Seg> segs, long from, long to) {
      long sum = 0;
      for (Timeline.Seg s : segs) {
        if (s.state() == SlaReport.State.UNMONITORED) {
          sum += Math.max(0, Math.min(s.to(), to) - Math.max(s.from(), from));
        }
      }
      return sum;
    }

    /** The first action within the run, and whether it came in time (ALR-4). */
    private static SlaReport.Action action(
        List<Ledger.Act> actions, long from, long to, Duration max) {
      for (Ledger.Act a : actions) {
        if (a.at() >= from && a.at() < to) {
          Duration tta = Duration.ofMillis(a.at() - from);
          return new SlaReport.Action(
              Instant.ofEpochMilli(a.at()),
              a.kind(),
              a.by(),
              tta,
              false,
              max == null ? null : tta.compareTo(max) > 0);
        }
      }
      return new SlaReport.Action(
          null, null, null, null, true, max == null ? null : to - from > max.toMillis());
    }

    /** Outages grouped by incident id, in order of start. */
    static List<SlaReport.Incident> incidents(List<SlaReport.Outage> outages, Duration maxRestore) {
      List<SlaReport.Outage> sorted = new ArrayList<>(outages);
      sorted.sort(Comparator.comparing(SlaReport.Outage::start));
      // Most incidents hold one outage: keep those without a list of their own.
      Map<String, Object> groups = new LinkedHashMap<>();
      for (SlaReport.Outage o : sorted) {
        Object g = groups.putIfAbsent(o.incident(), o);
        if (g instanceof SlaReport.Outage first) {
          List<SlaReport.Outage> list = new ArrayList<>(List.of(first, o));
          groups.put(o.incident(), list);
        } else if (g != null) {
          @SuppressWarnings("unchecked")
          List<SlaReport.Outage> list = (List<SlaReport.Outage>) g;
          list.add(o);
        }
      }
      List<SlaReport.Incident> out = new ArrayList<>(groups.size());
      groups.forEach(
          (id, g) -> {
            @SuppressWarnings("unchecked")
            List<SlaReport.Outage> list =
                g instanceof SlaReport.Outage one ? List.of(one) : (List<SlaReport.Outage>) g;
            out.add(incident(id, list, maxRestore));
          });
      return List.copyOf(out);
    }

    /**
     * The incidents of all services together, from each service's own: an incident that spans
     * services (a host that was down) is joined into one, every other one is taken as it is. The
     * same result as grouping all outages again, at a fraction of the work.
     */
    static List<SlaReport.Incident> merge(
        List<SlaReport.Incident> perService, Duration maxRestore) {
      Map<String, List<SlaReport.Incident>> byId = new LinkedHashMap<>(perService.size() * 2);
      for (SlaReport.Incident i : perService) {
        byId.computeIfAbsent(i.id(), k -> new ArrayList<>(1)).add(i);
      }
      List<SlaReport.Incident> out = new ArrayList<>(byId.size());
      for (List<SlaReport.Incident> parts : byId.values()) {
        out.add(parts.size() == 1 ? parts.getFirst() : join(parts, maxRestore));
      }
      out.sort(Comparator.comparing(SlaReport.Incident::start)); // stable: first seen first
      return List.copyOf(out);
    }

    /** One incident from its parts on several services, listed in the order they went down. */
    private static SlaReport.Incident join(List<SlaReport.Incident> parts, Duration maxRestore) {
      List<SlaReport.Incident> ordered = new ArrayList<>(parts);
      ordered.sort(Comparator.comparing(SlaReport.Incident::start));
      Set<String> services = new LinkedHashSet<>();
      Instant start = ordered.getFirst().start();
      Instant end = start;
      boolean atLeast = false;
      boolean counted = false;
      Duration unmonitored = Duration.ZERO;
      SlaReport.Troubleshooting first = ordered.getFirst().troubleshooting();
      Instant at = null;
      String by = null;
      for (SlaReport.Incident p : ordered) {
        services.addAll(p.services());
        end = p.end().isAfter(end) ? p.end() : end;
        atLeast |= p.atLeast();
        counted |= p.counted();
        unmonitored = p.unmonitored().compareTo(unmonitored) > 0 ? p.unmonitored() : unmonitored;
        if (p.troubleshooting() != null
            && p.troubleshooting().at() != null
            && (at == null || p.troubleshooting().at().isBefore(at))) {
          at = p.troubleshooting().at();
          by = p.troubleshooting().by();
        }
      }
      SlaReport.Troubleshooting t = null;
      if (first != null) {
        Boolean missed =
            first.applies() && at != null
                ? Boolean.valueOf(at.isAfter(first.deadline()))
                : first.missed();
        t =
            new SlaReport.Troubleshooting(
                first.applies(),
                first.deadline(),
                at,
                by,
                at == null ? null : Duration.between(start, at),
                missed);
      }
      Duration restore = Duration.between(start, end);
      return new SlaReport.Incident(
          ordered.getFirst().id(),
          List.copyOf(services),
          start,
          end,
          restore,
          atLeast,
          counted,
          maxRestore == null ? null : restore.compareTo(maxRestore) > 0,
          unmonitored,
          t);
    }

    private static SlaReport.Incident incident(
        String id, List<SlaReport.Outage> list, Duration maxRestore) {
      Instant start = list.getFirst().start().minus(list.getFirst().gapBefore());
      Instant end = start;
      Set<String> services = new LinkedHashSet<>();
      boolean clipped = false;
      boolean counted = false;
      Duration unmonitored = Duration.ZERO;
      for (SlaReport.Outage o : list) {
        end = o.end().plus(o.gapAfter()).isAfter(end) ? o.end().plus(o.gapAfter()) : end;
        services.add(o.service());
        clipped |= o.startsBeforePeriod() || o.continuesAfterPeriod() || o.open();
        counted |= o.downtime().isPositive();
        unmonitored = unmonitored.plus(o.gapBefore()).plus(o.gapAfter());
      }
      Duration restore = Duration.between(start, end);
      return new SlaReport.Incident(
          id,
          List.copyOf(services),
          start,
          end,
          restore,
          clipped,
          counted,
          maxRestore == null ? null : restore.compareTo(maxRestore) > 0,
          unmonitored,
          null);
    }

    /** MTBF over the period: operating time per incident with counted down time (SLA-6). */
    static SlaReport.Reliability reliability(
        Duration operating, List<SlaReport.Incident> incidents, Duration promised) {
      int failures = (int) incidents.stream().filter(SlaReport.Incident::counted).count();
      return reliability(operating, failures, promised);
    }

    static SlaReport.Reliability reliability(Duration operating, int failures, Duration promised) {
      Duration mtbf = failures == 0 ? null : operating.dividedBy(failures);
      Boolean met = promised == null ? null : mtbf == null || mtbf.compareTo(promised) >= 0;
      return new SlaReport.Reliability(operating, failures, mtbf, promised, met);
    }

    /** Operating time of a period: neither unmonitored nor counted as down. */
    static Duration operating(SlaReport.Breakdown period) {
      return period.time().minus(period.unmonitored()).minus(period.downtime());
    }
  }

  /** The old {@code Buckets.accumulate}: the same cuts as {@link Buckets}, the same row layout. */
  static final class Accumulation {

    private final long[] cuts;
    private final LocalDate[] dates;

    /**
     * Buckets over {@code [start, end)}: each local midnight is a cut, and so is each extra one.
     */
    Accumulation(ZoneId zone, long start, long end, long[] extra) {
      List<Long> c = new ArrayList<>();
      c.add(start);
      c.add(end);
      for (LocalDate d = OpeningHours.date(start, zone).plusDays(1);
          !d.isAfter(OpeningHours.date(end, zone));
          d = d.plusDays(1)) {
        c.add(d.atStartOfDay(zone).toInstant().toEpochMilli());
      }
      for (long x : extra) {
        c.add(x);
      }
      this.cuts =
          c.stream()
              .mapToLong(Long::longValue)
              .filter(x -> x >= start && x <= end)
              .sorted()
              .distinct()
              .toArray();
      this.dates = new LocalDate[cuts.length - 1];
      for (int i = 0; i < dates.length; i++) {
        dates[i] = OpeningHours.date(cuts[i], zone);
      }
    }

    int size() {
      return dates.length;
    }

    /**
     * The same into {@code data}, which is cleared first: a report over many services reuses one
     * array instead of allocating a year of buckets per service (most of its garbage otherwise).
     */
    long[] accumulate(
        List<Timeline.Seg> segs, long[] open, Set<OutageCategory> excluded, long[] data) {
      java.util.Arrays.fill(data, 0);
      for (Timeline.Seg s : segs) {
        boolean down = s.state() == SlaReport.State.DOWN;
        boolean counted = down && !excluded.contains(s.category());
        int cat = down ? Buckets.CATEGORY + s.category().ordinal() : -1;
        Add add =
            (i, len) -> {
              int row = i * Buckets.WIDTH;
              if (down) {
                data[row + Buckets.DOWN] += len;
                data[row + cat] += len;
                if (counted) {
                  data[row + Buckets.COUNTED] += len;
                }
              } else {
                data[row + Buckets.UNMONITORED] += len;
              }
            };
        if (open == null) {
          spread(s.from(), s.to(), add);
        } else {
          // The first opening interval that ends after the segment starts, then on while they
          // overlap.
          int k = firstEndingAfter(open, s.from());
          for (; k + 1 < open.length && open[k] < s.to(); k += 2) {
            spread(Math.max(open[k], s.from()), Math.min(open[k + 1], s.to()), add);
          }
        }
      }
      return data;
    }

    /** The old {@code Buckets.sum}, every row added. */
    long[] sum(long[] data, long[] basis, long from, long to) {
      long[] out = new long[Buckets.WIDTH + 1];
      for (int i = first(from); i < size() && cuts[i + 1] <= to; i++) {
        for (int c = 0; c < Buckets.WIDTH; c++) {
          out[c] += data[i * Buckets.WIDTH + c];
        }
        out[Buckets.WIDTH] += basis[i];
      }
      return out;
    }

    private int first(long from) {
      int i = Arrays.binarySearch(cuts, from);
      return i >= 0 ? i : -i - 1;
    }

    private interface Add {
      void add(int bucket, long length);
    }

    /**
     * Hands {@code [from, to)} to {@code add} bucket by bucket; time outside the buckets is lost.
     */
    private void spread(long from, long to, Add add) {
      from = Math.max(from, cuts[0]);
      to = Math.min(to, cuts[cuts.length - 1]);
      if (from >= to) {
        return;
      }
      int i = bucketOf(from);
      while (from < to) {
        long end = Math.min(to, cuts[i + 1]);
        add.add(i, end - from);
        from = end;
        i++;
      }
    }

    private int bucketOf(long t) {
      int i = Arrays.binarySearch(cuts, t);
      return i >= 0 ? Math.min(i, size() - 1) : -i - 2;
    }

    private static int firstEndingAfter(long[] open, long t) {
      int lo = 0;
      int hi = open.length / 2;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (open[2 * mid + 1] <= t) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return 2 * lo;
    }
  }
}
