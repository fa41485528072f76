package dev.vakt.contract;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.LocalTime;

/**
 * A wall-clock time in a window or opening hours, {@code 00:00} to {@code 24:00}. {@code 24:00}
 * exists so that "00.00 til 24.00" (BDN 1.1.2) can be written as the contract says it.
 *
 * @param minuteOfDay 0 to 1440
 */
public record TimeOfDay(int minuteOfDay) implements Comparable<TimeOfDay> {

  public TimeOfDay {
    if (minuteOfDay < 0 || minuteOfDay > 1440) {
      throw new IllegalArgumentException("a time of day must be from 00:00 to 24:00");
    }
  }

  @JsonCreator
  public static TimeOfDay parse(String text) {
    if (text == null || !text.matches("([01][0-9]|2[0-4]):[0-5][0-9]")) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a time of day: write HH:MM, e.g. 08:00");
    }
    int h = Integer.parseInt(text.substring(0, 2));
    int m = Integer.parseInt(text.substring(3));
    if (h == 24 && m != 0) {
      throw new IllegalArgumentException("'" + text + "' is past the end of the day (24:00)");
    }
    return new TimeOfDay(h * 60 + m);
  }

  /** The local time, with 24:00 given as {@code null}: the end of the day has no LocalTime. */
  public LocalTime toLocalTime() {
    return minuteOfDay == 1440 ? null : LocalTime.of(minuteOfDay / 60, minuteOfDay % 60);
  }

  @JsonValue
  @Override
  public String toString() {
    return "%02d:%02d".formatted(minuteOfDay / 60, minuteOfDay % 60);
  }

  @Override
  public int compareTo(TimeOfDay o) {
    return Integer.compare(minuteOfDay, o.minuteOfDay);
  }
}
