package dev.vakt.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.common.Country;
import dev.vakt.contract.AlertingTerms;
import dev.vakt.contract.Days;
import dev.vakt.contract.SupportTerms;
import dev.vakt.contract.Terms;
import dev.vakt.contract.TimeOfDay;
import dev.vakt.contract.WeeklyRule;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Deadlines with the public holidays of the terms' country ({@link AlertDeadlines#of(Terms,
 * Instant)}, as {@link Escalations#open} uses it): BDN's 1-hour troubleshooting start (BDN SLA
 * 1.2.1, ALR-3) applies outside support hours, and support hours on working days are not staffed on
 * a Danish public holiday.
 */
class AlertDeadlinesHolidayTest {

  /** BDN-like terms: Copenhagen, Danish holidays, support 08:00-21:00 on working days. */
  static Terms danish(Country holidays) {
    return new Terms(
        ZoneId.of("Europe/Copenhagen"),
        null,
        null,
        holidays,
        null,
        null,
        null,
        new AlertingTerms(
            true,
            null,
            new AlertingTerms.Deadline(
                Duration.ofHours(1), AlertingTerms.Applies.OUTSIDE_SUPPORT_HOURS),
            null,
            null,
            null),
        null,
        null,
        null,
        new SupportTerms(
            List.of(
                new WeeklyRule(
                    Days.parse("working-days"),
                    TimeOfDay.parse("08:00"),
                    TimeOfDay.parse("21:00"),
                    false)),
            null,
            null,
            null,
            null,
            null,
            null),
        null,
        null,
        null,
        null,
        null,
        null);
  }

  @Test
  void anAlarmAt11OnADanishHolidayGetsTheOneHourDeadline() {
    // Kristi himmelfartsdag, Thursday 14 May 2026, 11:00 in Copenhagen (CEST).
    Instant ascension = Instant.parse("2026-05-14T09:00:00Z");
    assertThat(AlertDeadlines.of(danish(Country.DK), ascension).troubleshooting())
        .isEqualTo(ascension.plus(Duration.ofHours(1)));
    // An ordinary Thursday a week earlier is inside support hours: no troubleshooting deadline.
    Instant thursday = Instant.parse("2026-05-07T09:00:00Z");
    assertThat(AlertDeadlines.of(danish(Country.DK), thursday).troubleshooting()).isNull();
    // Terms without a holiday country count the holiday as a working day.
    assertThat(AlertDeadlines.of(danish(null), ascension).troubleshooting()).isNull();
  }

  @Test
  void holidaysCoverTheAlarmsYearAndTheNextInTheTermsZone() {
    // 31 Dec 2026 23:30 UTC is already 1 Jan 2027 in Copenhagen: 2027 and 2028 are covered.
    Instant newYear = Instant.parse("2026-12-31T23:30:00Z");
    assertThat(AlertDeadlines.holidays(danish(Country.DK), newYear))
        .contains(java.time.LocalDate.of(2027, 1, 1), java.time.LocalDate.of(2028, 12, 26))
        .doesNotContain(java.time.LocalDate.of(2026, 12, 25));
  }

  @Test
  void bdnsOwnSupportHoursOnHverdageLeaveTheDanishHolidaysOut_ALR3() {
    // The BDN example writes BDN 1.1.10's "hverdage" as [mon-thu, except-holidays] and [fri, ...].
    var resolver =
        new dev.vakt.contract.TermsResolver(
            dev.vakt.catalog.Catalog.read(List.of(java.nio.file.Path.of("examples", "bdn")))
                .terms());
    Terms terms =
        resolver.resolve("bdn-c-1001", java.time.LocalDate.of(2026, 5, 14)).orElseThrow().terms();
    Instant ascension = Instant.parse("2026-05-14T09:00:00Z"); // Thursday 11:00 in Copenhagen
    Instant ordinaryThursday = Instant.parse("2026-05-21T09:00:00Z");
    assertThat(AlertDeadlines.of(terms, ascension).troubleshooting())
        .isEqualTo(ascension.plus(Duration.ofHours(1)));
    assertThat(AlertDeadlines.of(terms, ordinaryThursday).troubleshooting()).isNull();
  }
}
