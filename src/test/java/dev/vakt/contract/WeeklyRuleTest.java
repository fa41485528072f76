package dev.vakt.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vakt.common.Binder;
import dev.vakt.common.InvalidField;
import dev.vakt.common.Problem;
import dev.vakt.common.YamlSource;
import java.time.DayOfWeek;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** K-1: one line of a weekly schedule (windows, opening hours, support hours). */
class WeeklyRuleTest {

  private static WeeklyRule rule(String from, String to, Boolean endsNextDay) {
    return new WeeklyRule(
        Days.parse("every-day"), TimeOfDay.parse(from), TimeOfDay.parse(to), endsNextDay);
  }

  @DisplayName("K-1: same-day and overnight rules and their length in minutes")
  @ParameterizedTest(name = "{0}-{1} endsNextDay={2}: {3} min")
  @CsvSource({
    "08:00, 16:00, , 480",
    "08:00, 16:00, false, 480",
    "00:00, 09:00, , 540",
    "00:00, 24:00, , 1440",
    "23:59, 24:00, , 1",
    "20:00, 06:00, true, 600",
    "22:00, 00:00, true, 120",
    "08:00, 08:00, true, 1440",
    "00:00, 00:00, true, 1440",
    "23:00, 22:59, true, 1439"
  })
  void minutes(String from, String to, Boolean endsNextDay, int minutes) {
    WeeklyRule r = rule(from, to, endsNextDay);
    assertThat(r.minutes()).isEqualTo(minutes);
    assertThat(r.endsNextDay()).isEqualTo(Boolean.TRUE.equals(endsNextDay));
  }

  @DisplayName(
      "K-1: a rule ending at or before its start needs endsNextDay (16:00-08:00 is a typo)")
  @ParameterizedTest(name = "{0}-{1}")
  @CsvSource({"16:00, 08:00", "20:00, 06:00", "08:00, 08:00", "00:00, 00:00"})
  void endsBeforeStart(String from, String to) {
    assertThatThrownBy(() -> rule(from, to, null))
        .isInstanceOfSatisfying(
            InvalidField.class,
            e -> {
              assertThat(e.field()).isEqualTo("to");
              assertThat(e.reason())
                  .isEqualTo(
                      "the window ends ("
                          + to
                          + ") before it starts ("
                          + from
                          + "); for a window past midnight set endsNextDay: true");
            });
  }

  @DisplayName("K-1: endsNextDay must end next day at or before the start, never at 24:00")
  @ParameterizedTest(name = "{0}-{1}")
  @CsvSource({"08:00, 16:00", "20:00, 24:00", "00:00, 24:00"})
  void endsNextDayButEndsLater(String from, String to) {
    assertThatThrownBy(() -> rule(from, to, true))
        .isInstanceOfSatisfying(
            InvalidField.class,
            e -> {
              assertThat(e.field()).isEqualTo("to");
              assertThat(e.reason())
                  .isEqualTo(
                      "with endsNextDay the window must end next day at or before its start time");
            });
  }

  @DisplayName("K-1: a window cannot start at 24:00")
  @Test
  void startAtEndOfDay() {
    assertThatThrownBy(() -> rule("24:00", "06:00", true))
        .isInstanceOfSatisfying(InvalidField.class, e -> assertThat(e.field()).isEqualTo("from"));
  }

  @DisplayName("K-1: days, from and to are required")
  @Test
  void required() {
    TimeOfDay t = TimeOfDay.parse("08:00");
    assertThatThrownBy(() -> new WeeklyRule(null, t, t, true)).hasMessage("days: is required");
    assertThatThrownBy(() -> new WeeklyRule(Days.parse("mon"), null, t, true))
        .hasMessage("from: is required");
    assertThatThrownBy(() -> new WeeklyRule(Days.parse("mon"), t, null, true))
        .hasMessage("to: is required");
  }

  private static Binder.Result<WeeklyRule> bind(String yaml) {
    YamlSource.Document doc = YamlSource.read("r.yaml", yaml).documents().getFirst();
    return Binder.bind(doc, "", doc.tree(), WeeklyRule.class);
  }

  @DisplayName("K-1: read from YAML: 'days: sat' or a list, unquoted times, endsNextDay")
  @Test
  void fromYaml() {
    var single = bind("days: sat\nfrom: 00:00\nto: 09:00\n");
    assertThat(single).isInstanceOf(Binder.Result.Ok.class);
    WeeklyRule sat = ((Binder.Result.Ok<WeeklyRule>) single).value();
    assertThat(sat.days().days()).containsExactly(DayOfWeek.SATURDAY);
    assertThat(sat.minutes()).isEqualTo(540);

    var list = bind("days: [mon-thu, sun]\nfrom: '20:00'\nto: 06:00\nendsNextDay: true\n");
    WeeklyRule night = ((Binder.Result.Ok<WeeklyRule>) list).value();
    assertThat(night.days().days()).hasSize(5);
    assertThat(night.minutes()).isEqualTo(600);
  }

  @DisplayName("K-1: a YAML rule ending before it starts is a problem at 'to'")
  @Test
  void fromYamlProblem() {
    var failed = bind("days: working-days\nfrom: 16:00\nto: 08:00\n");
    assertThat(failed).isInstanceOf(Binder.Result.Failed.class);
    Problem p = ((Binder.Result.Failed<WeeklyRule>) failed).problem();
    assertThat(p.field()).isEqualTo("/to");
    assertThat(p.line()).isEqualTo(3);
    assertThat(p.reason()).startsWith("the window ends (08:00) before it starts (16:00)");
  }

  @DisplayName("K-1: a bad day or time in YAML is a problem at that field")
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "days: fri-mon\\nfrom: 08:00\\nto: 09:00|/days|day range 'fri-mon' runs backwards",
        "days: mon\\nfrom: 08:00\\nto: 24:01|/to|'24:01' is past the end of the day (24:00)",
        "days: mon\\nfrom: 8:00\\nto: 09:00|/from|'8:00' is not a time of day: write HH:MM, e.g."
            + " 08:00"
      })
  void fromYamlBadValue(String yaml, String field, String reason) {
    var failed = bind(yaml.replace("\\n", "\n"));
    assertThat(failed).isInstanceOf(Binder.Result.Failed.class);
    Problem p = ((Binder.Result.Failed<WeeklyRule>) failed).problem();
    assertThat(p.field()).isEqualTo(field);
    assertThat(p.reason()).isEqualTo(reason);
  }
}
