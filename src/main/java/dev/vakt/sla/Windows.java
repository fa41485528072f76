package dev.vakt.sla;

import dev.vakt.contract.SlaTerms.Measurement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Lays a measurement period on the calendar of the contract's zone, ending with the report's
 * period: "3 sammenhængende måneder" is the three calendar months up to and including the month in
 * which the period ends; "de siste 30 dager" the 30 calendar days before the period's end.
 */
final class Windows {

  /** A window in epoch milliseconds, with its months when it spans more than one. */
  record W(long from, long to, String description, List<W> months) {}

  private Windows() {}

  /**
   * The window of {@code m} for a period ending at {@code to} (exclusive). Without a measurement
   * the window is the period itself.
   */
  static W of(Measurement m, ZoneId zone, long from, long to) {
    if (m == null || m.period() == null) {
      return new W(from, to, "the report period", List.of());
    }
    int n = m.length() == null ? 1 : m.length();
    LocalDate last = OpeningHours.date(to - 1, zone);
    YearMonth end = YearMonth.from(last);
    return switch (m.period()) {
      case CONSECUTIVE_MONTHS -> months(end.minusMonths(n - 1L), n, zone, "consecutive");
      case CALENDAR_MONTHS -> {
        // Blocks of n months counted from January: 1 a month, 3 a quarter, 6 a half year.
        int first = n >= 12 ? 0 : (end.getMonthValue() - 1) / n * n;
        yield months(YearMonth.of(end.getYear(), 1).plusMonths(first), n, zone, "calendar");
      }
      case CALENDAR_YEAR -> {
        YearMonth start = YearMonth.of(end.getYear() - n + 1, 1);
        W w = months(start, 12 * n, zone, "calendar");
        yield new W(
            w.from(),
            w.to(),
            (n == 1
                    ? "calendar year " + end.getYear()
                    : n + " calendar years " + start.getYear() + " to " + end.getYear())
                + " ("
                + zone
                + ")",
            w.months());
      }
      case TRAILING_DAYS -> {
        long start = Instant.ofEpochMilli(to).atZone(zone).minusDays(n).toInstant().toEpochMilli();
        yield new W(
            start,
            to,
            "the "
                + n
                + (n == 1 ? " day" : " days")
                + " from "
                + OpeningHours.date(start, zone)
                + " to "
                + last
                + " ("
                + zone
                + ")",
            List.of());
      }
    };
  }

  private static W months(YearMonth first, int n, ZoneId zone, String kind) {
    List<W> parts = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      YearMonth ym = first.plusMonths(i);
      parts.add(new W(start(ym, zone), start(ym.plusMonths(1), zone), ym.toString(), List.of()));
    }
    YearMonth lastMonth = first.plusMonths(n - 1L);
    String text =
        n == 1
            ? "calendar month " + first + " (" + zone + ")"
            : n + " " + kind + " calendar months " + first + " to " + lastMonth + " (" + zone + ")";
    return new W(parts.getFirst().from(), parts.getLast().to(), text, n == 1 ? List.of() : parts);
  }

  private static long start(YearMonth ym, ZoneId zone) {
    return ym.atDay(1).atStartOfDay(zone).toInstant().toEpochMilli();
  }
}
