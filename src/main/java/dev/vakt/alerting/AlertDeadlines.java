package dev.vakt.alerting;

import dev.vakt.common.PublicHolidays;
import dev.vakt.contract.AlertingTerms;
import dev.vakt.contract.Terms;
import dev.vakt.contract.WeeklyHours;
import dev.vakt.contract.WeeklyRule;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

/**
 * The deadlines an alarm starts, from the contract's terms.
 *
 * @param action the guaranteed maximum time to action ({@code sla.maxTimeToAction}, SWH 1, ALR-4):
 *     met by an acknowledgement or by troubleshooting started; null when the terms set none
 * @param troubleshooting troubleshooting must start by then ({@code alerting.troubleshootingStart},
 *     BDN SLA 1.2.1, ALR-3): met only by troubleshooting started; null when the terms set none or
 *     it does not apply at the time of the alarm
 */
public record AlertDeadlines(Instant action, Instant troubleshooting) {

  /** No deadline. */
  public static final AlertDeadlines NONE = new AlertDeadlines(null, null);

  /**
   * The deadlines {@code terms} set for an alarm at {@code alarm}, with the public holidays of the
   * terms' {@code holidays} country (none when it names none).
   */
  public static AlertDeadlines of(Terms terms, Instant alarm) {
    return of(terms, alarm, holidays(terms, alarm));
  }

  /**
   * The public holidays of the terms' {@code holidays} country in the alarm's year and the next (in
   * the terms' zone), so deadlines crossing New Year see them too; empty when it names none.
   */
  static Set<LocalDate> holidays(Terms terms, Instant alarm) {
    if (terms.holidays() == null) {
      return Set.of();
    }
    int year = alarm.atZone(zone(terms)).getYear();
    return PublicHolidays.between(
        terms.holidays(), LocalDate.of(year, 1, 1), LocalDate.of(year + 2, 1, 1));
  }

  private static ZoneId zone(Terms terms) {
    return terms.timeZone() == null ? ZoneOffset.UTC : terms.timeZone();
  }

  /**
   * The deadlines {@code terms} set for an alarm at {@code alarm}. Whether an {@code
   * outside-support-hours} or {@code outside-opening-hours} deadline applies is decided by the time
   * of the alarm, in the terms' zone: terms without support hours are outside them always.
   *
   * @param holidays public holidays, left out of {@code working-days} hours
   */
  public static AlertDeadlines of(Terms terms, Instant alarm, Set<LocalDate> holidays) {
    Instant action =
        terms.sla() == null || terms.sla().maxTimeToAction() == null
            ? null
            : alarm.plus(terms.sla().maxTimeToAction());
    AlertingTerms.Deadline start =
        terms.alerting() == null ? null : terms.alerting().troubleshootingStart();
    Instant troubleshooting = null;
    if (start != null) {
      ZoneId zone = zone(terms);
      boolean applies =
          switch (start.applies() == null ? AlertingTerms.Applies.ALWAYS : start.applies()) {
            case ALWAYS -> true;
            case OUTSIDE_SUPPORT_HOURS ->
                outside(
                    terms.support() == null ? null : terms.support().hours(),
                    zone,
                    holidays,
                    alarm);
            case OUTSIDE_OPENING_HOURS -> outside(terms.openingHours(), zone, holidays, alarm);
          };
      troubleshooting = applies ? alarm.plus(start.within()) : null;
    }
    return new AlertDeadlines(action, troubleshooting);
  }

  private static boolean outside(
      List<WeeklyRule> hours, ZoneId zone, Set<LocalDate> holidays, Instant alarm) {
    return hours == null || !WeeklyHours.contains(hours, zone, holidays, alarm);
  }

  /** The earlier of the two, or null when there is none. */
  public Instant earliest() {
    return min(action, troubleshooting);
  }

  /** Each deadline the earlier of this and {@code other}'s: for alarms under several contracts. */
  public AlertDeadlines strictest(AlertDeadlines other) {
    return new AlertDeadlines(
        min(action, other.action), min(troubleshooting, other.troubleshooting));
  }

  static Instant min(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    return b == null || a.isBefore(b) ? a : b;
  }
}
