package dev.vakt.contract;

import static dev.vakt.common.InvalidField.check;
import static dev.vakt.common.InvalidField.required;

/**
 * One line of a weekly schedule: on these days, from one time to another, in the terms' time zone.
 *
 * <p>A rule that ends at or before its start is refused unless {@code endsNextDay} says the window
 * runs past midnight ("20.00 - 06.00 alle ugens dage", BDN SLA 1.1.1.2): a typo such as 16:00-08:00
 * must not silently become an overnight window.
 *
 * @param days the days on which the rule starts
 * @param from start time
 * @param to end time, on the same day or, with {@code endsNextDay}, on the next
 * @param endsNextDay whether the window ends on the day after it starts
 */
public record WeeklyRule(Days days, TimeOfDay from, TimeOfDay to, Boolean endsNextDay) {

  public WeeklyRule {
    required("days", days);
    required("from", from);
    required("to", to);
    endsNextDay = Boolean.TRUE.equals(endsNextDay);
    check(from.minuteOfDay() < 1440, "from", "a window cannot start at 24:00; use 00:00");
    if (endsNextDay) {
      check(
          to.compareTo(from) <= 0 && to.minuteOfDay() < 1440,
          "to",
          "with endsNextDay the window must end next day at or before its start time");
    } else {
      check(
          to.compareTo(from) > 0,
          "to",
          "the window ends ("
              + to
              + ") before it starts ("
              + from
              + "); for a window past midnight set endsNextDay: true");
    }
  }

  /** Length of one occurrence, in minutes. */
  public int minutes() {
    return endsNextDay
        ? 1440 - from.minuteOfDay() + to.minuteOfDay()
        : to.minuteOfDay() - from.minuteOfDay();
  }
}
