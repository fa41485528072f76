package dev.vakt.sla;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.common.Percent;
import dev.vakt.contract.OutageCategory;
import dev.vakt.contract.SlaTerms;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * SLA-7: the report's incidents over all services, joined from each service's own, are exactly
 * those of grouping every outage again, also when a host's incident spans several services.
 */
class IncidentMergeProperties {

  static final List<String> SERVICES = List.of("ping", "web", "mail");
  static final Instant BASE = Instant.parse("2026-03-01T00:00:00Z");

  @Provide
  Arbitrary<List<SlaEvent>> ledger() {
    Arbitrary<SlaEvent> down =
        Combinators.combine(
                Arbitraries.of(SERVICES),
                Arbitraries.integers().between(0, 40 * 1440),
                Arbitraries.integers().between(1, 600),
                Arbitraries.of("host-a", "host-b", "none"))
            .as(
                (s, t, n, incident) ->
                    new SlaEvent.StateChange(
                        s,
                        BASE.plus(Duration.ofMinutes(t)),
                        SlaEvent.Level.CRITICAL,
                        null,
                        incident.equals("none") ? null : incident + "-" + (t / 1440)));
    Arbitrary<SlaEvent> up =
        Combinators.combine(Arbitraries.of(SERVICES), Arbitraries.integers().between(0, 40 * 1440))
            .as(
                (s, t) ->
                    new SlaEvent.StateChange(
                        s, BASE.plus(Duration.ofMinutes(t)), SlaEvent.Level.OK, null, null));
    return Arbitraries.oneOf(down, up).list().ofMaxSize(40);
  }

  @Property(tries = 300)
  void joinedIncidentsEqualRegroupedOutages(@ForAll("ledger") List<SlaEvent> events) {
    List<SlaEvent> all = new ArrayList<>();
    for (String s : SERVICES) {
      all.add(new SlaEvent.StateChange(s, BASE.minusSeconds(60), SlaEvent.Level.OK, null, null));
    }
    all.addAll(events);
    SlaTerms sla =
        new SlaTerms(
            new SlaTerms.Objective(
                Percent.of("99.9"),
                new SlaTerms.Measurement(SlaTerms.PeriodKind.CALENDAR_MONTHS, 1),
                SlaTerms.Basis.ALWAYS,
                new SlaTerms.Credit.None()),
            null,
            null,
            Duration.ofHours(4),
            null,
            Set.<OutageCategory>of(),
            null,
            null);
    SlaReport r =
        SlaCalculator.report(
            new SlaRequest(
                Fixtures.terms("Europe/Oslo", null, sla),
                SERVICES,
                all,
                BASE,
                BASE.plus(Duration.ofDays(31)),
                BASE.plus(Duration.ofDays(45)),
                null,
                null,
                null,
                null));
    List<SlaReport.Outage> outages =
        r.services().stream().flatMap(s -> s.outages().stream()).toList();
    assertThat(r.total().incidents())
        .containsExactlyInAnyOrderElementsOf(OutageFigures.incidents(outages, Duration.ofHours(4)));
  }
}
