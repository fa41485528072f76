package dev.vakt.sla;

import static dev.vakt.sla.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** BDN SLA 1.1.5-1.1.8, computed by hand from the agreement and checked against the calculator. */
class SlaCalculatorBdnTest {

  static final String WEB = "bdn-skovly-web1-https";

  static SlaReport q3(Fixtures.Ledger ledger) {
    return SlaCalculator.report(
        SlaRequest.ofDates(
            Fixtures.bdn(),
            List.of(WEB),
            ledger.events(),
            LocalDate.of(2026, 7, 1),
            LocalDate.of(2026, 10, 1),
            at("2026-10-02T00:00:00Z")));
  }

  @Test
  void sla4_threeHoursDownIn92DaysMissesNinetyNinePointNine() {
    // Jul-Sep 2026: 92 days without a DST change = 2,208 h. (2208 - 3) / 2208 = 99.86413 %.
    SlaReport r =
        q3(
            Fixtures.ledger()
                .up(WEB, "2026-06-30T00:00:00")
                .down(WEB, "2026-08-10T10:00:00", "2026-08-10T13:00:00"));
    SlaReport.Figure uptime = Fixtures.figure(r.services().getFirst(), "uptime");
    assertThat(uptime.window().from()).isEqualTo(at("2026-06-30T22:00:00")); // 1 Jul, Copenhagen
    assertThat(uptime.window().to()).isEqualTo(at("2026-09-30T22:00:00"));
    assertThat(uptime.time().time()).isEqualTo(Duration.ofHours(2208));
    assertThat(uptime.time().downtime()).isEqualTo(Duration.ofHours(3));
    assertThat(uptime.achieved()).isEqualByComparingTo(new BigDecimal("99.8641"));
    assertThat(uptime.worstCase()).isEqualByComparingTo(new BigDecimal("99.8641"));
    assertThat(uptime.verdict()).isEqualTo(SlaReport.Verdict.NOT_MET);
    // Error budget: 0.1 % of 2,208 h = 2 h 12 min 28.8 s; 3 h used leaves -47 min 31.2 s.
    assertThat(uptime.budget().allowed()).isEqualTo(Duration.parse("PT2H12M28.8S"));
    assertThat(uptime.budget().left()).isEqualTo(Duration.parse("PT-47M-31.2S"));
    assertThat(uptime.months())
        .extracting(f -> f.achieved().toPlainString())
        .containsExactly("100.0000", "99.5967", "100.0000"); // Aug: (744 - 3) / 744
  }

  @Test
  void sla4_twoHoursDownMeetsIt() {
    SlaReport r =
        q3(
            Fixtures.ledger()
                .up(WEB, "2026-06-30T00:00:00")
                .down(WEB, "2026-08-10T10:00:00", "2026-08-10T12:00:00"));
    SlaReport.Figure uptime = Fixtures.figure(r.services().getFirst(), "uptime");
    assertThat(uptime.achieved()).isEqualByComparingTo(new BigDecimal("99.9094")); // 2206/2208
    assertThat(uptime.verdict()).isEqualTo(SlaReport.Verdict.MET);
  }

  @Test
  void sla6_sla7_mtbfAndRestoreTime() {
    SlaReport r =
        q3(
            Fixtures.ledger()
                .up(WEB, "2026-06-30T00:00:00")
                .down(WEB, "2026-08-10T10:00:00", "2026-08-10T13:00:00"));
    SlaReport.ServiceReport s = r.services().getFirst();
    assertThat(s.incidents())
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.restoreTime()).isEqualTo(Duration.ofHours(3));
              assertThat(i.exceeded()).isFalse(); // BDN SLA 1.1.8: 48 h
            });
    // One failure in 2,205 operating hours: MTBF 91.875 days, short of the promised 360 days.
    assertThat(s.reliability().failures()).isEqualTo(1);
    assertThat(s.reliability().mtbf()).isEqualTo(Duration.ofHours(2205));
    assertThat(s.reliability().met()).isFalse();
  }
}
