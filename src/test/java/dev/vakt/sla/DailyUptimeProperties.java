package dev.vakt.sla;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.contract.OutageCategory;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The portal's uptime bars (issue 7): the days cut from a report are the calendar days of the
 * contract's zone (23 hours on 29 March 2026 in Oslo, 25 hours on 25 October), and add up to the
 * report's own figures whatever the ledger (SLA-4, MON-9: unmonitored time is never up).
 */
class DailyUptimeProperties {

  static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

  @Provide
  Arbitrary<List<SlaEvent>> ledger() {
    return Arbitraries.oneOf(
            SlaProperties.state(),
            SlaProperties.state(),
            SlaProperties.state(),
            SlaProperties.report(),
            SlaProperties.gap(),
            SlaProperties.classified())
        .list()
        .ofMaxSize(30);
  }

  @Provide
  Arbitrary<Set<OutageCategory>> excluded() {
    return Arbitraries.subsetOf(SlaProperties.CLASSES)
        .map(s -> s.isEmpty() ? Set.of() : EnumSet.copyOf(s));
  }

  /** March 2026 in Oslo, local midnight to local midnight: 31 days, one of them 23 hours. */
  static SlaReport march(List<SlaEvent> events, Set<OutageCategory> excluded) {
    return SlaCalculator.report(
        SlaRequest.ofDates(
            SlaProperties.terms(excluded, "99.5"),
            List.of(SlaProperties.S),
            SlaProperties.unique(events),
            LocalDate.of(2026, 3, 1),
            LocalDate.of(2026, 4, 1),
            SlaProperties.NOW));
  }

  @Property
  @Label("SLA-4, MON-9: the days are the zone's calendar days and add up to the report")
  void daysAddUpToTheReport(
      @ForAll("ledger") List<SlaEvent> events, @ForAll("excluded") Set<OutageCategory> excluded) {
    SlaReport r = march(events, excluded);
    DailyUptime.ServiceDays s = DailyUptime.of(r).getFirst();
    SlaReport.Breakdown period = r.services().getFirst().period();

    assertThat(s.days()).hasSize(31);
    Duration time = Duration.ZERO;
    Duration downtime = Duration.ZERO;
    Duration down = Duration.ZERO;
    Duration unmonitored = Duration.ZERO;
    for (int i = 0; i < 31; i++) {
      DailyUptime.Day d = s.days().get(i);
      assertThat(d.date()).isEqualTo(LocalDate.of(2026, 3, 1 + i));
      assertThat(d.time()).isEqualTo(Duration.ofHours(i == 28 ? 23 : 24));
      assertThat(d.downtime()).isLessThanOrEqualTo(d.down());
      assertThat(d.down().plus(d.unmonitored())).isLessThanOrEqualTo(d.time());
      // Unmonitored time is never up: a day without monitoring has no figure at all.
      assertThat(d.uptime() == null).isEqualTo(d.unmonitored().equals(d.time()));
      if (d.uptime() != null) {
        assertThat(d.uptime()).isBetween(java.math.BigDecimal.ZERO, new java.math.BigDecimal(100));
      }
      time = time.plus(d.time());
      downtime = downtime.plus(d.downtime());
      down = down.plus(d.down());
      unmonitored = unmonitored.plus(d.unmonitored());
    }
    assertThat(time).isEqualTo(period.time());
    assertThat(downtime).isEqualTo(period.downtime());
    assertThat(down).isEqualTo(period.down());
    assertThat(unmonitored).isEqualTo(period.unmonitored());
    assertThat(s.downtime()).isEqualTo(period.downtime());
    assertThat(s.achieved())
        .isEqualTo(
            r.services().getFirst().figures().stream()
                .filter(f -> f.name().equals("period"))
                .findFirst()
                .orElseThrow()
                .achieved());
  }

  @Example
  @Label("A 25-hour day: 25 October 2026 in Oslo, down an hour across the change")
  void theLongDayInOctober() {
    Instant start = Instant.parse("2026-10-24T00:00:00Z");
    List<SlaEvent> events =
        List.of(
            new SlaEvent.StateChange(SlaProperties.S, start, SlaEvent.Level.OK, null, null),
            // 02:30 CEST to 02:30 CET: the hour that happens twice.
            new SlaEvent.StateChange(
                SlaProperties.S,
                Instant.parse("2026-10-25T00:30:00Z"),
                SlaEvent.Level.CRITICAL,
                null,
                null),
            new SlaEvent.StateChange(
                SlaProperties.S,
                Instant.parse("2026-10-25T01:30:00Z"),
                SlaEvent.Level.OK,
                null,
                null));
    SlaReport r =
        SlaCalculator.report(
            SlaRequest.ofDates(
                SlaProperties.terms(Set.of(), "99.5"),
                List.of(SlaProperties.S),
                events,
                LocalDate.of(2026, 10, 24),
                LocalDate.of(2026, 10, 27),
                Instant.parse("2026-11-01T00:00:00Z")));
    List<DailyUptime.Day> days = DailyUptime.of(r).getFirst().days();
    assertThat(days)
        .extracting(DailyUptime.Day::date)
        .extracting(LocalDate::getDayOfMonth)
        .containsExactly(24, 25, 26);
    assertThat(days.get(1).time()).isEqualTo(Duration.ofHours(25));
    assertThat(days.get(1).downtime()).isEqualTo(Duration.ofHours(1));
    // 24 of 25 hours up.
    assertThat(days.get(1).uptime()).isEqualByComparingTo("96");
    // The 24th began at 00:00 CEST = 22:00 UTC the day before, when nothing was monitored yet.
    assertThat(days.get(0).unmonitored()).isEqualTo(Duration.ofHours(2));
    assertThat(days.get(2).uptime()).isEqualByComparingTo("100");
  }

  @Example
  @Label("Today runs until the moment of evaluation, not to midnight")
  void todayEndsNow() {
    Instant now = LocalDate.of(2026, 3, 10).atTime(6, 0).atZone(OSLO).toInstant();
    SlaReport r =
        SlaCalculator.report(
            SlaRequest.ofDates(
                SlaProperties.terms(Set.of(), "99.5"),
                List.of(SlaProperties.S),
                List.of(
                    new SlaEvent.StateChange(
                        SlaProperties.S,
                        Instant.parse("2026-03-01T00:00:00Z"),
                        SlaEvent.Level.OK,
                        null,
                        null)),
                LocalDate.of(2026, 3, 9),
                LocalDate.of(2026, 3, 11),
                now));
    List<DailyUptime.Day> days = DailyUptime.of(r).getFirst().days();
    assertThat(days).hasSize(2);
    assertThat(days.get(1).time()).isEqualTo(Duration.ofHours(6));
  }
}
