package dev.vakt.sla;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * A report's services day by day, for the portal's uptime bars (issue 7): each calendar day of the
 * contract's zone (23 or 25 hours on a DST change) with its uptime, downtime and unmonitored time.
 *
 * <p>The days are cut from the report's own intervals, so they add up to the report's figures to
 * the millisecond: one {@link SlaCalculator} run serves every day of every service, instead of a
 * report per day. Unmonitored time is never counted as up: it is left out of the day's figure, as
 * {@code achieved} leaves it out, and reported beside it.
 */
public final class DailyUptime {

  private DailyUptime() {}

  /**
   * One service over the report period.
   *
   * @param service the service
   * @param achieved the report's plain figure over the whole period ({@code period}), in %
   * @param downtime counted downtime over the period
   * @param unmonitored unmonitored time over the period
   * @param days one entry per calendar day, oldest first
   */
  public record ServiceDays(
      String service,
      BigDecimal achieved,
      Duration downtime,
      Duration unmonitored,
      List<Day> days) {}

  /**
   * One calendar day in the contract's zone, up to the moment of evaluation for today.
   *
   * @param date the day in the contract's zone
   * @param time the day's length that was evaluated (23 h, 24 h or 25 h; less for today)
   * @param uptime (time − unmonitored − downtime) / (time − unmonitored) in %, rounded down to 4
   *     decimals; absent when the day was not monitored at all
   * @param downtime down time that counts (its category is not excluded by the contract)
   * @param down all down time, counted or not
   * @param unmonitored time no monitoring covered
   */
  public record Day(
      LocalDate date,
      Duration time,
      BigDecimal uptime,
      Duration downtime,
      Duration down,
      Duration unmonitored) {}

  /** Every service of the report, day by day from its start up to {@code until}. */
  public static List<ServiceDays> of(SlaReport report) {
    List<ServiceDays> out = new ArrayList<>(report.services().size());
    long[] cuts = midnights(report.zone(), report.from().toEpochMilli(), report.until());
    for (SlaReport.ServiceReport s : report.services()) {
      out.add(service(s, cuts, report.zone()));
    }
    return List.copyOf(out);
  }

  /** The period's bounds and every local midnight inside it, ascending. */
  static long[] midnights(ZoneId zone, long from, java.time.Instant until) {
    long end = until.toEpochMilli();
    List<Long> cuts = new ArrayList<>();
    cuts.add(from);
    LocalDate d = java.time.Instant.ofEpochMilli(from).atZone(zone).toLocalDate().plusDays(1);
    for (long m = d.atStartOfDay(zone).toInstant().toEpochMilli();
        m < end;
        d = d.plusDays(1), m = d.atStartOfDay(zone).toInstant().toEpochMilli()) {
      cuts.add(m);
    }
    if (end > from) {
      cuts.add(end);
    }
    return cuts.stream().mapToLong(Long::longValue).toArray();
  }

  private static ServiceDays service(SlaReport.ServiceReport s, long[] cuts, ZoneId zone) {
    int n = Math.max(cuts.length - 1, 0);
    long[] down = new long[n];
    long[] counted = new long[n];
    long[] unmonitored = new long[n];
    for (SlaReport.Interval i : s.intervals()) {
      long a = i.from().toEpochMilli();
      long b = i.to().toEpochMilli();
      // Intervals are few and days are few: the first day the interval touches, then on.
      int k = dayOf(cuts, a);
      for (; k < n && cuts[k] < b; k++) {
        long len = Math.min(b, cuts[k + 1]) - Math.max(a, cuts[k]);
        if (len <= 0) {
          continue;
        }
        if (i.state() == SlaReport.State.UNMONITORED) {
          unmonitored[k] += len;
        } else if (i.state() == SlaReport.State.DOWN) {
          down[k] += len;
          if (i.counted()) {
            counted[k] += len;
          }
        }
      }
    }
    List<Day> days = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      long time = cuts[k + 1] - cuts[k];
      long monitored = time - unmonitored[k];
      days.add(
          new Day(
              java.time.Instant.ofEpochMilli(cuts[k]).atZone(zone).toLocalDate(),
              Duration.ofMillis(time),
              Figures.percent(monitored - counted[k], monitored),
              Duration.ofMillis(counted[k]),
              Duration.ofMillis(down[k]),
              Duration.ofMillis(unmonitored[k])));
    }
    SlaReport.Breakdown period = s.period();
    BigDecimal achieved =
        s.figures().stream()
            .filter(f -> f.name().equals("period"))
            .findFirst()
            .map(SlaReport.Figure::achieved)
            .orElse(null);
    return new ServiceDays(
        s.service(), achieved, period.downtime(), period.unmonitored(), List.copyOf(days));
  }

  /** The index of the day holding {@code t}; 0 for a moment before the first. */
  private static int dayOf(long[] cuts, long t) {
    int i = java.util.Arrays.binarySearch(cuts, t);
    return Math.max(0, i >= 0 ? i : -i - 2);
  }
}
