package dev.vakt.sla;

import static dev.vakt.sla.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.contract.OutageCategory;
import dev.vakt.contract.SlaTerms;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each outage category: the event that gives down time the category, and the contract's exclusion
 * deciding whether it is downtime (SLA-2, SLA-3, SLA-9, SLA-10, SLA-12).
 */
class SlaCategoriesTest {

  static final String S = "web";
  static final Instant FROM = at("2026-03-10T09:00:00");
  static final Instant TO = at("2026-03-10T12:00:00");

  static SlaEvent reclassify(OutageCategory c) {
    return new SlaEvent.Reclassify(S, FROM, TO, c, "ticket 42", "anna", at("2026-03-11T08:00:00"));
  }

  static SlaEvent period(OutageCategory c) {
    return new SlaEvent.Classified(c, List.of(S), FROM, TO, "seen in the firewall log");
  }

  static Stream<Arguments> categories() {
    Function<OutageCategory, SlaEvent> maintenance =
        c -> new SlaEvent.Maintenance("m-1", List.of(S), FROM, TO, "announced 2026-03-01");
    Function<OutageCategory, SlaEvent> accessLost =
        c -> new SlaEvent.AccessLost(List.of(S), FROM, null);
    return Stream.of(
        Arguments.of(
            "SLA-2",
            OutageCategory.CUSTOMER_CAUSED,
            (Function<OutageCategory, SlaEvent>) SlaCategoriesTest::reclassify),
        Arguments.of(
            "SLA-2",
            OutageCategory.CUSTOMER_SOFTWARE,
            (Function<OutageCategory, SlaEvent>) SlaCategoriesTest::reclassify),
        Arguments.of(
            "SLA-2",
            OutageCategory.MANUFACTURER,
            (Function<OutageCategory, SlaEvent>) SlaCategoriesTest::reclassify),
        Arguments.of(
            "SLA-2",
            OutageCategory.EXTERNAL_ATTACK,
            (Function<OutageCategory, SlaEvent>) SlaCategoriesTest::period),
        Arguments.of("SLA-3", OutageCategory.PLANNED_MAINTENANCE, maintenance),
        Arguments.of(
            "SLA-3",
            OutageCategory.SECURITY_DISCONNECT,
            (Function<OutageCategory, SlaEvent>) SlaCategoriesTest::period),
        Arguments.of(
            "SLA-9",
            OutageCategory.CAPACITY_NON_COMPLIANCE,
            (Function<OutageCategory, SlaEvent>) SlaCategoriesTest::period),
        Arguments.of("SLA-10", OutageCategory.ACCESS_LOST, accessLost),
        Arguments.of(
            "SLA-12",
            OutageCategory.OUTSIDE_CONTROL,
            (Function<OutageCategory, SlaEvent>) SlaCategoriesTest::period),
        Arguments.of(
            "SLA-12",
            OutageCategory.OUTSIDE_CONTROL,
            (Function<OutageCategory, SlaEvent>) SlaCategoriesTest::reclassify));
  }

  static SlaReport.ServiceReport march(Set<OutageCategory> excluded, SlaEvent... extra) {
    Fixtures.Ledger l =
        Fixtures.ledger()
            .up(S, "2026-03-01T00:00:00")
            .down(S, "2026-03-10T10:00:00", "2026-03-10T11:00:00");
    for (SlaEvent e : extra) {
      l.add(e);
    }
    SlaTerms sla =
        Fixtures.sla(Fixtures.objective("99.9", null, null, SlaTerms.Basis.ALWAYS), excluded);
    return SlaCalculator.report(
            SlaRequest.ofDates(
                Fixtures.terms("UTC", null, sla),
                List.of(S),
                l.events(),
                LocalDate.of(2026, 3, 1),
                LocalDate.of(2026, 4, 1),
                at("2026-04-01T00:00:00")))
        .services()
        .getFirst();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("categories")
  void excludedCategoriesAreNotDowntime(
      String obligation, OutageCategory category, Function<OutageCategory, SlaEvent> event) {
    SlaReport.ServiceReport excluded = march(EnumSet.of(category), event.apply(category));
    SlaReport.Figure f = Fixtures.figure(excluded, "uptime");
    assertThat(f.time().down()).isEqualTo(Duration.ofHours(1));
    assertThat(f.time().downtime()).isZero();
    assertThat(f.time().categories())
        .containsExactly(new SlaReport.CategoryTime(category, Duration.ofHours(1), true));
    assertThat(f.achieved()).isEqualByComparingTo("100");
    assertThat(excluded.outages().getFirst().downtime()).isZero();
    assertThat(excluded.reliability().failures()).isZero();

    SlaReport.ServiceReport counted =
        march(EnumSet.noneOf(OutageCategory.class), event.apply(category));
    SlaReport.Figure g = Fixtures.figure(counted, "uptime");
    assertThat(g.time().downtime()).isEqualTo(Duration.ofHours(1));
    assertThat(g.time().categories())
        .containsExactly(new SlaReport.CategoryTime(category, Duration.ofHours(1), false));
    // (744 - 1) / 744 = 99.86559 %
    assertThat(g.achieved()).isEqualByComparingTo("99.8655");
  }

  @Test
  void sla3_downTimePastTheMaintenanceWindowIsCounted() {
    SlaReport.ServiceReport r =
        march(
            EnumSet.of(OutageCategory.PLANNED_MAINTENANCE),
            new SlaEvent.Maintenance(
                "m-1", List.of(S), at("2026-03-10T09:00:00"), at("2026-03-10T10:40:00"), null));
    SlaReport.Outage o = r.outages().getFirst();
    assertThat(o.duration()).isEqualTo(Duration.ofHours(1));
    assertThat(o.downtime()).isEqualTo(Duration.ofMinutes(20));
    assertThat(o.categories())
        .containsExactly(
            new SlaReport.CategoryTime(OutageCategory.COUNTED, Duration.ofMinutes(20), false),
            new SlaReport.CategoryTime(
                OutageCategory.PLANNED_MAINTENANCE, Duration.ofMinutes(40), true));
    assertThat(r.intervals())
        .extracting(SlaReport.Interval::category)
        .containsExactly(OutageCategory.PLANNED_MAINTENANCE, OutageCategory.COUNTED);
    assertThat(r.intervals().getFirst().sources())
        .containsExactly("state critical at 2026-03-10T10:00:00Z (down)", "maintenance m-1");
  }

  @Test
  void theLatestReclassificationWinsOverMaintenanceAndEarlierDecisions() {
    SlaEvent maintenance = new SlaEvent.Maintenance("m-1", List.of(S), FROM, TO, null);
    SlaEvent first =
        new SlaEvent.Reclassify(
            S,
            FROM,
            TO,
            OutageCategory.CUSTOMER_CAUSED,
            "first look",
            "anna",
            at("2026-03-11T08:00:00"));
    SlaEvent later =
        new SlaEvent.Reclassify(
            S,
            FROM,
            TO,
            OutageCategory.COUNTED,
            "it was our switch",
            "ola",
            at("2026-03-12T08:00:00"));
    Set<OutageCategory> excluded =
        EnumSet.of(OutageCategory.PLANNED_MAINTENANCE, OutageCategory.CUSTOMER_CAUSED);
    // Ledger order does not matter: the decision taken last wins.
    SlaReport.ServiceReport r = march(excluded, later, maintenance, first);
    assertThat(Fixtures.figure(r, "uptime").time().downtime()).isEqualTo(Duration.ofHours(1));
    assertThat(r.intervals().getFirst().sources()).last().asString().contains("by ola");

    SlaReport.ServiceReport only = march(excluded, maintenance, first);
    assertThat(only.intervals().getFirst().category()).isEqualTo(OutageCategory.CUSTOMER_CAUSED);
  }
}
