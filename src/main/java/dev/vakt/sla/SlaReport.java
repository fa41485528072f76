package dev.vakt.sla;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.vakt.common.Codes;
import dev.vakt.common.Money;
import dev.vakt.common.Percent;
import dev.vakt.contract.OutageCategory;
import dev.vakt.contract.SlaTerms;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * What a customer's services achieved against the contract, with every figure's inputs, so that
 * anyone holding the events and the terms arrives at the same numbers (docs/outages.md).
 *
 * @param customer the customer, when known
 * @param contract the contract whose terms were applied, when known
 * @param zone the contract's time zone, in which days, months and opening hours are laid out
 * @param from start of the report period
 * @param to end of the report period (exclusive), as asked
 * @param now the moment of evaluation: open reports and outages run until it
 * @param until where the period actually ends: {@code to}, or {@code now} when earlier
 * @param services one report per service, in the order asked
 * @param total the customer's services taken together
 * @param notes assumptions a reader should know about (missing opening hours, clipped windows)
 */
public record SlaReport(
    String customer,
    String contract,
    ZoneId zone,
    Instant from,
    Instant to,
    Instant now,
    Instant until,
    List<ServiceReport> services,
    Total total,
    List<String> notes) {

  /**
   * One service.
   *
   * @param period time per state and category over the report period, around the clock
   * @param figures the contract's objectives, each over its own measurement window
   * @param outages maximal runs of down time within the period
   * @param incidents outages grouped by cause (SLA-7)
   * @param reliability mean time between failures over the period (SLA-6)
   * @param intervals every down and unmonitored interval used, the explanation of all figures
   */
  public record ServiceReport(
      String service,
      Breakdown period,
      List<Figure> figures,
      List<Outage> outages,
      List<Incident> incidents,
      Reliability reliability,
      List<Interval> intervals) {}

  /**
   * The customer's services taken together, as the contract's {@code sla.scope} reads them; never
   * an average of service time, so one service's downtime always counts in full.
   *
   * <ul>
   *   <li>{@code service} (each service on its own, BDN SLA 1.1.5): each figure is that of the
   *       service that decides it (worst verdict, then lowest achieved), named in {@code
   *       decidedBy}; a target is met only when every service meets it. MTBF is the lowest of the
   *       services'.
   *   <li>{@code solution} (the solution as a whole): the solution is down while any service is
   *       down, unmonitored while none is down and any is unmonitored; figures, credit and MTBF are
   *       those of that one timeline, and overlapping outages are one failure.
   * </ul>
   *
   * Incidents with one id count once in {@code incidents}, whatever the scope.
   *
   * @param decidedBy per figure (in the order of {@code figures}), the service whose figure it is
   *     under {@code service}; empty under {@code solution}
   * @param troubleshooting the troubleshooting-start promise over all incidents (ALR-3), absent
   *     when the contract makes none
   */
  public record Total(
      List<String> services,
      SlaTerms.Scope scope,
      String reading,
      Breakdown period,
      List<Figure> figures,
      List<String> decidedBy,
      List<Incident> incidents,
      Reliability reliability,
      TroubleshootingTotal troubleshooting) {}

  /**
   * The troubleshooting-start promise ({@code alerting.troubleshootingStart}, BDN SLA 1.2.1, ALR-3)
   * over the incidents of the report.
   *
   * @param within the time allowed from the alarm
   * @param applies when the promise applies, by the time of the alarm
   * @param judged incidents whose alarm fell when the promise applies
   * @param missed of those, incidents whose troubleshooting started late or not at all
   * @param open of those, incidents whose deadline had not yet passed without a start
   * @param verdict {@code not-met} when any was missed, {@code undetermined} when any is open
   */
  public record TroubleshootingTotal(
      Duration within,
      dev.vakt.contract.AlertingTerms.Applies applies,
      int judged,
      int missed,
      int open,
      Verdict verdict) {}

  /**
   * Troubleshooting start of one incident against the promise (ALR-3): from the alarm (the
   * incident's start, when the fault report was received) to the first recorded {@code
   * troubleshooting-started} action, not the acknowledgement.
   *
   * @param applies whether the promise applied at the time of the alarm
   * @param deadline the alarm plus the time allowed, when it applies
   * @param at when troubleshooting started, absent when it has not
   * @param missed whether the deadline passed before the start; absent while it is still open or
   *     when the promise does not apply
   */
  public record Troubleshooting(
      boolean applies, Instant deadline, Instant at, String by, Duration time, Boolean missed) {}

  /**
   * Time split by state. {@code up + down + unmonitored = time}; {@code downtime} is the part of
   * {@code down} whose category the contract does not exclude.
   */
  public record Breakdown(
      Duration time,
      Duration up,
      Duration down,
      Duration downtime,
      Duration unmonitored,
      List<CategoryTime> categories) {}

  /** Down time of one category, and whether the contract excludes it from downtime. */
  public record CategoryTime(OutageCategory category, Duration time, boolean excluded) {}

  /**
   * One objective over one window.
   *
   * @param name {@code uptime}, {@code availability}, or {@code period} for the plain figure over
   *     the report period
   * @param basis all time (SLA-4) or opening hours (SLA-5)
   * @param target the guarantee, absent when the contract only asks for the figure
   * @param time the basis time in the window, split by state
   * @param achieved (basis − unmonitored − downtime) / (basis − unmonitored) in %, rounded down to
   *     4 decimals; absent without monitored time
   * @param worstCase (basis − unmonitored − downtime) / basis in %: unmonitored counted as down
   * @param budget the downtime the target allows in the window, used and left
   * @param credit what the customer is owed, when the contract gives credit
   * @param months the same figure per calendar month of a multi-month window
   */
  public record Figure(
      String name,
      SlaTerms.Basis basis,
      Percent target,
      Window window,
      Breakdown time,
      BigDecimal achieved,
      BigDecimal worstCase,
      Verdict verdict,
      Budget budget,
      Credit credit,
      List<Figure> months) {}

  /**
   * The exact window a figure covers; {@code endsAtNow} when it was cut short at the evaluation.
   */
  public record Window(Instant from, Instant to, String description, boolean endsAtNow) {}

  /** Allowed downtime = (100 − target) % of the basis time, rounded down to the millisecond. */
  public record Budget(Duration allowed, Duration used, Duration left) {}

  /**
   * A credit for a missed target.
   *
   * @param kind {@code whole-days-until-met} (SLA-8) or {@code fee-percent}
   * @param days the credited days, most downtime first (whole days only)
   * @param percent the share of the fee credited (fee percent only)
   * @param remaining the achieved figure once the credited days are taken out
   * @param amount the credit in money, when a monthly fee was given (customer total only)
   * @param explanation how the credit was arrived at, in words
   */
  public record Credit(
      String kind,
      List<CreditedDay> days,
      int count,
      BigDecimal percent,
      BigDecimal remaining,
      Money amount,
      String explanation) {}

  /** A whole calendar day (in the contract's zone) credited: its basis time and its downtime. */
  public record CreditedDay(LocalDate date, Duration time, Duration downtime) {}

  /**
   * A maximal run of down time, clipped to the report period.
   *
   * @param downtime the part of the run that counts (its categories are not excluded)
   * @param startsBeforePeriod the run began before the period: its start here is the period's
   * @param continuesAfterPeriod the run went on past the period's end
   * @param open the service was still down at the evaluation
   * @param action the first action on it (ALR-4)
   * @param gapBefore unmonitored time joining this outage to the one before it: the fault was not
   *     seen fixed, so both are one incident (zero when the outage begins its incident)
   * @param gapAfter unmonitored time after the outage until the service was next seen up: the fault
   *     was not seen fixed before the gap, so its incident runs until then (zero otherwise)
   */
  public record Outage(
      String service,
      Instant start,
      Instant end,
      Duration duration,
      Duration downtime,
      List<CategoryTime> categories,
      String incident,
      boolean startsBeforePeriod,
      boolean continuesAfterPeriod,
      boolean open,
      Action action,
      List<String> sources,
      Duration gapBefore,
      Duration gapAfter) {}

  /**
   * Time to action on an outage: the first {@code action} event at or after its start and before
   * its end. {@code missing} when there was none; {@code exceeded} against the contract's {@code
   * maxTimeToAction}, absent when it sets none.
   */
  public record Action(
      Instant at,
      SlaEvent.ActionKind kind,
      String by,
      Duration timeToAction,
      boolean missing,
      Boolean exceeded) {}

  /**
   * Outages of one cause: the {@code incident} id of their state changes, or each outage alone.
   *
   * @param restoreTime from the first outage's start to the last one's end (SLA-7), monitoring gaps
   *     inside it included: a fault not seen fixed before a gap is the same fault after it
   * @param atLeast the incident was clipped or is still open: it lasted at least this long
   * @param counted whether any of its down time counts
   * @param exceeded restore time against {@code maxRestoreTime}; absent when the contract sets none
   * @param unmonitored the part of the restore time that lay in monitoring gaps (MON-9)
   * @param troubleshooting its troubleshooting start against the promise (ALR-3), absent when the
   *     contract makes none or the incident began before the period (its alarm lies there)
   */
  public record Incident(
      String id,
      List<String> services,
      Instant start,
      Instant end,
      Duration restoreTime,
      boolean atLeast,
      boolean counted,
      Boolean exceeded,
      Duration unmonitored,
      Troubleshooting troubleshooting) {}

  /**
   * Mean time between failures (SLA-6): operating time (period − unmonitored − downtime) divided by
   * the incidents with counted down time. {@code mtbf} is absent when there was no failure.
   */
  public record Reliability(
      Duration operatingTime, int failures, Duration mtbf, Duration promised, Boolean met) {}

  /** A down or unmonitored interval, with its category and the events that made it. */
  public record Interval(
      Instant from,
      Instant to,
      State state,
      OutageCategory category,
      boolean counted,
      List<String> sources) {}

  /** The state of a service at a moment. */
  public enum State {
    UP,
    DOWN,
    UNMONITORED;

    @JsonValue
    public String code() {
      return Codes.of(this);
    }
  }

  /**
   * Whether a target was met, by one rule for monitoring gaps (docs/outages.md): downtime runs from
   * a fault report to the fix (BDN SLA 1.1.3, SLA-1), so a gap with no report adds no downtime; and
   * a gap is never counted as up (SLA-11, MON-9). A target is therefore judged on the monitored
   * time alone: MET or NOT_MET by {@code achieved}, with the gap shown beside it ({@code
   * unmonitored}, {@code worstCase}). UNDETERMINED: the window holds no monitored time at all.
   */
  public enum Verdict {
    MET,
    NOT_MET,
    UNDETERMINED,
    NO_TARGET;

    @JsonValue
    public String code() {
      return Codes.of(this);
    }
  }
}
