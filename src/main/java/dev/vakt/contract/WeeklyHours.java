package dev.vakt.contract;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Weekly rules ({@code mon-fri 08:00-16:00}) laid on the calendar in a zone. Wall-clock times are
 * resolved as {@link java.time.LocalDateTime#atZone} does: a time in the spring-forward gap moves
 * on by the length of the gap, an ambiguous autumn time is its first (summer-time) occurrence.
 * {@code working-days} leave out the dates in {@code holidays}.
 */
public final class WeeklyHours {

  private WeeklyHours() {}

  /** Whether {@code t} lies inside one of the rules' windows. */
  public static boolean contains(
      List<WeeklyRule> rules, ZoneId zone, Set<LocalDate> holidays, Instant t) {
    LocalDate day = LocalDate.ofInstant(t, zone);
    for (LocalDate d = day.minusDays(1); !d.isAfter(day); d = d.plusDays(1)) {
      for (WeeklyRule rule : rules) {
        if (applies(rule, d, holidays)) {
          Instant from = at(d, rule.from().minuteOfDay(), zone);
          Instant to = end(rule, d, zone);
          if (!t.isBefore(from) && t.isBefore(to)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** The instants in {@code [from, to]} where a window of the rules starts or ends. */
  public static List<Instant> boundaries(
      List<WeeklyRule> rules, ZoneId zone, Instant from, Instant to) {
    List<Instant> out = new ArrayList<>();
    LocalDate last = LocalDate.ofInstant(to, zone);
    for (LocalDate d = LocalDate.ofInstant(from, zone).minusDays(1);
        !d.isAfter(last);
        d = d.plusDays(1)) {
      for (WeeklyRule rule : rules) {
        if (rule.days().includes(d.getDayOfWeek())) {
          for (Instant b : List.of(at(d, rule.from().minuteOfDay(), zone), end(rule, d, zone))) {
            if (!b.isBefore(from) && !b.isAfter(to)) {
              out.add(b);
            }
          }
        }
      }
    }
    return out;
  }

  /** A stretch of time: one occurrence of a window, or several that touch. */
  public record Span(Instant from, Instant to) {
    /** Whether {@code [a, b)} lies wholly inside. */
    public boolean covers(Instant a, Instant b) {
      return !a.isBefore(from) && !b.isAfter(to);
    }
  }

  /**
   * The occurrences of the rules that overlap {@code [from, to)}, in order, those that touch or
   * overlap joined into one: "every day 00:00-24:00" is one span, not a chain of days.
   */
  public static List<Span> spans(
      List<WeeklyRule> rules, ZoneId zone, Set<LocalDate> holidays, Instant from, Instant to) {
    List<Span> raw = new ArrayList<>();
    LocalDate last = LocalDate.ofInstant(to, zone);
    for (LocalDate d = LocalDate.ofInstant(from, zone).minusDays(1);
        !d.isAfter(last);
        d = d.plusDays(1)) {
      for (WeeklyRule rule : rules) {
        if (applies(rule, d, holidays)) {
          Instant a = at(d, rule.from().minuteOfDay(), zone);
          Instant b = end(rule, d, zone);
          if (b.isAfter(from) && a.isBefore(to)) {
            raw.add(new Span(a, b));
          }
        }
      }
    }
    raw.sort(java.util.Comparator.comparing(Span::from));
    List<Span> out = new ArrayList<>();
    for (Span s : raw) {
      Span prev = out.isEmpty() ? null : out.getLast();
      if (prev != null && !s.from().isAfter(prev.to())) {
        out.set(
            out.size() - 1, new Span(prev.from(), s.to().isAfter(prev.to()) ? s.to() : prev.to()));
      } else {
        out.add(s);
      }
    }
    return out;
  }

  private static boolean applies(WeeklyRule rule, LocalDate d, Set<LocalDate> holidays) {
    DayOfWeek dow = d.getDayOfWeek();
    if (!rule.days().includes(dow)) {
      return false;
    }
    return !(rule.days().workingDaysOnly() && dow.getValue() <= 5 && holidays.contains(d));
  }

  private static Instant end(WeeklyRule rule, LocalDate d, ZoneId zone) {
    return rule.endsNextDay()
        ? at(d.plusDays(1), rule.to().minuteOfDay(), zone)
        : at(d, rule.to().minuteOfDay(), zone);
  }

  /** The instant of a wall-clock minute (0 to 1440) of day {@code d}. */
  public static Instant at(LocalDate d, int minuteOfDay, ZoneId zone) {
    if (minuteOfDay == 1440) {
      return d.plusDays(1).atStartOfDay(zone).toInstant();
    }
    if (minuteOfDay == 0) {
      return d.atStartOfDay(zone).toInstant(); // midnight may not exist
    }
    return d.atTime(LocalTime.of(minuteOfDay / 60, minuteOfDay % 60)).atZone(zone).toInstant();
  }
}
