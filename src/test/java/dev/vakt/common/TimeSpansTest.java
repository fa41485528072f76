package dev.vakt.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.time.Period;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** K-1: lengths of time in contract documents are read exactly as written, never guessed. */
class TimeSpansTest {

  private static final String DURATION_HINT =
      "is not a duration such as '15m', '1h', '48h', '360d' or ISO 8601 'PT15M'";
  private static final String PERIOD_HINT =
      "is not a period such as '14 days', '3 months', '1 year' or ISO 8601 'P3M'";

  @DisplayName("K-1: durations in short and ISO 8601 form")
  @ParameterizedTest(name = "''{0}'' = {1}")
  @CsvSource({
    "15m, PT15M",
    "15 m, PT15M",
    "' 15m ', PT15M",
    "15M, PT15M",
    "1 min, PT1M",
    "5 mins, PT5M",
    "1 minute, PT1M",
    "10 minutes, PT10M",
    "30s, PT30S",
    "30 sec, PT30S",
    "2 secs, PT2S",
    "1 second, PT1S",
    "45 seconds, PT45S",
    "1h, PT1H",
    "48h, PT48H",
    "1 hour, PT1H",
    "2 hours, PT2H",
    "360d, PT8640H",
    "1 day, PT24H",
    "90 days, PT2160H",
    "0s, PT0S",
    "PT15M, PT15M",
    "PT0.5S, PT0.5S",
    "500ms, PT0.5S",
    "250 milliseconds, PT0.25S",
    "P2D, PT48H",
    "P1DT2H, PT26H"
  })
  void readsDurations(String text, String iso) {
    assertThat(TimeSpans.duration(text)).isEqualTo(Duration.parse(iso));
  }

  @DisplayName("K-1: a duration without a unit or with a calendar unit is refused")
  @ParameterizedTest(name = "''{0}''")
  @ValueSource(
      strings = {
        "10",
        "1.5h",
        "-5m",
        "+5m",
        "3 months",
        "2 weeks",
        "1 year",
        "m",
        "fifteen minutes",
        "15m30s",
        "P1M",
        "PT",
        "PTX",
        "pt15m"
      })
  void refusesDurations(String text) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> TimeSpans.duration(text))
        .withMessage("'" + text + "' " + DURATION_HINT);
  }

  @DisplayName("K-1: an empty duration says so")
  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"  ", "\t"})
  void refusesEmptyDuration(String text) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> TimeSpans.duration(text))
        .withMessage("is empty: write a length of time such as '15m' or '3 months'");
  }

  @DisplayName("K-1: periods in words and ISO 8601 form")
  @ParameterizedTest(name = "''{0}'' = {1}")
  @CsvSource({
    "1 day, P1D",
    "14 days, P14D",
    "14d, P14D",
    "1 week, P7D",
    "2 weeks, P14D",
    "2w, P14D",
    "1 month, P1M",
    "3 months, P3M",
    "3mo, P3M",
    "3 MONTHS, P3M",
    "1 year, P1Y",
    "2 years, P2Y",
    "5y, P5Y",
    "0 days, P0D",
    "P3M, P3M",
    "P1Y2M3D, P1Y2M3D",
    "P2W, P14D"
  })
  void readsPeriods(String text, String iso) {
    assertThat(TimeSpans.period(text)).isEqualTo(Period.parse(iso));
  }

  @DisplayName("K-1: a period without a unit, with a clock unit or with 'm' (minutes or months?)")
  @ParameterizedTest(name = "''{0}''")
  @ValueSource(
      strings = {"10", "3m", "3 minutes", "48h", "1.5 months", "-3 months", "P3X", "PT1H", "p3m"})
  void refusesPeriods(String text) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> TimeSpans.period(text))
        .withMessage("'" + text + "' " + PERIOD_HINT);
  }

  @DisplayName("K-1: an empty period says so")
  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"  "})
  void refusesEmptyPeriod(String text) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> TimeSpans.period(text))
        .withMessage("is empty: write a length of time such as '15m' or '3 months'");
  }

  @DisplayName("K-1: durations are written back as contracts write them: 48h, 90m, 360d")
  @ParameterizedTest(name = "{0} -> ''{1}''")
  @CsvSource({
    "PT0S, 0s",
    "PT1S, 1s",
    "PT61S, 61s",
    "PT1M, 1m",
    "PT90M, 90m",
    "PT1H, 1h",
    "PT25H, 25h",
    "PT24H, 24h",
    "PT48H, 48h",
    "PT144H, 144h",
    "PT168H, 7d",
    "PT336H, 14d",
    "PT8640H, 360d"
  })
  void formatsDurations(String iso, String text) {
    Duration d = Duration.parse(iso);
    assertThat(TimeSpans.format(d)).isEqualTo(text);
    assertThat(TimeSpans.duration(TimeSpans.format(d))).isEqualTo(d);
  }

  @DisplayName("K-1: periods are written back in words, mixed ones in ISO 8601")
  @ParameterizedTest(name = "{0} -> ''{1}''")
  @CsvSource({
    "P0D, 0 days",
    "P1D, 1 day",
    "P14D, 14 days",
    "P1M, 1 month",
    "P3M, 3 months",
    "P1Y, 1 year",
    "P2Y, 2 years",
    "P1Y2M, P1Y2M",
    "P1M3D, P1M3D",
    "P1Y2M3D, P1Y2M3D"
  })
  void formatsPeriods(String iso, String text) {
    Period p = Period.parse(iso);
    assertThat(TimeSpans.format(p)).isEqualTo(text);
    assertThat(TimeSpans.period(TimeSpans.format(p))).isEqualTo(p);
  }

  @DisplayName("K-1: a sub-second duration survives format and parse")
  @Test
  void subSecondDurationRoundTrips() {
    Duration halfSecond = TimeSpans.duration("PT0.5S");
    assertThat(TimeSpans.duration(TimeSpans.format(halfSecond))).isEqualTo(halfSecond);
  }

  @DisplayName("K-1: a negative duration or period that parse accepts survives format and parse")
  @Test
  void negativeValuesRoundTrip() {
    Duration d = TimeSpans.duration("PT-1M");
    Period p = TimeSpans.period("P-3M");
    assertThat(TimeSpans.duration(TimeSpans.format(d))).isEqualTo(d);
    assertThat(TimeSpans.period(TimeSpans.format(p))).isEqualTo(p);
  }
}
