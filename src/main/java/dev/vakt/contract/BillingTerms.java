package dev.vakt.contract;

import static dev.vakt.common.InvalidField.check;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.vakt.common.Codes;
import dev.vakt.common.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Period;
import java.util.Set;

/**
 * The commercial life of a contract: terms, renewal, invoicing, termination, guarantees and
 * liability (BIL-1 to BIL-17).
 *
 * @param minimumTerm the shortest a subscription runs (DG: 12 months, BIL-1)
 * @param renewalPeriod the length of each renewal
 * @param autoRenew whether it renews without action (DG, BIL-1)
 * @param renewalInvoiceLead the renewal invoice is issued this long before the new period (BIL-2)
 * @param paymentTerms days from invoice to due date, at least (BIL-2)
 * @param rounding how invoice totals are rounded (BIL-3)
 * @param invoiceFee fee on invoices, and who is exempt (BIL-6)
 * @param priceChangeNotice notice for price changes, effective from the next period (BIL-4)
 * @param cpiAdjustmentWithoutNotice yearly CPI adjustment without notice (BIL-4)
 * @param campaignPeriods periods a campaign price lasts (BIL-4)
 * @param coTerming billing to a main due date (BIL-5)
 * @param refunds refund fee and set-off (BIL-7)
 * @param withdrawal consumers' right of withdrawal (BIL-8)
 * @param termination notice, binding period and settlement (BIL-9 to BIL-11)
 * @param moneyBackGuarantee everything paid is refunded when ending within this time (STW 2.0)
 * @param liabilityCap how liability is capped (BIL-13)
 * @param materialBreachAfterOverdue payment default counting as material breach (BIL-14)
 * @param reopeningFee fee for reopening a closed or suspended service (BIL-14)
 * @param deliveryWithin the longest from order to delivery (BIL-15)
 * @param dunning reminders and debt collection (BIL-6)
 */
public record BillingTerms(
    Period minimumTerm,
    Period renewalPeriod,
    Boolean autoRenew,
    Period renewalInvoiceLead,
    Period paymentTerms,
    Rounding rounding,
    InvoiceFee invoiceFee,
    Period priceChangeNotice,
    Boolean cpiAdjustmentWithoutNotice,
    Integer campaignPeriods,
    CoTerming coTerming,
    Refunds refunds,
    Withdrawal withdrawal,
    Termination termination,
    Period moneyBackGuarantee,
    LiabilityCap liabilityCap,
    Period materialBreachAfterOverdue,
    Money reopeningFee,
    Period deliveryWithin,
    Dunning dunning) {

  public BillingTerms {
    positive("minimumTerm", minimumTerm);
    positive("renewalPeriod", renewalPeriod);
    check(campaignPeriods == null || campaignPeriods >= 1, "campaignPeriods", "must be at least 1");
  }

  static void positive(String field, Period p) {
    check(p == null || (!p.isNegative() && !p.isZero()), field, "must be a positive period");
  }

  /**
   * "Ørebeløp som ender på 1-49 øre rundes ned ... 50-99 øre rundes opp": increment 1.00, half-up.
   *
   * @param increment the unit totals are rounded to, e.g. 1.00 or 0.05
   * @param mode how: half-up, half-even, up, down
   */
  public record Rounding(BigDecimal increment, Mode mode) {
    public Rounding {
      check(
          increment != null && increment.signum() > 0,
          "increment",
          "must be a positive amount, e.g. 1.00");
      check(mode != null, "mode", "is required");
    }

    /** Rounding modes, by the names accountants use. */
    public enum Mode {
      HALF_UP(RoundingMode.HALF_UP),
      HALF_EVEN(RoundingMode.HALF_EVEN),
      UP(RoundingMode.UP),
      DOWN(RoundingMode.DOWN);

      private final RoundingMode java;

      Mode(RoundingMode java) {
        this.java = java;
      }

      public RoundingMode java() {
        return java;
      }

      @JsonValue
      public String code() {
        return Codes.of(this);
      }
    }
  }

  /** An invoice fee and the payment methods exempt from it ("kortbetaling ... fritatt"). */
  public record InvoiceFee(Money amount, Set<PaymentMethod> exempt) {
    public InvoiceFee {
      check(amount != null && !amount.isNegative(), "amount", "is required and cannot be negative");
      // Absent stays absent, so a contract that changes only the amount keeps the exemptions below.
      exempt = exempt == null ? null : Set.copyOf(exempt);
    }
  }

  /** Ways of paying. */
  public enum PaymentMethod {
    CARD,
    CASH,
    INVOICE,
    DIRECT_DEBIT;

    @JsonValue
    public String code() {
      return Codes.of(this);
    }
  }

  /** Bill to the main due date, plus a whole period when the remainder is shorter than this. */
  public record CoTerming(Period addWholePeriodWhenRemainderUnder) {
    public CoTerming {
      positive("addWholePeriodWhenRemainderUnder", addWholePeriodWhenRemainderUnder);
    }
  }

  /**
   * Overpayments are refunded for a fee; amounts below a limit are set off against overdue items.
   */
  public record Refunds(Money fee, Money setOffBelow) {}

  /**
   * The consumer's right of withdrawal (angrerett).
   *
   * @param within days allowed
   * @param startsDayAfterDelivery the period starts the day after first delivery
   * @param extendToNextWorkingDay a period ending on a Saturday or holiday moves to the next
   *     working day
   * @param extensionIfInformationMissing extension when the withdrawal information was missing
   * @param refundWithin the refund is paid within this time
   * @param exemptProducts product kinds without a withdrawal right (domains, SSL certificates)
   */
  public record Withdrawal(
      Period within,
      Boolean startsDayAfterDelivery,
      Boolean extendToNextWorkingDay,
      Period extensionIfInformationMissing,
      Period refundWithin,
      Set<String> exemptProducts) {
    public Withdrawal {
      positive("within", within);
      exemptProducts = exemptProducts == null ? null : Set.copyOf(exemptProducts);
    }
  }

  /**
   * Ending a contract.
   *
   * @param bindingPeriod no termination in the first months (BDN 1.1.8: 12 months)
   * @param notice notice before the period ends (BDN: 3 months)
   * @param noticeBeforeRenewal termination at least this long before the new period (DG: 30 days)
   * @param channel how notice is given (DG: only from the control panel)
   * @param refundCurrentPeriod whether the running period is refunded (DG: no)
   * @param settlementThreshold differences are refunded or charged only above this (BDN: 50 DKK)
   * @param deleteDataAfter data is deleted this long after the end (BDN: 15 days)
   * @param discontinuedProductNotice notice when the provider discontinues a product (BDN: 1 month)
   * @param objectionAfterChangeNotice time to terminate after a notified change (BDN: 30 days)
   */
  public record Termination(
      Period bindingPeriod,
      Period notice,
      Period noticeBeforeRenewal,
      NoticeChannel channel,
      Boolean refundCurrentPeriod,
      Money settlementThreshold,
      Period deleteDataAfter,
      Period discontinuedProductNotice,
      Period objectionAfterChangeNotice) {}

  /** How a notice must be given. */
  public enum NoticeChannel {
    CONTROL_PANEL,
    WRITTEN,
    WRITTEN_OR_ELECTRONIC;

    @JsonValue
    public String code() {
      return Codes.of(this);
    }
  }

  /** How liability is capped. */
  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
  @JsonSubTypes({
    @JsonSubTypes.Type(
        value = LiabilityCap.PaidInPrecedingMonths.class,
        name = "paid-in-preceding-months"),
    @JsonSubTypes.Type(value = LiabilityCap.PriceWhenAgreed.class, name = "price-when-agreed"),
    @JsonSubTypes.Type(value = LiabilityCap.Fixed.class, name = "fixed")
  })
  public sealed interface LiabilityCap {
    /** STW 13.0: what the customer paid in the months before the claim was notified. */
    record PaidInPrecedingMonths(Integer months) implements LiabilityCap {
      public PaidInPrecedingMonths {
        check(months != null && months >= 1, "months", "must be at least 1");
      }
    }

    /** DG: the price of the service when the agreement was made. */
    record PriceWhenAgreed() implements LiabilityCap {}

    /** A fixed amount. */
    record Fixed(Money amount) implements LiabilityCap {
      public Fixed {
        check(
            amount != null && !amount.isNegative(), "amount", "is required and cannot be negative");
      }
    }
  }

  /** Reminders and debt collection ("purregebyr og renter", "inkassovarsel" with 14 days). */
  public record Dunning(
      Money reminderFee, Boolean statutoryInterest, Period debtCollectionDeadline) {}
}
