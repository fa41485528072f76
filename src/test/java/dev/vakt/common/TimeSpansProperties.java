package dev.vakt.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Period;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** K-1: exported documents read back to the same lengths of time they were written from. */
class TimeSpansProperties {

  @Property
  @Label("K-1: format then parse returns the same Duration, in a short unit form")
  void durationRoundTrip(@ForAll @LongRange(min = 0, max = 10_000_000_000L) long seconds) {
    Duration d = Duration.ofSeconds(seconds);
    String text = TimeSpans.format(d);
    assertThat(text).matches("[0-9]+[smhd]");
    assertThat(TimeSpans.duration(text)).isEqualTo(d);
  }

  @Property
  @Label("K-1: format then parse returns the same Duration for whole minutes, hours and days")
  void durationRoundTripWholeUnits(
      @ForAll @IntRange(min = 0, max = 100_000) int n, @ForAll("durationUnits") Duration unit) {
    Duration d = unit.multipliedBy(n);
    assertThat(TimeSpans.duration(TimeSpans.format(d))).isEqualTo(d);
  }

  @Provide
  Arbitrary<Duration> durationUnits() {
    return Arbitraries.of(
        Duration.ofSeconds(1),
        Duration.ofMinutes(1),
        Duration.ofHours(1),
        Duration.ofDays(1),
        Duration.ofDays(7));
  }

  @Property
  @Label("K-1: every spelling of a unit reads as that unit")
  void durationSpellings(
      @ForAll @IntRange(min = 0, max = 1_000_000) int n,
      @ForAll("durationSpellings") String unit,
      @ForAll("spaces") String space) {
    Duration expected =
        switch (unit.charAt(0)) {
          case 's' -> Duration.ofSeconds(n);
          case 'm' -> Duration.ofMinutes(n);
          case 'h' -> Duration.ofHours(n);
          default -> Duration.ofDays(n);
        };
    assertThat(TimeSpans.duration(n + space + unit)).isEqualTo(expected);
  }

  @Provide
  Arbitrary<String> durationSpellings() {
    return Arbitraries.of(
        "s", "sec", "secs", "second", "seconds", "m", "min", "mins", "minute", "minutes", "h",
        "hour", "hours", "d", "day", "days");
  }

  @Provide
  Arbitrary<String> spaces() {
    return Arbitraries.of("", " ", "  ", "\t");
  }

  @Property
  @Label("K-1: format then parse returns the same Period")
  void periodRoundTrip(
      @ForAll @IntRange(min = 0, max = 200) int years,
      @ForAll @IntRange(min = 0, max = 1_000) int months,
      @ForAll @IntRange(min = 0, max = 10_000) int days) {
    Period p = Period.of(years, months, days);
    assertThat(TimeSpans.period(TimeSpans.format(p))).isEqualTo(p);
  }

  @Property
  @Label("K-1: a single-unit Period is written in words")
  void periodInWords(
      @ForAll @IntRange(min = 1, max = 10_000) int n, @ForAll("periodUnits") String unit) {
    Period p =
        switch (unit) {
          case "year" -> Period.ofYears(n);
          case "month" -> Period.ofMonths(n);
          default -> Period.ofDays(n);
        };
    assertThat(TimeSpans.format(p)).isEqualTo(n + " " + unit + (n == 1 ? "" : "s"));
  }

  @Provide
  Arbitrary<String> periodUnits() {
    return Arbitraries.of("year", "month", "day");
  }

  @Property
  @Label("K-1: a bare number is never read as a duration or a period")
  void bareNumberRefused(@ForAll @IntRange(min = 0) int n) {
    String text = Integer.toString(n);
    assertThat(refused(() -> TimeSpans.duration(text))).isTrue();
    assertThat(refused(() -> TimeSpans.period(text))).isTrue();
  }

  private static boolean refused(Runnable r) {
    try {
      r.run();
      return false;
    } catch (IllegalArgumentException e) {
      return true;
    }
  }
}
