package dev.vakt.maintenance.planning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.catalog.Catalog;
import dev.vakt.contract.MaintenanceTerms;
import dev.vakt.contract.ResolvedTerms;
import dev.vakt.contract.TermsResolver;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * MNT-1, MNT-3, MNT-11: which lead time a contract owes for planned work. A scheduled window owes
 * its own notice and at least the contract's {@code maintenanceNotice}; windows for unscheduled or
 * emergency work owe none ("uden forudgående varsel"); a window agreed in writing owes none; a
 * contract without windows allows any time with its {@code maintenanceNotice}.
 */
class ContractCheckTest {

  static ResolvedTerms terms(String provider, String contract, LocalDate day) {
    Catalog c = Catalog.read(List.of(Path.of("examples", provider)));
    return new TermsResolver(c.terms()).resolve(contract, day).orElseThrow();
  }

  @ParameterizedTest(name = "{0} {1}: {2} to {3} ({4}), planned {5} -> {6}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # DG: no windows, 3 days' notice of every stop (MNT-11)
          dg  | dg-c-5001  | 2026-12-10T10:00 | 2026-12-10T11:00 | hardware         | 2026-12-06T10:00 | any time (the contract sets no maintenance windows) | 72h
          dg  | dg-c-5001  | 2026-12-10T10:00 | 2026-12-10T11:00 | hardware         | 2026-12-08T10:00 | -                | 72h
          # BDN: unscheduled work 20:00-06:00 and acute work need no notice (MNT-3)
          bdn | bdn-c-1002 | 2026-12-09T22:00 | 2026-12-09T23:00 | security-updates | 2026-12-09T21:59 | unscheduled      | 0s
          bdn | bdn-c-1002 | 2026-12-09T10:00 | 2026-12-09T11:00 | hardware         | 2026-12-09T09:59 | acute            | 0s
          bdn | bdn-c-1002 | 2026-12-12T01:00 | 2026-12-12T03:00 | updates          | 2026-12-01T10:00 | service-window   | 0s
          # STW: the upgrade agreed in writing for 5 December 18:00-23:00 (MNT-1)
          stw | stw-c-2001 | 2026-12-05T18:00 | 2026-12-05T23:00 | updates          | 2026-12-05T17:00 | agreed: E-post fra kunden 2026-11-10, sak STW-48211 | 0s
          stw | stw-c-2001 | 2026-12-05T17:00 | 2026-12-05T23:00 | updates          | 2026-12-01T10:00 | -                | 0s
          """)
  void leadTimeAndWindow(
      String provider,
      String contract,
      String from,
      String to,
      String purpose,
      String now,
      String window,
      String notice) {
    ResolvedTerms t = terms(provider, contract, LocalDate.parse(from.substring(0, 10)));
    Instant a = local(t, from);
    ContractCheck c =
        ContractCheck.of(
            t,
            a,
            local(t, to),
            Arrays.stream(MaintenanceTerms.Purpose.values())
                .filter(p -> p.code().equals(purpose))
                .findFirst()
                .orElseThrow(),
            local(t, now));
    if (window.equals("-")) {
      assertThat(c.fits()).isFalse();
      assertThat(c.reasons()).isNotEmpty();
    } else {
      assertThat(c.fits()).as(c.reasons().toString()).isTrue();
      assertThat(c.window()).isEqualTo(window);
      assertThat(c.noticeBy()).isEqualTo(a.minus(c.notice()));
    }
    assertThat(dev.vakt.common.TimeSpans.format(c.notice())).isEqualTo(notice);
  }

  @org.junit.jupiter.api.Test
  void aRefusalSaysHowMuchNoticeIsOwedAndHowLittleIsLeft_MNT11() {
    ResolvedTerms t = terms("dg", "dg-c-5001", LocalDate.of(2026, 12, 10));
    Instant from = local(t, "2026-12-10T10:00");
    ContractCheck c =
        ContractCheck.of(
            t, from, from.plus(Duration.ofHours(1)), null, from.minus(Duration.ofMinutes(90)));
    assertThat(c.reasons())
        .containsExactly(
            "any time (the contract sets no maintenance windows): the customer is owed 72h notice,"
                + " the work starts in 90m");
  }

  static Instant local(ResolvedTerms t, String dateTime) {
    return LocalDateTime.parse(dateTime).atZone(t.terms().timeZone()).toInstant();
  }
}
