package dev.vakt.sla;

import dev.vakt.common.Money;
import dev.vakt.contract.OutageCategory;
import dev.vakt.contract.SlaTerms;
import dev.vakt.contract.Terms;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Computes SLA reports from the ledger and the contract: plain Java, no clock and no database, so
 * the server, the {@code vakt sla} command and a customer with the exported events agree to the
 * millisecond. The rules are in docs/outages.md (SLA-1 to SLA-12, ALR-4, MON-9).
 */
public final class SlaCalculator {

  private SlaCalculator() {}

  /**
   * The report for the request's services and period.
   *
   * @throws IllegalArgumentException never for valid requests: {@link SlaRequest} checks its input
   */
  public static SlaReport report(SlaRequest q) {
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
    Buckets buckets =
        new Buckets(zone, start, end, cuts.stream().mapToLong(Long::longValue).toArray());
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

    SlaTerms.Scope scope =
        sla == null || sla.scope() == null ? SlaTerms.Scope.SERVICE : sla.scope();
    TroubleshootingStart troubleshooting =
        TroubleshootingStart.of(terms, zone, q.holidays(), from, now);
    ServiceEvents ledger = new ServiceEvents(q.events(), q.services());
    List<ServiceEvents.Span> gaps = Timeline.merge(ledger.gaps());
    OutageFigures.Bounds bounds = new OutageFigures.Bounds(from, until, now);
    List<SlaReport.ServiceReport> reports = new ArrayList<>(q.services().size());
    List<SlaReport.Incident> allIncidents = new ArrayList<>();
    List<List<Timeline.Seg>> solution = new ArrayList<>();
    Set<String> named = new HashSet<>(); // incident ids given by the ledger, not generated
    // One scratch per basis for all services: each service's buckets are turned into its figures
    // before the next service reuses them.
    Buckets.Scratch dataAlways = buckets.scratch();
    Figuring figuring =
        new Figuring(
            specs,
            buckets,
            always,
            opening,
            openIntervals,
            excluded,
            zone,
            now,
            dataAlways,
            openIntervals == null ? dataAlways : buckets.scratch());
    for (String service : q.services()) {
      ServiceEvents.Events events = ledger.of(service);
      // One millisecond before the range, so a run that was already down is seen to start earlier.
      List<Timeline.Seg> segs = Timeline.build(events, gaps, start - 1, now);
      if (scope == SlaTerms.Scope.SOLUTION) {
        solution.add(segs);
      }
      Part part = figuring.of(segs, null);
      OutageFigures.Edges edges = new OutageFigures.Edges(segs.size());
      List<SlaReport.Interval> intervals = intervals(segs, start, end, excluded, edges);
      List<SlaReport.Outage> outages =
          OutageFigures.of(service, segs, bounds, events.actions, excluded, maxTta, edges);
      boolean namesIncidents = false;
      for (Timeline.Seg s : segs) {
        if (s.incident() != null) {
          named.add(s.incident());
          namesIncidents = true;
        }
      }
      List<SlaReport.Incident> incidents =
          OutageFigures.incidents(outages, maxRestore, List.of(service), namesIncidents);
      if (troubleshooting != null) {
        incidents = troubleshooting.judge(incidents, events.actions);
      }
      allIncidents.addAll(incidents);
      SlaReport.Reliability reliability =
          OutageFigures.reliability(OutageFigures.operating(part.period()), incidents, mtbf);
      reports.add(
          new SlaReport.ServiceReport(
              service, part.period(), part.figures(), outages, incidents, reliability, intervals));
    }
    Money fee = q.monthlyFee();
    List<SlaReport.Incident> incidents = OutageFigures.merge(allIncidents, maxRestore, named);
    Part total;
    List<String> decidedBy;
    SlaReport.Reliability reliability;
    if (scope == SlaTerms.Scope.SOLUTION) {
      List<Timeline.Seg> u = Solution.union(solution, excluded);
      total = figuring.of(u, fee);
      List<SlaReport.Outage> down =
          OutageFigures.of(
              "solution", u, bounds, List.of(), excluded, null, new OutageFigures.Edges(u.size()));
      reliability =
          OutageFigures.reliability(
              OutageFigures.operating(total.period()),
              OutageFigures.incidents(down, maxRestore),
              mtbf);
      decidedBy = List.of();
    } else {
      // Each service on its own: every figure is the one of the service that decides it, with the
      // customer's fee for its credit (the deciding service's timeline is built again for that).
      long before = start - 1;
      Totals.Decided decided =
          Totals.perService(
              reports,
              specs.size(),
              fee,
              (service, i) ->
                  figuring
                      .of(Timeline.build(ledger.of(service), gaps, before, now), fee)
                      .figures()
                      .get(i));
      total = new Part(decided.figures().getFirst().time(), decided.figures());
      decidedBy = decided.by();
      reliability = Totals.reliability(reports, mtbf);
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
            decidedBy,
            incidents,
            reliability,
            troubleshooting == null ? null : troubleshooting.total(incidents)),
        List.copyOf(notes));
  }

  /** What every timeline's figures share: one per report, its scratch reused by each timeline. */
  private record Figuring(
      List<Figures.Spec> specs,
      Buckets buckets,
      long[] always,
      long[] opening,
      long[] openIntervals,
      Set<OutageCategory> excluded,
      ZoneId zone,
      long now,
      Buckets.Scratch dataAlways,
      Buckets.Scratch dataOpening) {

    /** The figures of one timeline (a service's, or the solution's), with the fee for credits. */
    Part of(List<Timeline.Seg> segs, Money fee) {
      buckets.accumulate(segs, null, excluded, dataAlways);
      if (openIntervals != null) {
        buckets.accumulate(segs, openIntervals, excluded, dataOpening);
      }
      return part(
          specs,
          new Figures.Inputs(buckets, dataAlways.data, always, excluded, fee, zone, now),
          new Figures.Inputs(buckets, dataOpening.data, opening, excluded, fee, zone, now));
    }
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

  /**
   * The service's intervals, noting each segment's instants in {@code edges}: where one interval
   * ends and the next begins they share one {@link Instant}, and outages share them too.
   */
  private static List<SlaReport.Interval> intervals(
      List<Timeline.Seg> segs,
      long start,
      long end,
      Set<OutageCategory> excluded,
      OutageFigures.Edges edges) {
    SlaReport.Interval[] out = new SlaReport.Interval[segs.size()];
    int n = 0;
    Instant last = null;
    for (int k = 0; k < segs.size(); k++) {
      Timeline.Seg s = segs.get(k);
      long a = Math.max(s.from(), start);
      long b = Math.min(s.to(), end);
      if (a < b) {
        Instant from = last != null && last.toEpochMilli() == a ? last : Instant.ofEpochMilli(a);
        last = Instant.ofEpochMilli(b);
        edges.set(k, from, last);
        out[n++] =
            new SlaReport.Interval(
                from,
                last,
                s.state(),
                s.category(),
                s.state() == SlaReport.State.DOWN && !excluded.contains(s.category()),
                s.sources());
      }
    }
    return List.of(java.util.Arrays.copyOf(out, n));
  }

  private static Set<OutageCategory> copy(Set<OutageCategory> excluded) {
    // EnumSet.copyOf refuses an empty set that is not an EnumSet.
    Set<OutageCategory> s = EnumSet.noneOf(OutageCategory.class);
    s.addAll(excluded);
    return s;
  }
}
