package dev.vakt.sla;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.common.Percent;
import dev.vakt.contract.OutageCategory;
import dev.vakt.contract.SlaTerms;
import dev.vakt.contract.Terms;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Issue 5 made the calculator allocate less (a ledger grouped in flat arrays, shared instants and
 * durations, buckets cleared row by row, incidents taken as they are when none is named): every
 * report must be exactly the one the code before it gave, kept as {@link ReferenceCalculator}, on
 * random ledgers of several services with every kind of event, in any order, under contracts with
 * and without opening hours, exclusions, credits and time limits.
 */
class SlaReferenceProperties {

  static final List<String> SERVICES = List.of("ping", "web", "mail");
  static final Instant BASE = Instant.parse("2026-02-01T00:00:00Z");
  static final int DAYS = 90;

  static Instant minute(int m) {
    return BASE.plus(Duration.ofMinutes(m));
  }

  /** Anywhere in the period and around it, and often the same few instants: ties. */
  static Arbitrary<Integer> time() {
    return Arbitraries.oneOf(
        Arbitraries.integers().between(-5 * 1440, (DAYS + 5) * 1440),
        Arbitraries.of(0, 600, 9 * 1440, 28 * 1440));
  }

  static Arbitrary<Integer> length() {
    return Arbitraries.oneOf(
        Arbitraries.integers().between(1, 240), Arbitraries.integers().between(1, 3 * 1440));
  }

  /** A requested service now and then, or one the report is not about. */
  static Arbitrary<String> service() {
    return Arbitraries.of("ping", "web", "web", "mail", "mail", "other");
  }

  static Arbitrary<List<String>> services() {
    return service().list().ofMinSize(1).ofMaxSize(3);
  }

  /** No incident, a host's shared one, or one spelled like the id an outage gets by itself. */
  static Arbitrary<String> incident() {
    return Arbitraries.of(
        null,
        null,
        null,
        "host-a",
        "host-b",
        "web@2026-02-10T10:00:00Z",
        "mail@2026-02-03T00:00:00Z");
  }

  static Arbitrary<SlaEvent> state() {
    return Combinators.combine(service(), time(), Arbitraries.of(SlaEvent.Level.class), incident())
        .as((s, t, l, i) -> new SlaEvent.StateChange(s, minute(t), l, "why", i));
  }

  /** A service down for a while and up again, as monitoring mostly sees it. */
  static Arbitrary<List<SlaEvent>> outage() {
    return Combinators.combine(service(), time(), length(), incident())
        .as(
            (s, t, n, i) ->
                List.<SlaEvent>of(
                    new SlaEvent.StateChange(s, minute(t), SlaEvent.Level.CRITICAL, "down", i),
                    new SlaEvent.StateChange(s, minute(t + n), SlaEvent.Level.OK, null, null)));
  }

  static Arbitrary<SlaEvent> other() {
    Arbitrary<OutageCategory> periodCategory =
        Arbitraries.of(OutageCategory.class)
            .filter(c -> c != OutageCategory.COUNTED && c != OutageCategory.UNMONITORED);
    return Arbitraries.oneOf(
        Combinators.combine(service(), time(), length(), Arbitraries.of(true, false))
            .as(
                (s, t, n, open) ->
                    new SlaEvent.Report("r", s, minute(t), open ? null : minute(t + n), "report")),
        Combinators.combine(time(), length())
            .as((t, n) -> new SlaEvent.Gap(minute(t), minute(t + n), "gap")),
        Combinators.combine(services(), time(), length())
            .as((s, t, n) -> new SlaEvent.Maintenance("m", s, minute(t), minute(t + n), "ref")),
        Combinators.combine(services(), time(), length(), Arbitraries.of(true, false))
            .as(
                (s, t, n, open) ->
                    new SlaEvent.AccessLost(s, minute(t), open ? null : minute(t + n))),
        Combinators.combine(periodCategory, services(), time(), length())
            .as((c, s, t, n) -> new SlaEvent.Classified(c, s, minute(t), minute(t + n), "period")),
        Combinators.combine(
                service(), time(), length(), Arbitraries.of(OutageCategory.class), time())
            .as(
                (s, t, n, c, at) ->
                    new SlaEvent.Reclassify(s, minute(t), minute(t + n), c, "x", "y", minute(at))),
        Combinators.combine(service(), time(), Arbitraries.of(SlaEvent.ActionKind.class))
            .as((s, t, k) -> new SlaEvent.Action(s, minute(t), k, "tech")));
  }

  @Provide
  Arbitrary<List<SlaEvent>> ledger() {
    Arbitrary<List<SlaEvent>> one =
        Arbitraries.oneOf(
            outage(), outage(), outage(), state().map(List::of), other().map(List::of));
    return one.list()
        .ofMaxSize(40)
        .map(
            groups -> {
              List<SlaEvent> all = new ArrayList<>();
              for (String s : SERVICES) {
                all.add(
                    new SlaEvent.StateChange(s, minute(-6 * 1440), SlaEvent.Level.OK, null, null));
              }
              groups.forEach(all::addAll);
              return unique(all);
            });
  }

  /** Report and maintenance ids must be unique in a ledger. */
  static List<SlaEvent> unique(List<SlaEvent> events) {
    List<SlaEvent> out = new ArrayList<>();
    int i = 0;
    for (SlaEvent e : events) {
      i++;
      out.add(
          switch (e) {
            case SlaEvent.Report r ->
                new SlaEvent.Report("r" + i, r.service(), r.at(), r.fixedAt(), r.reason());
            case SlaEvent.Maintenance m ->
                new SlaEvent.Maintenance("m" + i, m.services(), m.from(), m.to(), m.reference());
            default -> e;
          });
    }
    return out;
  }

  @Provide
  Arbitrary<Terms> terms() {
    Arbitrary<Set<OutageCategory>> excluded =
        Arbitraries.subsetOf(
                OutageCategory.PLANNED_MAINTENANCE,
                OutageCategory.CUSTOMER_CAUSED,
                OutageCategory.ACCESS_LOST,
                OutageCategory.UNMONITORED)
            .map(s -> s.isEmpty() ? Set.of() : EnumSet.copyOf(s));
    Arbitrary<Terms> own =
        Combinators.combine(excluded, Arbitraries.of("99.5", "99.9", "99.995"))
            .as(SlaProperties::terms);
    Arbitrary<Terms> limits =
        Combinators.combine(
                excluded,
                Arbitraries.of(1, 30, 240),
                Arbitraries.of(SlaTerms.Scope.SERVICE, SlaTerms.Scope.SOLUTION))
            .as(
                (ex, minutes, scope) ->
                    Fixtures.terms(
                        "Europe/Oslo",
                        null,
                        new SlaTerms(
                            new SlaTerms.Objective(
                                Percent.of("99.9"),
                                new SlaTerms.Measurement(SlaTerms.PeriodKind.CONSECUTIVE_MONTHS, 2),
                                SlaTerms.Basis.ALWAYS,
                                new SlaTerms.Credit.None()),
                            null,
                            Duration.ofDays(2),
                            Duration.ofMinutes(minutes * 2L),
                            Duration.ofMinutes(minutes),
                            ex,
                            null,
                            scope)));
    return Arbitraries.oneOf(
        Arbitraries.just(Fixtures.bdn()), Arbitraries.just(Fixtures.dg()), own, limits);
  }

  @Property(tries = 400)
  void sameReportAsBefore(
      @ForAll("ledger") List<SlaEvent> events,
      @ForAll("terms") Terms terms,
      @ForAll @IntRange(min = 0, max = 40) int fromDay,
      @ForAll @IntRange(min = 1, max = 50) int days,
      @ForAll @IntRange(min = -20, max = 20) int nowDays) {
    Instant from = minute(fromDay * 1440);
    Instant to = from.plus(Duration.ofDays(days));
    Instant now = to.plus(Duration.ofDays(nowDays));
    now = now.isAfter(from) ? now : from.plus(Duration.ofHours(7));
    SlaRequest q =
        new SlaRequest(terms, SERVICES, events, from, to, now, null, null, null, null)
            .withPublicHolidays();
    assertThat(SlaCalculator.report(q)).isEqualTo(ReferenceCalculator.report(q));
  }

  @Provide
  Arbitrary<List<Timeline.Seg>> segments() {
    Arbitrary<Timeline.Seg> seg =
        Combinators.combine(
                time(),
                length(),
                Arbitraries.of(SlaReport.State.DOWN, SlaReport.State.UNMONITORED),
                Arbitraries.of(OutageCategory.class))
            .as(
                (t, n, state, c) ->
                    new Timeline.Seg(
                        minute(t).toEpochMilli(),
                        minute(t + n).toEpochMilli(),
                        state,
                        state == SlaReport.State.DOWN ? c : null,
                        Sources.NONE,
                        null));
    return seg.list().ofMaxSize(12);
  }

  /**
   * One scratch for service after service gives each the buckets a fresh array gives, and sums that
   * skip the empty rows are the sums of all rows, over any window.
   */
  @Property(tries = 300)
  void bucketsAsBefore(
      @ForAll("segments") List<Timeline.Seg> a,
      @ForAll("segments") List<Timeline.Seg> b,
      @ForAll @IntRange(min = -2, max = DAYS + 2) int windowFrom,
      @ForAll @IntRange(min = 1, max = DAYS) int windowDays) {
    ZoneId zone = ZoneId.of("Europe/Oslo");
    long start = BASE.toEpochMilli();
    long end = minute(DAYS * 1440).toEpochMilli();
    long[] extra = {minute(17 * 1440 + 300).toEpochMilli(), minute(40 * 1440).toEpochMilli()};
    Buckets buckets = new Buckets(zone, start, end, extra);
    ReferenceCalculator.Accumulation before =
        new ReferenceCalculator.Accumulation(zone, start, end, extra);
    long[] open =
        OpeningHours.intervals(
            List.of(SlaOpeningHoursTest.rule("mon-fri", "07:00", "17:00", false)),
            zone,
            Set.of(LocalDate.of(2026, 4, 6)),
            start,
            end);
    Set<OutageCategory> excluded = EnumSet.of(OutageCategory.CUSTOMER_CAUSED);
    long from = minute(windowFrom * 1440).toEpochMilli();
    long to = minute((windowFrom + windowDays) * 1440).toEpochMilli();
    for (long[] basisOpen : new long[][] {null, open}) {
      long[] basis = buckets.basis(basisOpen);
      Buckets.Scratch scratch = buckets.scratch();
      for (List<Timeline.Seg> segs : List.of(a, b, a)) {
        long[] expected =
            before.accumulate(
                old(segs), basisOpen, excluded, new long[buckets.size() * Buckets.WIDTH]);
        buckets.accumulate(segs, basisOpen, excluded, scratch);
        assertThat(scratch.data).isEqualTo(expected);
        assertThat(buckets.sum(scratch.data, basis, from, to))
            .isEqualTo(before.sum(expected, basis, from, to));
        long[] total = new long[expected.length];
        scratch.addTo(total);
        assertThat(total).isEqualTo(expected);
      }
    }
  }

  private static List<ReferenceCalculator.Timeline.Seg> old(List<Timeline.Seg> segs) {
    return segs.stream()
        .map(
            s ->
                new ReferenceCalculator.Timeline.Seg(
                    s.from(), s.to(), s.state(), s.category(), s.sources(), s.incident()))
        .toList();
  }
}
