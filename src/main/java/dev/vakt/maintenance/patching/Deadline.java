package dev.vakt.maintenance.patching;

import dev.vakt.common.TimeSpans;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;

/**
 * How long a pending update may wait before it must be installed, and which rule says so.
 *
 * @param duration an exact span ({@code stableAfter: 3d}), or null
 * @param period a calendar span counted in the contract's time zone ({@code checkEvery: 1 month}),
 *     or null
 * @param basis the rule in words, e.g. "stableAfter 3d (STW 4.0)", shown in reports
 */
public record Deadline(Duration duration, Period period, String basis) {

  public Deadline {
    if ((duration == null) == (period == null)) {
      throw new IllegalArgumentException("a deadline is either a duration or a period");
    }
    if (duration != null && duration.isNegative() || period != null && period.isNegative()) {
      throw new IllegalArgumentException("a deadline cannot be negative");
    }
  }

  static Deadline of(Duration duration, String rule) {
    return new Deadline(duration, null, rule + " " + format(duration));
  }

  /** Deadlines are read in days: "3d", not "72h". */
  static String format(Duration duration) {
    return !duration.isZero() && duration.toSeconds() % 86_400 == 0
        ? duration.toDays() + "d"
        : TimeSpans.format(duration);
  }

  static Deadline of(Period period, String rule) {
    return new Deadline(null, period, rule + " " + TimeSpans.format(period));
  }

  /** When an update first seen at {@code from} must be installed by. */
  public Instant due(Instant from, ZoneId zone) {
    return duration != null ? from.plus(duration) : from.atZone(zone).plus(period).toInstant();
  }
}
