package dev.vakt.sla;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.contract.SlaTerms;
import dev.vakt.contract.Terms;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
 * The readings of issue 31 over random ledgers: a total never says "met" while a service it covers
 * misses (SLA-4, SLA-6, per-service reading), the solution's downtime is never less than any one
 * service's (solution reading), and a monitoring gap never shortens an incident (SLA-7, MON-9).
 */
class SlaReadingsProperties {

  static final List<String> SERVICES = List.of("web", "db", "mail");
  static final Instant BASE = SlaProperties.BASE;
  static final Instant NOW = SlaProperties.NOW;

  static Arbitrary<SlaEvent> state() {
    return Combinators.combine(
            Arbitraries.of(SERVICES), SlaProperties.time(), Arbitraries.of(SlaEvent.Level.class))
        .as((s, t, l) -> new SlaEvent.StateChange(s, SlaProperties.minute(t), l, null, null));
  }

  static Arbitrary<SlaEvent> gap() {
    return Combinators.combine(SlaProperties.time(), SlaProperties.length())
        .as((t, n) -> new SlaEvent.Gap(SlaProperties.minute(t), SlaProperties.minute(t + n), null));
  }

  @Provide
  Arbitrary<List<SlaEvent>> ledger() {
    return Arbitraries.oneOf(state(), state(), state(), gap()).list().ofMaxSize(30);
  }

  @Provide
  Arbitrary<String> target() {
    return Arbitraries.of("99", "99.5", "99.9", "99.995");
  }

  static Terms terms(String target, SlaTerms.Scope scope) {
    return Fixtures.terms(
        "Europe/Oslo",
        null,
        new SlaTerms(
            Fixtures.objective(target, SlaTerms.PeriodKind.CALENDAR_MONTHS, 1, null),
            null,
            Duration.ofDays(10),
            Duration.ofHours(12),
            null,
            Set.of(),
            null,
            scope));
  }

  static SlaReport report(List<SlaEvent> events, Terms terms) {
    return SlaCalculator.report(
        new SlaRequest(
            terms,
            SERVICES,
            SlaProperties.unique(events),
            BASE,
            BASE.plus(Duration.ofDays(SlaProperties.DAYS)),
            NOW,
            null,
            Set.of(),
            null,
            null));
  }

  @Property(tries = 300)
  @Label("SLA-4, SLA-6: per service, the total is never met while a service misses its guarantee")
  void perServiceTotalNeverMetWhileAServiceMisses(
      @ForAll("ledger") List<SlaEvent> events, @ForAll("target") String target) {
    SlaReport r = report(events, terms(target, SlaTerms.Scope.SERVICE));
    for (int i = 0; i < r.total().figures().size(); i++) {
      SlaReport.Figure total = r.total().figures().get(i);
      for (SlaReport.ServiceReport s : r.services()) {
        SlaReport.Verdict v = s.figures().get(i).verdict();
        if (v == SlaReport.Verdict.NOT_MET) {
          assertThat(total.verdict()).isEqualTo(SlaReport.Verdict.NOT_MET);
        }
        if (total.verdict() == SlaReport.Verdict.MET) {
          assertThat(v).isEqualTo(SlaReport.Verdict.MET);
        }
      }
    }
    for (SlaReport.ServiceReport s : r.services()) {
      if (Boolean.FALSE.equals(s.reliability().met())) {
        assertThat(r.total().reliability().met()).isFalse();
      }
    }
  }

  @Property(tries = 300)
  @Label("SLA-4: the solution is down at least as long as each service, at most their sum")
  void solutionDowntimeIsTheUnion(
      @ForAll("ledger") List<SlaEvent> events, @ForAll("target") String target) {
    SlaReport r = report(events, terms(target, SlaTerms.Scope.SOLUTION));
    Duration solution = r.total().period().downtime();
    Duration sum = Duration.ZERO;
    for (SlaReport.ServiceReport s : r.services()) {
      assertThat(solution).isGreaterThanOrEqualTo(s.period().downtime());
      sum = sum.plus(s.period().downtime());
    }
    assertThat(solution).isLessThanOrEqualTo(sum);
    assertThat(r.total().period().time()).isEqualTo(r.services().getFirst().period().time());
    if (r.services().stream()
        .anyMatch(s -> s.figures().get(1).verdict() == SlaReport.Verdict.NOT_MET)) {
      assertThat(r.total().figures().get(1).verdict()).isEqualTo(SlaReport.Verdict.NOT_MET);
    }
  }

  @Property(tries = 500)
  @Label("SLA-7, MON-9: a gap that begins while a fault is down never shortens its incident")
  void aGapNeverShortensAnIncident(
      @ForAll @IntRange(min = 0, max = 20 * 1440) int start,
      @ForAll @IntRange(min = 2, max = 3 * 1440) int length,
      @ForAll @IntRange(min = 1, max = 1000) int gapOffset,
      @ForAll @IntRange(min = 1, max = 4 * 1440) int gapLength) {
    int offset = 1 + gapOffset % (length - 1); // the gap begins inside the fault
    List<SlaEvent> fault = new ArrayList<>();
    fault.add(new SlaEvent.StateChange("web", BASE.minus(Duration.ofDays(1)), ok(), null, null));
    fault.add(
        new SlaEvent.StateChange(
            "web", SlaProperties.minute(start), SlaEvent.Level.CRITICAL, "down", null));
    fault.add(
        new SlaEvent.StateChange("web", SlaProperties.minute(start + length), ok(), null, null));
    List<SlaEvent> withGap = new ArrayList<>(fault);
    withGap.add(
        new SlaEvent.Gap(
            SlaProperties.minute(start + offset),
            SlaProperties.minute(start + offset + gapLength),
            "vakt down"));
    Terms terms = terms("99.9", null);
    SlaReport.Incident without = single(oneService(fault, terms));
    SlaReport.Incident with = single(oneService(withGap, terms));
    assertThat(with.start()).isEqualTo(without.start());
    assertThat(with.restoreTime()).isGreaterThanOrEqualTo(without.restoreTime());
    assertThat(with.unmonitored()).isPositive();
  }

  private static SlaEvent.Level ok() {
    return SlaEvent.Level.OK;
  }

  private static SlaReport.ServiceReport oneService(List<SlaEvent> events, Terms terms) {
    return SlaCalculator.report(
            new SlaRequest(
                terms,
                List.of("web"),
                events,
                BASE,
                BASE.plus(Duration.ofDays(SlaProperties.DAYS)),
                NOW,
                null,
                Set.of(),
                null,
                null))
        .services()
        .getFirst();
  }

  private static SlaReport.Incident single(SlaReport.ServiceReport s) {
    assertThat(s.incidents()).hasSize(1);
    return s.incidents().getFirst();
  }
}
