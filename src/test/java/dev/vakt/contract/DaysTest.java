package dev.vakt.contract;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.SUNDAY;
import static java.time.DayOfWeek.THURSDAY;
import static java.time.DayOfWeek.TUESDAY;
import static java.time.DayOfWeek.WEDNESDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.DayOfWeek;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** K-1: the days of a window or opening hours as a contract names them. */
class DaysTest {

  static Stream<Arguments> tokens() {
    return Stream.of(
        Arguments.of(List.of("mon"), EnumSet.of(MONDAY), false),
        Arguments.of(List.of("mon", "tue"), EnumSet.of(MONDAY, TUESDAY), false),
        Arguments.of(List.of("MON", " Fri "), EnumSet.of(MONDAY, FRIDAY), false),
        Arguments.of(List.of("mon-fri"), EnumSet.range(MONDAY, FRIDAY), false),
        Arguments.of(List.of("mon-thu"), EnumSet.range(MONDAY, THURSDAY), false),
        Arguments.of(List.of("sat-sun"), EnumSet.of(SATURDAY, SUNDAY), false),
        Arguments.of(List.of("wed-wed"), EnumSet.of(WEDNESDAY), false),
        Arguments.of(
            List.of("mon-thu", "sat"),
            EnumSet.of(MONDAY, TUESDAY, WEDNESDAY, THURSDAY, SATURDAY),
            false),
        Arguments.of(List.of("every-day"), EnumSet.allOf(DayOfWeek.class), false),
        Arguments.of(List.of("weekdays"), EnumSet.range(MONDAY, FRIDAY), false),
        Arguments.of(List.of("weekend"), EnumSet.of(SATURDAY, SUNDAY), false),
        Arguments.of(List.of("working-days"), EnumSet.range(MONDAY, FRIDAY), true),
        Arguments.of(List.of("working-days", "sat"), EnumSet.range(MONDAY, SATURDAY), true),
        Arguments.of(List.of("mon", "mon-tue"), EnumSet.of(MONDAY, TUESDAY), false),
        // BDN 1.1.10 "hverdage" with Friday's own hours: Monday to Thursday without holidays.
        Arguments.of(List.of("mon-thu", "except-holidays"), EnumSet.range(MONDAY, THURSDAY), true),
        Arguments.of(List.of("except-holidays", "fri"), EnumSet.of(FRIDAY), true));
  }

  @DisplayName("K-1: day names, ranges and named sets")
  @ParameterizedTest(name = "{0}")
  @MethodSource("tokens")
  void parses(List<String> tokens, Set<DayOfWeek> days, boolean workingDaysOnly) {
    Days d = Days.parse(tokens);
    assertThat(d.days()).isEqualTo(days);
    assertThat(d.workingDaysOnly()).isEqualTo(workingDaysOnly);
    for (DayOfWeek day : DayOfWeek.values()) {
      assertThat(d.includes(day)).isEqualTo(days.contains(day));
    }
    assertThat(Days.parse(d.tokens())).isEqualTo(d);
  }

  @DisplayName("K-1: a single token is a list of one")
  @Test
  void singleToken() {
    assertThat(Days.parse("mon-fri")).isEqualTo(Days.parse(List.of("mon-fri")));
  }

  @DisplayName("K-1: written back as day names, working-days kept as such")
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "mon-wed|mon,tue,wed",
        "sun,mon|mon,sun",
        "every-day|mon,tue,wed,thu,fri,sat,sun",
        "working-days|working-days",
        "working-days,sun|working-days,sun",
        "mon-thu,except-holidays|mon,tue,wed,thu,except-holidays",
        "mon-fri,except-holidays|working-days"
      })
  void tokensOut(String in, String out) {
    assertThat(Days.parse(Arrays.asList(in.split(","))).tokens()).containsExactly(out.split(","));
  }

  @DisplayName("K-1: a range that runs backwards is refused, not wrapped round the weekend")
  @ParameterizedTest(name = "{0}")
  @CsvSource({"fri-mon", "sun-sat", "Tue-Mon"})
  void backwards(String token) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Days.parse(token))
        .withMessage("day range '" + token + "' runs backwards");
  }

  @DisplayName("K-1: not a day")
  @ParameterizedTest(name = "''{0}''")
  @CsvSource({"monday", "mo", "mon-", "-fri", "mon-tue-wed", "mon–fri", "weekends", "''"})
  void notADay(String token) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Days.parse(token))
        .withMessage(
            "'"
                + token
                + "' is not a day: use mon, tue, wed, thu, fri, sat, sun, a range such as mon-fri,"
                + " every-day, weekdays, weekend, working-days, or except-holidays with other days");
  }

  @DisplayName("K-1: at least one day")
  @Test
  void noDay() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Days.parse(List.of()))
        .withMessage("names no day");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new Days(Set.of(), false))
        .withMessage("names no day");
  }
}
