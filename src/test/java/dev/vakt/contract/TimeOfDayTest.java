package dev.vakt.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.LocalTime;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** K-1: window and opening-hour times as contracts write them ("00.00 til 24.00", BDN 1.1.2). */
class TimeOfDayTest {

  @DisplayName("K-1: HH:MM from 00:00 to 24:00")
  @ParameterizedTest(name = "{0}")
  @CsvSource({"00:00, 0", "08:00, 480", "09:30, 570", "16:00, 960", "23:59, 1439", "24:00, 1440"})
  void parses(String text, int minute) {
    TimeOfDay t = TimeOfDay.parse(text);
    assertThat(t.minuteOfDay()).isEqualTo(minute);
    assertThat(t).hasToString(text);
    assertThat(TimeOfDay.parse(t.toString())).isEqualTo(t);
  }

  @DisplayName("K-1: 24:00 is the end of the day and has no LocalTime")
  @Test
  void endOfDay() {
    assertThat(TimeOfDay.parse("24:00").toLocalTime()).isNull();
    assertThat(TimeOfDay.parse("23:59").toLocalTime()).isEqualTo(LocalTime.of(23, 59));
    assertThat(TimeOfDay.parse("00:00").toLocalTime()).isEqualTo(LocalTime.MIDNIGHT);
    assertThat(TimeOfDay.parse("24:00")).isGreaterThan(TimeOfDay.parse("23:59"));
  }

  @DisplayName("K-1: past the end of the day")
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"24:01", "24:30", "24:59"})
  void pastEndOfDay(String text) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> TimeOfDay.parse(text))
        .withMessage("'" + text + "' is past the end of the day (24:00)");
  }

  @DisplayName("K-1: not HH:MM")
  @ParameterizedTest(name = "''{0}''")
  @ValueSource(strings = {"8:00", "08.00", "0800", "25:00", "08:60", "08:00:00", " 08:00", "noon"})
  @NullAndEmptySource
  void notATime(String text) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> TimeOfDay.parse(text))
        .withMessage("'" + text + "' is not a time of day: write HH:MM, e.g. 08:00");
  }

  @DisplayName("K-1: minutes outside 0..1440")
  @ParameterizedTest(name = "{0}")
  @ValueSource(ints = {-1, 1441})
  void outOfRange(int minute) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new TimeOfDay(minute))
        .withMessage("a time of day must be from 00:00 to 24:00");
  }
}
