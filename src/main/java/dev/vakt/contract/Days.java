package dev.vakt.contract;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The days a schedule rule applies to, written as contracts say it: {@code [mon, tue]}, {@code
 * mon-fri}, {@code every-day}, {@code weekend}, or {@code working-days} (Monday to Friday without
 * the public holidays of the terms' holiday calendar). {@code except-holidays} leaves the public
 * holidays that fall Monday to Friday out of other days too, e.g. {@code [mon-thu,
 * except-holidays]} for "on weekdays" when Friday has other hours (BDN 1.1.10: "hverdage").
 *
 * @param days the weekdays
 * @param workingDaysOnly whether public holidays are left out
 */
public record Days(Set<DayOfWeek> days, boolean workingDaysOnly) {

  private static final List<String> NAMES =
      List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

  public Days {
    if (days == null || days.isEmpty()) {
      throw new IllegalArgumentException("names no day");
    }
    days = Set.copyOf(days);
  }

  @JsonCreator
  public static Days parse(List<String> tokens) {
    EnumSet<DayOfWeek> set = EnumSet.noneOf(DayOfWeek.class);
    boolean working = false;
    for (String raw : tokens) {
      String t = raw == null ? "" : raw.trim().toLowerCase(Locale.ROOT);
      switch (t) {
        case "every-day" -> set.addAll(EnumSet.allOf(DayOfWeek.class));
        case "weekdays" -> set.addAll(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY));
        case "weekend" -> set.addAll(EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY));
        case "working-days" -> {
          set.addAll(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY));
          working = true;
        }
        case "except-holidays" -> working = true;
        default -> set.addAll(range(raw, t));
      }
    }
    return new Days(set, working);
  }

  @JsonCreator
  public static Days parse(String token) {
    return parse(List.of(token));
  }

  public boolean includes(DayOfWeek day) {
    return days.contains(day);
  }

  @JsonValue
  public List<String> tokens() {
    List<String> out = new ArrayList<>();
    boolean allWeekdays = days.containsAll(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY));
    if (workingDaysOnly && allWeekdays) {
      out.add("working-days");
    }
    for (DayOfWeek d : EnumSet.copyOf(days)) {
      if (!(workingDaysOnly && allWeekdays && d.getValue() <= 5)) {
        out.add(NAMES.get(d.getValue() - 1));
      }
    }
    if (workingDaysOnly && !allWeekdays) {
      out.add("except-holidays");
    }
    return out;
  }

  private static Set<DayOfWeek> range(String raw, String t) {
    String[] parts = t.split("-", -1);
    if (parts.length == 1 && NAMES.contains(t)) {
      return EnumSet.of(day(t));
    }
    if (parts.length == 2 && NAMES.contains(parts[0]) && NAMES.contains(parts[1])) {
      DayOfWeek from = day(parts[0]);
      DayOfWeek to = day(parts[1]);
      if (from.compareTo(to) > 0) {
        throw new IllegalArgumentException("day range '" + raw + "' runs backwards");
      }
      return EnumSet.range(from, to);
    }
    throw new IllegalArgumentException(
        "'"
            + raw
            + "' is not a day: use mon, tue, wed, thu, fri, sat, sun, a range such as mon-fri,"
            + " every-day, weekdays, weekend, working-days, or except-holidays with other days");
  }

  private static DayOfWeek day(String name) {
    return DayOfWeek.of(NAMES.indexOf(name) + 1);
  }
}
