package dev.vakt.sla;

import static dev.vakt.sla.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.common.Money;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * DG VPS / dedicated / colocation (SLA-8): 99.995 % availability over the last 30 days; when
 * missed, whole days with downtime are credited, worst first, until the remaining days meet it.
 * Every expected value is worked out by hand in the comments.
 */
class SlaCalculatorDgTest {

  static final String SERVER = "dg-fjellsport-web";

  static SlaReport report(Fixtures.Ledger ledger, LocalDate to, Money fee) {
    return SlaCalculator.report(
        SlaRequest.ofDates(
                Fixtures.dg(),
                List.of(SERVER),
                ledger.events(),
                to.minusMonths(1),
                to,
                to.plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant())
            .withMonthlyFee(fee));
  }

  /** {@code minutes} of hard critical state from 12:00 Oslo time on {@code day}. */
  static Fixtures.Ledger down(Fixtures.Ledger l, String day, int minutes) {
    Instant from =
        LocalDate.parse(day).atTime(12, 0).atZone(java.time.ZoneId.of("Europe/Oslo")).toInstant();
    return l.down(
        SERVER,
        from.toString().replace("Z", ""),
        from.plus(Duration.ofMinutes(minutes)).toString().replace("Z", ""));
  }

  @Test
  void sla8_creditsTheWorstDaysFirstAndStopsWhenTheRestMeetTheTarget() {
    // Window: the 30 days 2026-01-30 .. 2026-02-28 = 43,200 min. Down: Feb 3 10 min, Feb 8 2 min,
    // Feb 20 2 min = 14 min: (43200 - 14) / 43200 = 99.96759 % < 99.995 %.
    // Credit Feb 3: 29 days = 41,760 min, 4 min down: 99.99042 %, still short.
    // Tie of 2 min: the earlier day, Feb 8: 28 days = 40,320 min, 2 min down: 99.99504 %, met.
    Fixtures.Ledger l = Fixtures.ledger().up(SERVER, "2026-01-01T00:00:00");
    down(l, "2026-02-03", 10);
    down(l, "2026-02-08", 2);
    down(l, "2026-02-20", 2);
    SlaReport r = report(l, LocalDate.of(2026, 3, 1), Money.of("1199.00", "NOK"));

    SlaReport.Figure a = Fixtures.figure(r.services().getFirst(), "availability");
    assertThat(a.window().from()).isEqualTo(at("2026-01-29T23:00:00"));
    assertThat(a.window().to()).isEqualTo(at("2026-02-28T23:00:00"));
    assertThat(a.time().time()).isEqualTo(Duration.ofDays(30));
    assertThat(a.achieved()).isEqualByComparingTo(new BigDecimal("99.9675"));
    assertThat(a.verdict()).isEqualTo(SlaReport.Verdict.NOT_MET);
    assertThat(a.credit().days())
        .extracting(SlaReport.CreditedDay::date)
        .containsExactly(LocalDate.of(2026, 2, 3), LocalDate.of(2026, 2, 8));
    assertThat(a.credit().count()).isEqualTo(2);
    assertThat(a.credit().remaining()).isEqualByComparingTo(new BigDecimal("99.9950"));
    // Per service no amount: the fee belongs to the contract, i.e. the customer total.
    assertThat(a.credit().amount()).isNull();
    // 1,199.00 NOK x 2 / 28 (February 2026) = 85.642857... -> 85.64 NOK (HALF_UP to øre).
    SlaReport.Figure total = Fixtures.figure(r.total(), "availability");
    assertThat(total.credit().amount()).isEqualTo(Money.of("85.64", "NOK"));
  }

  @Test
  void sla8_noCreditWhenTheTargetIsMet() {
    // 2 min in 43,200: 99.99537 % >= 99.995 %.
    Fixtures.Ledger l = Fixtures.ledger().up(SERVER, "2026-01-01T00:00:00");
    down(l, "2026-02-03", 2);
    SlaReport.Figure a =
        Fixtures.figure(
            report(l, LocalDate.of(2026, 3, 1), null).services().getFirst(), "availability");
    assertThat(a.verdict()).isEqualTo(SlaReport.Verdict.MET);
    assertThat(a.credit().count()).isZero();
    assertThat(a.credit().days()).isEmpty();
  }

  @Test
  void sla8_springForwardDayHas23HoursInOslo() {
    // Window 2026-03-11 .. 2026-04-09 holds 29 March 2026, 23 h long: 719 h = 43,140 min.
    // 10 min down on 29 March: 99.97682 %; crediting that day leaves no downtime (100 %).
    Fixtures.Ledger l = Fixtures.ledger().up(SERVER, "2026-01-01T00:00:00");
    down(l, "2026-03-29", 10);
    SlaReport.Figure a =
        Fixtures.figure(
            report(l, LocalDate.of(2026, 4, 10), null).services().getFirst(), "availability");
    assertThat(a.time().time()).isEqualTo(Duration.ofHours(719));
    assertThat(a.achieved()).isEqualByComparingTo(new BigDecimal("99.9768"));
    assertThat(a.credit().days())
        .containsExactly(
            new SlaReport.CreditedDay(
                LocalDate.of(2026, 3, 29), Duration.ofHours(23), Duration.ofMinutes(10)));
    assertThat(a.credit().remaining()).isEqualByComparingTo(new BigDecimal("100.0000"));
  }

  @Test
  void sla8_fallBackDayHas25HoursInOslo() {
    // Window 2026-10-06 .. 2026-11-04 holds 25 October 2026, 25 h long: 721 h.
    Fixtures.Ledger l = Fixtures.ledger().up(SERVER, "2026-01-01T00:00:00");
    down(l, "2026-10-25", 10);
    SlaReport.Figure a =
        Fixtures.figure(
            report(l, LocalDate.of(2026, 11, 5), null).services().getFirst(), "availability");
    assertThat(a.time().time()).isEqualTo(Duration.ofHours(721));
    assertThat(a.credit().days().getFirst().time()).isEqualTo(Duration.ofHours(25));
  }

  @Test
  void sla8_leapDay2028IsADayOfItsOwn() {
    // The 30 days before 2028-03-01 are 31 Jan and 1-29 Feb 2028.
    Fixtures.Ledger l = Fixtures.ledger().up(SERVER, "2028-01-01T00:00:00");
    down(l, "2028-02-29", 10);
    SlaReport r = report(l, LocalDate.of(2028, 3, 1), Money.of("1199.00", "NOK"));
    SlaReport.Figure a = Fixtures.figure(r.services().getFirst(), "availability");
    assertThat(a.window().description()).contains("2028-01-31").contains("2028-02-29");
    assertThat(a.credit().days())
        .extracting(SlaReport.CreditedDay::date)
        .containsExactly(LocalDate.of(2028, 2, 29));
    // 1,199.00 x 1 / 29 (February 2028) = 41.3448... -> 41.34 NOK.
    assertThat(Fixtures.figure(r.total(), "availability").credit().amount())
        .isEqualTo(Money.of("41.34", "NOK"));
  }

  @Test
  void sla8_excludedCategoriesAreNotCredited() {
    // DG excludes planned maintenance: 30 min of announced maintenance leaves the target met.
    Fixtures.Ledger l = Fixtures.ledger().up(SERVER, "2026-01-01T00:00:00");
    down(l, "2026-02-03", 30);
    l.add(
        new SlaEvent.Maintenance(
            "m-1",
            List.of(SERVER),
            at("2026-02-03T10:00:00"),
            at("2026-02-03T12:00:00"),
            "varslet 2026-01-20"));
    SlaReport.Figure a =
        Fixtures.figure(
            report(l, LocalDate.of(2026, 3, 1), null).services().getFirst(), "availability");
    assertThat(a.time().down()).isEqualTo(Duration.ofMinutes(30));
    assertThat(a.time().downtime()).isZero();
    assertThat(a.verdict()).isEqualTo(SlaReport.Verdict.MET);
  }
}
