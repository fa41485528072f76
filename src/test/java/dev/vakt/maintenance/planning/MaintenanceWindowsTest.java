package dev.vakt.maintenance.planning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.catalog.Catalog;
import dev.vakt.common.PublicHolidays;
import dev.vakt.contract.MaintenanceTerms;
import dev.vakt.contract.Terms;
import dev.vakt.contract.TermsResolver;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * MNT-1 to MNT-3, MNT-11: planned work against the example contracts' windows, in their time zones
 * across the DST changes of 2026 (29 March, 25 October) and with public holidays.
 */
class MaintenanceWindowsTest {

  static Terms terms(String provider, String contract) {
    Catalog c = Catalog.read(List.of(Path.of("examples", provider)));
    return new TermsResolver(c.terms())
        .resolve(contract, LocalDate.of(2026, 3, 1))
        .orElseThrow()
        .terms();
  }

  static Instant local(Terms t, String dateTime) {
    return LocalDateTime.parse(dateTime).atZone(t.timeZone()).toInstant();
  }

  @ParameterizedTest(name = "{0} {1}: {2} to {3} for {4} -> {5}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # BDN (Hav og Land): Saturdays 00:00-09:00 service window, every day 20:00-06:00 unscheduled, acute any time
          bdn | bdn-c-1002 | 2026-03-28T01:00 | 2026-03-28T08:00 | updates          | service-window
          bdn | bdn-c-1002 | 2026-03-28T08:00 | 2026-03-28T10:00 | updates          | -
          bdn | bdn-c-1002 | 2026-03-28T22:00 | 2026-03-29T05:00 | security-updates | unscheduled
          bdn | bdn-c-1002 | 2026-03-29T01:00 | 2026-03-29T04:00 | backup           | unscheduled
          bdn | bdn-c-1002 | 2026-10-24T00:00 | 2026-10-24T09:00 | changes          | service-window
          bdn | bdn-c-1002 | 2026-10-24T23:00 | 2026-10-25T05:30 | backup           | unscheduled
          bdn | bdn-c-1002 | 2026-03-31T10:00 | 2026-03-31T12:00 | hardware         | acute
          bdn | bdn-c-1002 | 2026-03-31T10:00 | 2026-03-31T12:00 | updates          | -
          # BDN (Skovly) agreed Sundays 02:00-06:00 instead: on 29 March 02:00-03:00 does not exist
          bdn | bdn-c-1001 | 2026-03-29T03:00 | 2026-03-29T06:00 | updates          | service-window
          bdn | bdn-c-1001 | 2026-03-28T01:00 | 2026-03-28T08:00 | updates          | -
          bdn | bdn-c-1001 | 2026-10-25T02:00 | 2026-10-25T06:00 | updates          | service-window
          """)
  void workFitsTheFirstWindowThatAllowsIt(
      String provider, String contract, String from, String to, String purpose, String window) {
    Terms t = terms(provider, contract);
    Instant a = local(t, from);
    Instant b = local(t, to);
    var verdict =
        MaintenanceWindows.check(
            t.maintenance(),
            t.timeZone(),
            PublicHolidays.between(
                t.holidays(), LocalDate.of(2026, 1, 1), LocalDate.of(2027, 1, 1)),
            a,
            b,
            MaintenanceTerms.Purpose.valueOf(purpose.toUpperCase().replace('-', '_')),
            a.minusSeconds(14 * 86400));
    if (window.equals("-")) {
      assertThat(verdict).isInstanceOf(MaintenanceWindows.Verdict.Outside.class);
      assertThat(((MaintenanceWindows.Verdict.Outside) verdict).reasons()).isNotEmpty();
    } else {
      assertThat(verdict).isInstanceOf(MaintenanceWindows.Verdict.Fits.class);
      assertThat(((MaintenanceWindows.Verdict.Fits) verdict).window()).isEqualTo(window);
    }
  }
}
