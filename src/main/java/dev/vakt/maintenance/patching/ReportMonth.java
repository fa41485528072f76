package dev.vakt.maintenance.patching;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The calendar month a compliance report covers, in the contract's time zone: from its first
 * midnight to the next month's, or to now for the month under way.
 *
 * @param month the month
 * @param zone the contract's time zone
 * @param from the month's start
 * @param to the instant judged on: the month's end, or now when earlier
 */
public record ReportMonth(YearMonth month, ZoneId zone, Instant from, Instant to) {

  public ReportMonth {
    Objects.requireNonNull(month, "month");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (!to.isAfter(from)) {
      throw new IllegalArgumentException("a report month ends after it starts");
    }
  }

  /**
   * {@code month} in {@code zone} as known at {@code now}.
   *
   * @throws IllegalArgumentException when the month has not begun
   */
  public static ReportMonth of(YearMonth month, ZoneId zone, Instant now) {
    Instant from = month.atDay(1).atStartOfDay(zone).toInstant();
    Instant end = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
    if (!now.isAfter(from)) {
      throw new IllegalArgumentException(month + " has not begun in " + zone);
    }
    return new ReportMonth(month, zone, from, now.isBefore(end) ? now : end);
  }

  /**
   * The last instant of the month that the report judges: {@code to} when the month is under way,
   * else the instant before the next month begins (whose terms are the month's last day's).
   */
  public Instant lastInstant() {
    Instant end = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
    return to.isBefore(end) ? to : end.minusNanos(1);
  }
}
