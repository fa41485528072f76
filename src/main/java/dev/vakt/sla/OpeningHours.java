package dev.vakt.sla;

import dev.vakt.contract.WeeklyRule;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Lays a weekly schedule on the calendar in the contract's zone (SLA-5). Wall-clock times are
 * resolved by {@link ZonedDateTime}: a day with a DST change is 23 or 25 hours long, a time that
 * does not exist (02:30 on the spring-forward night) moves on by the gap, and an ambiguous time
 * (the repeated hour in autumn) is its first occurrence.
 */
final class OpeningHours {

  private OpeningHours() {}

  /**
   * The opening intervals within {@code [start, end)} as sorted, disjoint {@code [from, to)} pairs
   * of epoch milliseconds. {@code holidays} are left out of {@code working-days} rules.
   */
  static long[] intervals(
      List<WeeklyRule> rules, ZoneId zone, Set<LocalDate> holidays, long start, long end) {
    LocalDate first = date(start, zone).minusDays(1); // a rule past midnight reaches into day one
    LocalDate last = date(end, zone);
    List<long[]> open = new ArrayList<>();
    for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
      for (WeeklyRule rule : rules) {
        if (!applies(rule, d, holidays)) {
          continue;
        }
        long from = at(d, rule.from().minuteOfDay(), zone);
        long to =
            rule.endsNextDay()
                ? at(d.plusDays(1), rule.to().minuteOfDay(), zone)
                : at(d, rule.to().minuteOfDay(), zone);
        from = Math.max(from, start);
        to = Math.min(to, end);
        if (from < to) {
          open.add(new long[] {from, to});
        }
      }
    }
    open.sort(Comparator.comparingLong(a -> a[0]));
    long[] out = new long[open.size() * 2];
    int n = 0;
    for (long[] iv : open) {
      if (n > 0 && iv[0] <= out[n - 1]) {
        out[n - 1] = Math.max(out[n - 1], iv[1]);
      } else {
        out[n++] = iv[0];
        out[n++] = iv[1];
      }
    }
    return java.util.Arrays.copyOf(out, n);
  }

  private static boolean applies(WeeklyRule rule, LocalDate d, Set<LocalDate> holidays) {
    DayOfWeek dow = d.getDayOfWeek();
    if (!rule.days().includes(dow)) {
      return false;
    }
    // working-days means Monday to Friday without public holidays; a weekend day named on its
    // own next to working-days is open even on a holiday.
    boolean weekday = dow.getValue() <= 5;
    return !(rule.days().workingDaysOnly() && weekday && holidays.contains(d));
  }

  /** The instant of a wall-clock minute (0 to 1440) of day {@code d}. */
  static long at(LocalDate d, int minuteOfDay, ZoneId zone) {
    if (minuteOfDay == 1440) {
      return d.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
    }
    if (minuteOfDay == 0) {
      return d.atStartOfDay(zone).toInstant().toEpochMilli(); // midnight may not exist
    }
    return ZonedDateTime.of(d.atTime(minuteOfDay / 60, minuteOfDay % 60), zone)
        .toInstant()
        .toEpochMilli();
  }

  static LocalDate date(long epochMilli, ZoneId zone) {
    return java.time.Instant.ofEpochMilli(epochMilli).atZone(zone).toLocalDate();
  }
}
