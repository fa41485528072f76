package dev.vakt.contract;

import static dev.vakt.common.InvalidField.check;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.vakt.common.Codes;
import dev.vakt.common.Percent;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * What the provider guarantees about availability and how it is measured (SLA-1 to SLA-12).
 *
 * @param uptime uptime % = (uptime - downtime) / theoretical maximum (BDN SLA 1.1.5, SLA-4)
 * @param availability availability % = (opening time - downtime) / opening time (SLA-5, SLA-8)
 * @param minimumMtbf promised mean time between failures (BDN SLA 1.1.7: 360 days, SLA-6)
 * @param maxRestoreTime longest an incident may take to restore (BDN SLA 1.1.8: 48 h, SLA-7)
 * @param maxTimeToAction guaranteed maximum time to action on a fault (SWH 1, ALR-4)
 * @param excluded outage categories that do not count as downtime
 * @param priceReductionForUnannouncedStops whether unannounced stops reduce the price (SLA-12)
 * @param scope what the customer's total is of: each service on its own ({@code service}, the
 *     default: BDN SLA 1.1.5 guarantees 99.9 % "for de af Kundens løsninger og services") or the
 *     customer's solution as a whole, down while any of its services is down ({@code solution})
 */
public record SlaTerms(
    Objective uptime,
    Objective availability,
    Duration minimumMtbf,
    Duration maxRestoreTime,
    Duration maxTimeToAction,
    Set<OutageCategory> excluded,
    Boolean priceReductionForUnannouncedStops,
    Scope scope) {

  public SlaTerms {
    check(
        excluded == null || !excluded.contains(OutageCategory.COUNTED),
        "excluded",
        "'counted' is the category that counts as downtime and cannot be excluded");
    excluded = excluded == null ? null : Set.copyOf(excluded);
    check(minimumMtbf == null || minimumMtbf.isPositive(), "minimumMtbf", "must be positive");
    check(
        maxRestoreTime == null || maxRestoreTime.isPositive(),
        "maxRestoreTime",
        "must be positive");
    check(
        maxTimeToAction == null || maxTimeToAction.isPositive(),
        "maxTimeToAction",
        "must be positive");
  }

  /**
   * How the customer's total is made. Never an average of service time: one service's downtime
   * always counts in full (SLA-4, SLA-6).
   */
  public enum Scope {
    /** Each service must meet each guarantee: the total is met only when every service meets it. */
    SERVICE,
    /** The services form one solution, down while any of them is down (union of downtime). */
    SOLUTION;

    @JsonValue
    public String code() {
      return Codes.of(this);
    }
  }

  /**
   * A guaranteed percentage over a measurement period.
   *
   * @param target the guaranteed percentage, e.g. 99.9
   * @param measurement the period it is measured over
   * @param basis what the percentage is of: all time, or the contract's opening hours
   * @param credit what the customer gets when the target is missed
   */
  public record Objective(Percent target, Measurement measurement, Basis basis, Credit credit) {}

  /**
   * A measurement period: "3 sammenhængende måneder" is {@code consecutive-months} of length 3,
   * "snitt over de siste 30 dager" is {@code trailing-days} of length 30.
   */
  public record Measurement(PeriodKind period, Integer length) {
    public Measurement {
      check(length == null || length >= 1, "length", "must be at least 1");
      check(
          length == null || period != PeriodKind.TRAILING_DAYS || length <= 366,
          "length",
          "a trailing window longer than 366 days is not a measurement period");
    }
  }

  /** How a measurement period is laid on the calendar. */
  public enum PeriodKind {
    CALENDAR_MONTHS,
    CONSECUTIVE_MONTHS,
    TRAILING_DAYS,
    CALENDAR_YEAR;

    @JsonValue
    public String code() {
      return Codes.of(this);
    }
  }

  /** What 100 % is: every minute, or only the contract's opening hours. */
  public enum Basis {
    ALWAYS,
    OPENING_HOURS;

    @JsonValue
    public String code() {
      return Codes.of(this);
    }
  }

  /** The remedy when a target is missed. */
  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
  @JsonSubTypes({
    @JsonSubTypes.Type(value = Credit.None.class, name = "none"),
    @JsonSubTypes.Type(value = Credit.WholeDaysUntilMet.class, name = "whole-days-until-met"),
    @JsonSubTypes.Type(value = Credit.FeePercent.class, name = "fee-percent")
  })
  public sealed interface Credit {

    /** No credit: the target is reported but gives no money back. */
    record None() implements Credit {}

    /**
     * Credit whole days with downtime, most downtime first, until the remaining days of the period
     * meet the target (DG VPS/dedicated/colocation, SLA-8).
     */
    record WholeDaysUntilMet() implements Credit {}

    /** A share of the period's fee for each band the achieved figure falls below. */
    record FeePercent(List<Tier> tiers) implements Credit {
      public FeePercent {
        check(tiers != null && !tiers.isEmpty(), "tiers", "needs at least one tier");
        tiers = List.copyOf(tiers);
      }
    }

    /** Below {@code below} % the customer is credited {@code credit} % of the fee. */
    record Tier(Percent below, Percent credit) {
      public Tier {
        check(below != null, "below", "is required");
        check(credit != null, "credit", "is required");
      }
    }
  }
}
