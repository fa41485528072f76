package dev.vakt.sla;

import static dev.vakt.sla.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.common.Country;
import dev.vakt.contract.Days;
import dev.vakt.contract.SlaTerms;
import dev.vakt.contract.Terms;
import dev.vakt.contract.TimeOfDay;
import dev.vakt.contract.WeeklyRule;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link SlaRequest#withPublicHolidays()}: the terms' country decides the working days. */
class SlaPublicHolidaysTest {

  static final String S = "web";

  static Terms norwegian(Country holidays, SlaTerms.Measurement m) {
    return new Terms(
        ZoneId.of("Europe/Oslo"),
        null,
        null,
        holidays,
        List.of(
            new WeeklyRule(
                Days.parse("working-days"),
                TimeOfDay.parse("08:00"),
                TimeOfDay.parse("16:00"),
                false)),
        new SlaTerms(
            null,
            new SlaTerms.Objective(null, m, SlaTerms.Basis.OPENING_HOURS, null),
            null,
            null,
            null,
            Set.of(),
            null,
            null),
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  static SlaRequest may2024(Terms terms) {
    return SlaRequest.ofDates(
            terms,
            List.of(S),
            Fixtures.ledger().up(S, "2024-01-01T00:00:00").events(),
            LocalDate.of(2024, 5, 1),
            LocalDate.of(2024, 6, 1),
            at("2025-01-01T00:00:00"))
        .withPublicHolidays();
  }

  @Test
  void workingDaysLeaveOutNorwegianHolidays() {
    // May 2024 has 23 weekdays; 1 May (Wed), Ascension (Thu 9), 17 May (Fri) and Whit Monday
    // (Mon 20) are Norwegian public holidays: 19 working days of 8 hours.
    SlaTerms.Measurement month = new SlaTerms.Measurement(SlaTerms.PeriodKind.CALENDAR_MONTHS, 1);
    SlaReport r = SlaCalculator.report(may2024(norwegian(Country.NO, month)));
    assertThat(Fixtures.figure(r.services().getFirst(), "availability").time().time())
        .isEqualTo(Duration.ofHours(19 * 8));
    assertThat(r.notes()).noneMatch(n -> n.contains("no public holidays"));
    // Without a holiday country every weekday counts.
    SlaReport none = SlaCalculator.report(may2024(norwegian(null, month)));
    assertThat(Fixtures.figure(none.services().getFirst(), "availability").time().time())
        .isEqualTo(Duration.ofHours(23 * 8));
  }

  @Test
  void holidaysCoverTheWholeMeasurementWindow() {
    // Three consecutive months up to May 2024: the window starts 1 March, Easter is in it.
    SlaTerms.Measurement quarter =
        new SlaTerms.Measurement(SlaTerms.PeriodKind.CONSECUTIVE_MONTHS, 3);
    SlaRequest q = may2024(norwegian(Country.NO, quarter));
    assertThat(q.holidays())
        .contains(LocalDate.of(2024, 3, 28), LocalDate.of(2024, 4, 1), LocalDate.of(2024, 5, 17))
        .doesNotContain(LocalDate.of(2024, 12, 25));
  }
}
