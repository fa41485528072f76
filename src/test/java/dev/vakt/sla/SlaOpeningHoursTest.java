package dev.vakt.sla;

import static dev.vakt.sla.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.contract.Days;
import dev.vakt.contract.SlaTerms;
import dev.vakt.contract.TimeOfDay;
import dev.vakt.contract.WeeklyRule;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Availability over opening hours (SLA-5) and calendar months across DST changes, evaluated in the
 * contract's zone. Expected hours are counted by hand on the 2026 calendar.
 */
class SlaOpeningHoursTest {

  static final String S = "web";

  static WeeklyRule rule(String days, String from, String to, boolean nextDay) {
    return new WeeklyRule(Days.parse(days), TimeOfDay.parse(from), TimeOfDay.parse(to), nextDay);
  }

  static SlaTerms both() {
    SlaTerms.Measurement month = new SlaTerms.Measurement(SlaTerms.PeriodKind.CALENDAR_MONTHS, 1);
    return new SlaTerms(
        new SlaTerms.Objective(null, month, SlaTerms.Basis.ALWAYS, null),
        new SlaTerms.Objective(null, month, SlaTerms.Basis.OPENING_HOURS, null),
        null,
        null,
        null,
        Set.of(),
        null,
        null);
  }

  static SlaReport month(
      String zone, List<WeeklyRule> hours, int month, Fixtures.Ledger l, Set<LocalDate> holidays) {
    LocalDate first = LocalDate.of(2026, month, 1);
    return SlaCalculator.report(
        SlaRequest.ofDates(
                Fixtures.terms(zone, hours, both()),
                List.of(S),
                l.events(),
                first,
                first.plusMonths(1),
                at("2027-01-01T00:00:00"))
            .withHolidays(holidays));
  }

  @Test
  void sla5_downtimeOutsideOpeningHoursCountsForUptimeOnly() {
    // Berlin, Mon-Fri 08-16. March 2026 has 22 weekdays: 176 opening hours; the month has 743 h
    // (29 March is 23 h long). Down Sat 14 March 10-12 local and Mon 16 March 15-17 local.
    Fixtures.Ledger l =
        Fixtures.ledger()
            .up(S, "2026-02-01T00:00:00")
            .down(S, "2026-03-14T09:00:00", "2026-03-14T11:00:00")
            .down(S, "2026-03-16T14:00:00", "2026-03-16T16:00:00");
    SlaReport r =
        month("Europe/Berlin", List.of(rule("mon-fri", "08:00", "16:00", false)), 3, l, Set.of());
    SlaReport.ServiceReport s = r.services().getFirst();
    SlaReport.Figure uptime = Fixtures.figure(s, "uptime");
    SlaReport.Figure availability = Fixtures.figure(s, "availability");
    assertThat(uptime.time().time()).isEqualTo(Duration.ofHours(743));
    assertThat(uptime.time().downtime()).isEqualTo(Duration.ofHours(4));
    assertThat(availability.time().time()).isEqualTo(Duration.ofHours(176));
    assertThat(availability.time().downtime()).isEqualTo(Duration.ofHours(1));
    // (176 - 1) / 176 = 99.43181 %
    assertThat(availability.achieved()).isEqualByComparingTo("99.4318");
  }

  @Test
  void sla5_publicHolidaysLeaveWorkingDays() {
    SlaReport r =
        month(
            "Europe/Berlin",
            List.of(rule("working-days", "08:00", "16:00", false)),
            3,
            Fixtures.ledger().up(S, "2026-02-01T00:00:00"),
            Set.of(LocalDate.of(2026, 3, 2)));
    assertThat(Fixtures.figure(r.services().getFirst(), "availability").time().time())
        .isEqualTo(Duration.ofHours(21 * 8));
  }

  @Test
  void dstFallMonthHas745HoursInBerlin() {
    SlaReport r =
        month(
            "Europe/Berlin",
            null,
            10,
            Fixtures.ledger()
                .up(S, "2026-02-01T00:00:00")
                .down(S, "2026-10-25T00:30:00", "2026-10-25T01:30:00"),
            Set.of());
    SlaReport.Figure f = Fixtures.figure(r.services().getFirst(), "uptime");
    assertThat(f.window().description()).isEqualTo("calendar month 2026-10 (Europe/Berlin)");
    assertThat(f.time().time()).isEqualTo(Duration.ofHours(745));
    // (745 - 1) / 745 = 99.86577 %
    assertThat(f.achieved()).isEqualByComparingTo("99.8657");
    // No opening hours in the contract: every hour is opening time, and the report says so.
    assertThat(Fixtures.figure(r.services().getFirst(), "availability").time().time())
        .isEqualTo(Duration.ofHours(745));
    assertThat(r.notes()).anyMatch(n -> n.contains("no opening hours"));
  }

  @Test
  void sla5_nightWindowPastMidnightAcrossTheAutumnChangeInOslo() {
    // Every day 20:00-06:00 next day. October 2026 gets 6 h from the night of 30 Sep, 10 h from
    // each night starting 1-30 Oct (the night into 25 Oct has 11 h), and 4 h from 31 Oct: 311 h.
    SlaReport r =
        month(
            "Europe/Oslo",
            List.of(rule("every-day", "20:00", "06:00", true)),
            10,
            Fixtures.ledger().up(S, "2026-02-01T00:00:00"),
            Set.of());
    assertThat(Fixtures.figure(r.services().getFirst(), "availability").time().time())
        .isEqualTo(Duration.ofHours(311));
  }

  @Test
  void sla5_nightWindowAcrossTheSpringChangeInOslo() {
    // March 2026: 6 h from 1 Mar 00-06, nights starting 1-30 Mar 10 h each except the night into
    // 29 Mar (9 h), and 4 h from 31 Mar: 6 + 300 - 1 + 4 = 309 h.
    SlaReport r =
        month(
            "Europe/Oslo",
            List.of(rule("every-day", "20:00", "06:00", true)),
            3,
            Fixtures.ledger().up(S, "2026-02-01T00:00:00"),
            Set.of());
    assertThat(Fixtures.figure(r.services().getFirst(), "availability").time().time())
        .isEqualTo(Duration.ofHours(309));
  }

  @Test
  void sla5_aWindowStartingInTheSpringGapStartsWhenTheClockResumes() {
    // Berlin, every day 02:30-04:00: 1.5 h, except 29 March 2026 where 02:30 does not exist and
    // the window runs 03:30-04:00 (0.5 h). March: 30 x 1.5 + 0.5 = 45.5 h.
    SlaReport r =
        month(
            "Europe/Berlin",
            List.of(rule("every-day", "02:30", "04:00", false)),
            3,
            Fixtures.ledger().up(S, "2026-02-01T00:00:00"),
            Set.of());
    assertThat(Fixtures.figure(r.services().getFirst(), "availability").time().time())
        .isEqualTo(Duration.ofMinutes(45 * 60 + 30));
  }

  @Test
  void leapFebruary2028Has696Hours() {
    SlaReport r =
        SlaCalculator.report(
            SlaRequest.ofDates(
                Fixtures.terms("Europe/Oslo", null, both()),
                List.of(S),
                Fixtures.ledger()
                    .up(S, "2028-01-01T00:00:00")
                    .down(S, "2028-02-29T10:00:00", "2028-02-29T11:00:00")
                    .events(),
                LocalDate.of(2028, 2, 1),
                LocalDate.of(2028, 3, 1),
                at("2028-03-01T00:00:00")));
    SlaReport.Figure f = Fixtures.figure(r.services().getFirst(), "uptime");
    assertThat(f.time().time()).isEqualTo(Duration.ofHours(696));
    // (696 - 1) / 696 = 99.85632 %
    assertThat(f.achieved()).isEqualByComparingTo("99.8563");
  }

  @Test
  void sla5_bdnOpeningHoursAreAroundTheClockSoAvailabilityEqualsUptime() {
    // BDN SLA 1.1.2: 00-24 every day. Q3 2026 in Copenhagen: 2,208 h; 3 h down.
    SlaReport r =
        SlaCalculator.report(
            SlaRequest.ofDates(
                Fixtures.bdn(),
                List.of(S),
                Fixtures.ledger()
                    .up(S, "2026-06-01T00:00:00")
                    .down(S, "2026-08-10T10:00:00", "2026-08-10T13:00:00")
                    .events(),
                LocalDate.of(2026, 9, 1),
                LocalDate.of(2026, 10, 1),
                at("2026-10-01T00:00:00")));
    SlaReport.Figure a = Fixtures.figure(r.services().getFirst(), "availability");
    assertThat(a.time().time()).isEqualTo(Duration.ofHours(2208));
    assertThat(a.achieved()).isEqualByComparingTo("99.8641");
    assertThat(a.verdict()).isEqualTo(SlaReport.Verdict.NO_TARGET); // 1.1.6 names no target
  }
}
