package dev.vakt.sla;

import dev.vakt.common.Money;
import dev.vakt.common.Percent;
import dev.vakt.contract.SlaTerms;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What a missed target gives back. Credits are owed only for what is proven: they follow the
 * achieved figure (monitored time), never the worst case.
 */
final class Credits {

  private Credits() {}

  /**
   * DG's rule (SLA-8): credit whole days with downtime, most downtime first (ties: the earlier
   * day), each taken out of both the time and the downtime, until the remaining days meet the
   * target.
   *
   * @param days the window's calendar days
   * @param lastDay the window's last day: the fee's month, for the amount
   */
  static SlaReport.Credit wholeDays(
      List<Buckets.Day> days,
      Percent target,
      SlaReport.Verdict verdict,
      Money fee,
      LocalDate lastDay) {
    long monitored = 0;
    long down = 0;
    for (Buckets.Day d : days) {
      monitored += d.basis() - d.unmonitored();
      down += d.counted();
    }
    String kind = "whole-days-until-met";
    if (verdict != SlaReport.Verdict.NOT_MET) {
      return new SlaReport.Credit(
          kind,
          List.of(),
          0,
          null,
          Figures.percent(monitored - down, monitored),
          zero(fee),
          verdict == SlaReport.Verdict.MET
              ? "target met: no day to credit"
              : "only unmonitored time could make the target missed: nothing proven to credit");
    }
    List<Buckets.Day> worst = new ArrayList<>();
    for (Buckets.Day d : days) {
      if (d.counted() > 0) {
        worst.add(d);
      }
    }
    worst.sort(
        Comparator.comparingLong(Buckets.Day::counted).reversed().thenComparing(Buckets.Day::date));
    List<SlaReport.CreditedDay> credited = new ArrayList<>();
    for (Buckets.Day d : worst) {
      if (monitored > 0 && Figures.meets(monitored - down, monitored, target)) {
        break;
      }
      monitored -= d.basis() - d.unmonitored();
      down -= d.counted();
      credited.add(
          new SlaReport.CreditedDay(
              d.date(), Duration.ofMillis(d.basis()), Duration.ofMillis(d.counted())));
    }
    Money amount = null;
    if (fee != null) {
      // fee x days / days in the month of the window's end, HALF_UP to the currency's minor unit
      BigDecimal raw =
          fee.amount()
              .multiply(BigDecimal.valueOf(credited.size()))
              .divide(BigDecimal.valueOf(lastDay.lengthOfMonth()), 10, RoundingMode.HALF_UP);
      amount = new Money(minorUnit(raw, fee), fee.currency());
    }
    BigDecimal remaining = monitored > 0 ? Figures.percent(monitored - down, monitored) : null;
    return new SlaReport.Credit(
        kind,
        List.copyOf(credited),
        credited.size(),
        null,
        remaining,
        amount,
        credited.size()
            + (credited.size() == 1 ? " day" : " days")
            + " with the most downtime credited, until the remaining days meet "
            + target
            + (remaining == null ? "" : " (remaining: " + remaining.toPlainString() + " %)")
            + (amount == null
                ? ""
                : "; amount = monthly fee "
                    + fee
                    + " x "
                    + credited.size()
                    + " / "
                    + lastDay.lengthOfMonth()
                    + " days of "
                    + java.time.YearMonth.from(lastDay)));
  }

  /**
   * A share of the fee: the credit of the lowest tier whose {@code below} the achieved figure is
   * under ({@code monitored - down} of {@code monitored}, compared exactly).
   */
  static SlaReport.Credit feePercent(
      SlaTerms.Credit.FeePercent terms, long monitored, long down, Money fee) {
    String kind = "fee-percent";
    if (monitored <= 0) {
      return new SlaReport.Credit(
          kind, List.of(), 0, null, null, null, "no monitored time: nothing proven to credit");
    }
    SlaTerms.Credit.Tier tier = null;
    for (SlaTerms.Credit.Tier t : terms.tiers()) {
      if (!Figures.meets(monitored - down, monitored, t.below())
          && (tier == null || t.below().compareTo(tier.below()) < 0)) {
        tier = t;
      }
    }
    BigDecimal percent = tier == null ? BigDecimal.ZERO : tier.credit().value();
    Money amount =
        fee == null
            ? null
            : new Money(
                minorUnit(fee.amount().multiply(percent).movePointLeft(2), fee), fee.currency());
    BigDecimal achieved = Figures.percent(monitored - down, monitored);
    return new SlaReport.Credit(
        kind,
        List.of(),
        0,
        percent,
        achieved,
        amount,
        tier == null
            ? "the figure is not below any tier: no credit"
            : "the figure is below "
                + tier.below()
                + ": "
                + percent.toPlainString()
                + " % of the monthly fee");
  }

  private static Money zero(Money fee) {
    return fee == null ? null : new Money(minorUnit(BigDecimal.ZERO, fee), fee.currency());
  }

  private static BigDecimal minorUnit(BigDecimal amount, Money fee) {
    int digits = fee.currency().getDefaultFractionDigits();
    return digits < 0 ? amount.stripTrailingZeros() : amount.setScale(digits, RoundingMode.HALF_UP);
  }
}
