package dev.vakt.sla;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.common.Percent;
import dev.vakt.contract.OutageCategory;
import dev.vakt.contract.SlaTerms;
import dev.vakt.contract.Terms;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Invariants of the calculator over random ledgers in Europe/Oslo around the March 2026 DST change:
 * what must hold whatever the monitoring saw (SLA-4, SLA-5, SLA-8, SLA-11).
 */
class SlaProperties {

  static final String S = "web";
  static final Instant BASE = Instant.parse("2026-03-01T00:00:00Z");
  static final int DAYS = 31;
  static final Instant NOW = BASE.plus(Duration.ofDays(DAYS + 5));
  static final List<OutageCategory> CLASSES =
      List.of(
          OutageCategory.PLANNED_MAINTENANCE,
          OutageCategory.CUSTOMER_CAUSED,
          OutageCategory.EXTERNAL_ATTACK,
          OutageCategory.ACCESS_LOST);

  static Instant minute(int m) {
    return BASE.plus(Duration.ofMinutes(m));
  }

  static Arbitrary<Integer> time() {
    return Arbitraries.integers().between(-3 * 1440, (DAYS + 3) * 1440);
  }

  static Arbitrary<Integer> length() {
    return Arbitraries.integers().between(1, 2 * 1440);
  }

  static Arbitrary<SlaEvent> state() {
    return Combinators.combine(time(), Arbitraries.of(SlaEvent.Level.class))
        .as((t, l) -> new SlaEvent.StateChange(S, minute(t), l, null, null));
  }

  static Arbitrary<SlaEvent> report() {
    return Combinators.combine(
            Arbitraries.strings().alpha().ofLength(8),
            time(),
            length(),
            Arbitraries.of(true, false))
        .as(
            (id, t, n, open) ->
                new SlaEvent.Report(id, S, minute(t), open ? null : minute(t + n), null));
  }

  static Arbitrary<SlaEvent> gap() {
    return Combinators.combine(time(), length())
        .as((t, n) -> new SlaEvent.Gap(minute(t), minute(t + n), null));
  }

  static Arbitrary<SlaEvent> classified() {
    return Combinators.combine(time(), length(), Arbitraries.of(CLASSES))
        .as(
            (t, n, c) ->
                c == OutageCategory.PLANNED_MAINTENANCE
                    ? new SlaEvent.Maintenance("m" + t, List.of(S), minute(t), minute(t + n), null)
                    : new SlaEvent.Reclassify(S, minute(t), minute(t + n), c, "x", "y", minute(t)));
  }

  @Provide
  Arbitrary<List<SlaEvent>> monitoring() {
    return Arbitraries.oneOf(state(), state(), state(), report(), gap()).list().ofMaxSize(25);
  }

  @Provide
  Arbitrary<List<SlaEvent>> ledger() {
    return Arbitraries.oneOf(state(), state(), state(), report(), gap(), classified())
        .list()
        .ofMaxSize(30);
  }

  @Provide
  Arbitrary<Set<OutageCategory>> excluded() {
    return Arbitraries.subsetOf(CLASSES).map(s -> s.isEmpty() ? Set.of() : EnumSet.copyOf(s));
  }

  static Terms terms(Set<OutageCategory> excluded, String target) {
    SlaTerms.Objective uptime =
        new SlaTerms.Objective(
            Percent.of(target),
            new SlaTerms.Measurement(SlaTerms.PeriodKind.TRAILING_DAYS, 30),
            SlaTerms.Basis.ALWAYS,
            new SlaTerms.Credit.WholeDaysUntilMet());
    SlaTerms.Objective availability =
        new SlaTerms.Objective(
            Percent.of(target),
            new SlaTerms.Measurement(SlaTerms.PeriodKind.CALENDAR_MONTHS, 1),
            SlaTerms.Basis.OPENING_HOURS,
            null);
    return Fixtures.terms(
        "Europe/Oslo",
        List.of(SlaOpeningHoursTest.rule("mon-fri", "07:00", "17:00", false)),
        new SlaTerms(uptime, availability, null, null, null, excluded, null, null));
  }

  static SlaReport report(List<SlaEvent> events, Set<OutageCategory> excluded, int from, int to) {
    return SlaCalculator.report(
        new SlaRequest(
            terms(excluded, "99.5"),
            List.of(S),
            unique(events),
            minute(from),
            minute(to),
            NOW,
            null,
            null,
            null,
            null));
  }

  /** Report and maintenance ids must be unique in a ledger; the generator does not promise it. */
  static List<SlaEvent> unique(List<SlaEvent> events) {
    List<SlaEvent> out = new ArrayList<>();
    int i = 0;
    for (SlaEvent e : events) {
      i++;
      out.add(
          switch (e) {
            case SlaEvent.Report r ->
                new SlaEvent.Report("r" + i, r.service(), r.at(), r.fixedAt(), null);
            case SlaEvent.Maintenance m ->
                new SlaEvent.Maintenance("m" + i, m.services(), m.from(), m.to(), null);
            default -> e;
          });
    }
    return out;
  }

  static List<SlaReport.Figure> figures(SlaReport r) {
    List<SlaReport.Figure> all = new ArrayList<>(r.services().getFirst().figures());
    all.addAll(r.total().figures());
    new ArrayList<>(all).forEach(f -> all.addAll(f.months()));
    return all;
  }

  @Property
  @Label("SLA-4, SLA-5: every figure lies within 0..100 and its times add up")
  void figuresStayWithinBounds(
      @ForAll("ledger") List<SlaEvent> events, @ForAll("excluded") Set<OutageCategory> excluded) {
    for (SlaReport.Figure f : figures(report(events, excluded, 0, DAYS * 1440))) {
      for (BigDecimal v : new BigDecimal[] {f.achieved(), f.worstCase()}) {
        if (v != null) {
          assertThat(v).isBetween(BigDecimal.ZERO, BigDecimal.valueOf(100));
        }
      }
      SlaReport.Breakdown t = f.time();
      assertThat(t.up().isNegative()).isFalse();
      assertThat(t.up().plus(t.down()).plus(t.unmonitored())).isEqualTo(t.time());
      assertThat(t.downtime()).isLessThanOrEqualTo(t.down());
      if (f.achieved() != null && f.worstCase() != null) {
        assertThat(f.worstCase()).isLessThanOrEqualTo(f.achieved());
      }
    }
  }

  @Property
  @Label("SLA-2, SLA-3: excluding an interval never lowers a figure")
  void excludingNeverLowers(
      @ForAll("ledger") List<SlaEvent> events,
      @ForAll("excluded") Set<OutageCategory> excluded,
      @ForAll @IntRange(min = -1440, max = 32 * 1440) int t,
      @ForAll @IntRange(min = 1, max = 5 * 1440) int n) {
    Set<OutageCategory> ex = EnumSet.of(OutageCategory.EXTERNAL_ATTACK);
    ex.addAll(excluded);
    List<SlaEvent> more = new ArrayList<>(events);
    more.add(
        new SlaEvent.Classified(
            OutageCategory.EXTERNAL_ATTACK, List.of(S), minute(t), minute(t + n), "ddos"));
    List<SlaReport.Figure> before = figures(report(events, ex, 0, DAYS * 1440));
    List<SlaReport.Figure> after = figures(report(more, ex, 0, DAYS * 1440));
    for (int i = 0; i < before.size(); i++) {
      atLeast(after.get(i).achieved(), before.get(i).achieved());
      atLeast(after.get(i).worstCase(), before.get(i).worstCase());
      assertThat(after.get(i).time().downtime())
          .isLessThanOrEqualTo(before.get(i).time().downtime());
    }
  }

  @Property
  @Label("SLA-4: more downtime never raises a figure")
  void moreDowntimeNeverRaises(
      @ForAll("monitoring") List<SlaEvent> events,
      @ForAll @IntRange(min = -1440, max = 32 * 1440) int t,
      @ForAll @IntRange(min = 1, max = 5 * 1440) int n) {
    List<SlaEvent> more = new ArrayList<>(events);
    more.add(new SlaEvent.Report("extra", S, minute(t), minute(t + n), null));
    List<SlaReport.Figure> before = figures(report(events, Set.of(), 0, DAYS * 1440));
    List<SlaReport.Figure> after = figures(report(more, Set.of(), 0, DAYS * 1440));
    for (int i = 0; i < before.size(); i++) {
      atLeast(before.get(i).achieved(), after.get(i).achieved());
      atLeast(before.get(i).worstCase(), after.get(i).worstCase());
    }
  }

  @Property
  @Label("SLA-11: a period split anywhere adds up to the whole")
  void splittingAPeriodAddsUp(
      @ForAll("ledger") List<SlaEvent> events,
      @ForAll("excluded") Set<OutageCategory> excluded,
      @ForAll @IntRange(min = 1, max = DAYS * 1440 - 1) int split) {
    SlaReport.Breakdown whole =
        report(events, excluded, 0, DAYS * 1440).services().getFirst().period();
    SlaReport.Breakdown a = report(events, excluded, 0, split).services().getFirst().period();
    SlaReport.Breakdown b =
        report(events, excluded, split, DAYS * 1440).services().getFirst().period();
    assertThat(a.time().plus(b.time())).isEqualTo(whole.time());
    assertThat(a.down().plus(b.down())).isEqualTo(whole.down());
    assertThat(a.downtime().plus(b.downtime())).isEqualTo(whole.downtime());
    assertThat(a.unmonitored().plus(b.unmonitored())).isEqualTo(whole.unmonitored());
    for (OutageCategory c : OutageCategory.values()) {
      assertThat(time(a, c).plus(time(b, c))).isEqualTo(time(whole, c));
    }
  }

  @Property
  @Label("SLA-8: whole-day credits take the worst days first and stop once the target is met")
  void creditsStopAsSoonAsTheTargetIsMet(
      @ForAll("downtimes") List<Integer> minutes,
      @ForAll @IntRange(min = 9000, max = 9999) int target) {
    Percent p = Percent.of(BigDecimal.valueOf(target, 2)); // 90.00 .. 99.99
    List<Buckets.Day> days = new ArrayList<>();
    long monitored = 0;
    long down = 0;
    for (int i = 0; i < minutes.size(); i++) {
      long ms = minutes.get(i) * 60_000L;
      days.add(new Buckets.Day(LocalDate.of(2026, 3, 1).plusDays(i), 86_400_000L, 0, ms));
      monitored += 86_400_000L;
      down += ms;
    }
    SlaReport.Verdict verdict = Figures.verdict(p, monitored, down);
    SlaReport.Credit c = Credits.wholeDays(days, p, verdict, null, LocalDate.of(2026, 3, 31));
    if (verdict != SlaReport.Verdict.NOT_MET) {
      assertThat(c.count()).isZero();
      return;
    }
    List<SlaReport.CreditedDay> credited = c.days();
    assertThat(credited).isNotEmpty();
    assertThat(credited)
        .isSortedAccordingTo(
            Comparator.comparing(SlaReport.CreditedDay::downtime)
                .reversed()
                .thenComparing(SlaReport.CreditedDay::date));
    long m = monitored;
    long d = down;
    for (int i = 0; i < credited.size(); i++) {
      assertThat(Figures.meets(m - d, m, p)).as("met before day " + (i + 1)).isFalse();
      m -= credited.get(i).time().toMillis();
      d -= credited.get(i).downtime().toMillis();
    }
    assertThat(m == 0 || Figures.meets(m - d, m, p)).isTrue();
    Duration least = credited.getLast().downtime();
    for (Buckets.Day day : days) {
      if (credited.stream().noneMatch(x -> x.date().equals(day.date()))) {
        assertThat(Duration.ofMillis(day.counted())).isLessThanOrEqualTo(least);
      }
    }
  }

  @Provide
  Arbitrary<List<Integer>> downtimes() {
    return Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(0, 300))
        .list()
        .ofMinSize(1)
        .ofMaxSize(31);
  }

  private static Duration time(SlaReport.Breakdown b, OutageCategory c) {
    return b.categories().stream()
        .filter(x -> x.category() == c)
        .map(SlaReport.CategoryTime::time)
        .findFirst()
        .orElse(Duration.ZERO);
  }

  /** {@code big >= small}, where an absent figure (no time to measure) compares as anything. */
  private static void atLeast(BigDecimal big, BigDecimal small) {
    if (big != null && small != null) {
      assertThat(big).isGreaterThanOrEqualTo(small);
    }
  }
}
