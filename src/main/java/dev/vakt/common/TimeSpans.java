package dev.vakt.common;

import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the lengths of time written in contracts. Both ISO 8601 ({@code PT15M}, {@code P3M}) and
 * the short forms people write ({@code 15m}, {@code 48h}, {@code 90 days}, {@code 3 months}) are
 * accepted, and milliseconds for timeouts ({@code 500ms}). A bare number is refused: "10" could
 * mean seconds, minutes or days, and a contract must not guess.
 */
public final class TimeSpans {

  private static final Pattern DURATION =
      Pattern.compile(
          "([0-9]+)\\s*(ms|millis|milliseconds?|s|sec|secs|seconds?|m|min|mins|minutes?|h|hours?|d|days?)");
  private static final Pattern PERIOD =
      Pattern.compile("([0-9]+)\\s*(d|days?|w|weeks?|mo|months?|y|years?)");

  private TimeSpans() {}

  /** A clock duration: seconds, minutes, hours or days of 24 hours. */
  public static Duration duration(String text) {
    String t = normalise(text);
    if (t.startsWith("P")) {
      try {
        return Duration.parse(t);
      } catch (DateTimeParseException e) {
        throw bad(text, "a duration such as '15m', '1h', '48h', '360d' or ISO 8601 'PT15M'");
      }
    }
    Matcher m = DURATION.matcher(t.toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw bad(text, "a duration such as '15m', '1h', '48h', '360d' or ISO 8601 'PT15M'");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2);
    if (unit.equals("ms") || unit.startsWith("milli")) {
      return Duration.ofMillis(n);
    }
    return switch (unit.charAt(0)) {
      case 's' -> Duration.ofSeconds(n);
      case 'm' -> Duration.ofMinutes(n);
      case 'h' -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }

  /** A calendar period: days, weeks, months or years, as a contract counts them. */
  public static Period period(String text) {
    String t = normalise(text);
    if (t.startsWith("P")) {
      try {
        return Period.parse(t);
      } catch (DateTimeParseException e) {
        throw bad(text, "a period such as '14 days', '3 months', '1 year' or ISO 8601 'P3M'");
      }
    }
    Matcher m = PERIOD.matcher(t.toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw bad(text, "a period such as '14 days', '3 months', '1 year' or ISO 8601 'P3M'");
    }
    int n = Integer.parseInt(m.group(1));
    String unit = m.group(2);
    if (unit.startsWith("mo")) {
      return Period.ofMonths(n);
    }
    return switch (unit.charAt(0)) {
      case 'd' -> Period.ofDays(n);
      case 'w' -> Period.ofWeeks(n);
      default -> Period.ofYears(n);
    };
  }

  /**
   * Writes a duration back in the short form, so exported documents read like the ones imported.
   */
  public static String format(Duration d) {
    if (d.isNegative() || d.getNano() % 1_000_000 != 0) {
      return d
          .toString(); // ISO 8601 keeps signs and sub-millisecond fractions the short form cannot
    }
    if (d.getNano() != 0) {
      return d.toMillis() + "ms";
    }
    long s = d.getSeconds();
    // Days from a week up ("360d"); shorter spans in hours, as contracts write them ("48h").
    if (s != 0 && s % 86_400 == 0 && s >= 7 * 86_400) {
      return s / 86_400 + "d";
    }
    if (s != 0 && s % 3600 == 0) {
      return s / 3600 + "h";
    }
    if (s != 0 && s % 60 == 0) {
      return s / 60 + "m";
    }
    return s + "s";
  }

  /** Writes a period back in words. */
  public static String format(Period p) {
    if (p.isNegative()) {
      return p.toString();
    }
    if (p.getYears() != 0 && p.getMonths() == 0 && p.getDays() == 0) {
      return p.getYears() + (p.getYears() == 1 ? " year" : " years");
    }
    if (p.getYears() == 0 && p.getMonths() != 0 && p.getDays() == 0) {
      return p.getMonths() + (p.getMonths() == 1 ? " month" : " months");
    }
    if (p.getYears() == 0 && p.getMonths() == 0) {
      return p.getDays() + (p.getDays() == 1 ? " day" : " days");
    }
    return p.toString();
  }

  private static String normalise(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException(
          "is empty: write a length of time such as '15m' or '3 months'");
    }
    return text.trim();
  }

  private static IllegalArgumentException bad(String text, String expected) {
    return new IllegalArgumentException("'" + text + "' is not " + expected);
  }
}
