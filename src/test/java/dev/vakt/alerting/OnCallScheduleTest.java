package dev.vakt.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vakt.common.Language;
import dev.vakt.contract.Days;
import dev.vakt.contract.TimeOfDay;
import dev.vakt.contract.WeeklyRule;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Who is on call when, across DST changes, restrictions and overrides (ALR-1, ALR-3). */
class OnCallScheduleTest {

  static OnCallSchedule.Layer layer(String start, String every, String... people) {
    return new OnCallSchedule.Layer(
        null, List.of(people), period(every), LocalDateTime.parse(start), null);
  }

  static Period period(String every) {
    return every.endsWith("week") ? Period.ofWeeks(1) : Period.ofDays(1);
  }

  /**
   * The hand-over after {@code start} on a DST change: a 09:00 hand-over stays 09:00 local on both
   * sides (a week of 167 or 169 hours); a 02:30 hand-over on the spring-forward night is at 03:30
   * summer time (moved on by the gap), on the autumn night at the first 02:30 (summer time).
   */
  @ParameterizedTest(name = "{0} {1} every {2}: next at {3}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          Europe/Oslo   | 2026-03-23T09:00 | 1 week | 2026-03-30T07:00:00Z | 167
          Europe/Berlin | 2026-03-23T09:00 | 1 week | 2026-03-30T07:00:00Z | 167
          Europe/Oslo   | 2026-10-19T09:00 | 1 week | 2026-10-26T08:00:00Z | 169
          Europe/Berlin | 2026-10-19T09:00 | 1 week | 2026-10-26T08:00:00Z | 169
          Europe/Oslo   | 2026-03-28T09:00 | 1 day  | 2026-03-29T07:00:00Z | 23
          Europe/Berlin | 2026-10-24T09:00 | 1 day  | 2026-10-25T08:00:00Z | 25
          Europe/Oslo   | 2026-03-28T02:30 | 1 day  | 2026-03-29T01:30:00Z | 24
          Europe/Berlin | 2026-03-28T02:30 | 1 day  | 2026-03-29T01:30:00Z | 24
          Europe/Oslo   | 2026-10-24T02:30 | 1 day  | 2026-10-25T00:30:00Z | 24
          Europe/Berlin | 2026-10-24T02:30 | 1 day  | 2026-10-25T00:30:00Z | 24
          """)
  void handOverKeepsItsWallClockTimeAcrossDst(
      String zone, String start, String every, String next, long hours) {
    OnCallSchedule s =
        new OnCallSchedule(
            "primary", ZoneId.of(zone), List.of(layer(start, every, "a", "b")), null);
    Instant first = LocalDateTime.parse(start).atZone(ZoneId.of(zone)).toInstant();
    Instant expected = Instant.parse(next);
    assertThat(Duration.between(first, expected).toHours()).isEqualTo(hours);
    assertThat(s.whoIsOnCall(first)).containsExactly("a");
    assertThat(s.whoIsOnCall(expected.minusSeconds(1))).containsExactly("a");
    assertThat(s.whoIsOnCall(expected)).containsExactly("b");
    assertThat(s.handovers(first, expected.plus(Duration.ofHours(1))))
        .containsExactly(new OnCallSchedule.Handover(expected, List.of("a"), List.of("b")));
  }

  @Test
  void theDayAfterTheSpringGapHandsOverAt0230Again() {
    ZoneId oslo = ZoneId.of("Europe/Oslo");
    OnCallSchedule s =
        new OnCallSchedule("p", oslo, List.of(layer("2026-03-28T02:30", "1 day", "a", "b")), null);
    List<OnCallSchedule.Handover> h =
        s.handovers(Instant.parse("2026-03-28T00:00:00Z"), Instant.parse("2026-04-01T00:00:00Z"));
    assertThat(h)
        .extracting(x -> ZonedDateTime.ofInstant(x.at(), oslo).toLocalDateTime().toString())
        .containsExactly(
            "2026-03-28T02:30", "2026-03-29T03:30", "2026-03-30T02:30", "2026-03-31T02:30");
  }

  @Test
  void aWeeklyCalendarOverAYearStaysAt0900Local() {
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    OnCallSchedule s =
        new OnCallSchedule(
            "p", berlin, List.of(layer("2026-01-05T09:00", "1 week", "a", "b", "c")), null);
    List<OnCallSchedule.Handover> h =
        s.handovers(Instant.parse("2026-01-05T08:00:00Z"), Instant.parse("2026-12-31T00:00:00Z"));
    assertThat(h).hasSize(51);
    assertThat(h)
        .allSatisfy(
            x -> {
              ZonedDateTime local = ZonedDateTime.ofInstant(x.at(), berlin);
              assertThat(local.getHour()).isEqualTo(9);
              assertThat(local.getMinute()).isZero();
              assertThat(local.getDayOfWeek()).isEqualTo(java.time.DayOfWeek.MONDAY);
            });
  }

  @Test
  void anOutOfHoursLayerTakesTheNightsAndAnOverrideBeatsBoth() {
    ZoneId oslo = ZoneId.of("Europe/Oslo");
    var nights = nightsOutsideWorkingHours();
    var override =
        new OnCallSchedule.Override(
            "cover",
            LocalDateTime.parse("2026-02-10T12:00"),
            LocalDateTime.parse("2026-02-11T12:00"),
            "swap");
    OnCallSchedule s =
        new OnCallSchedule(
            "p",
            oslo,
            List.of(layer("2026-01-05T09:00", "1 week", "day"), nights),
            List.of(override));
    assertThat(s.whoIsOnCall(at("2026-02-09T10:00", oslo))).containsExactly("day"); // Monday
    assertThat(s.whoIsOnCall(at("2026-02-09T16:00", oslo))).containsExactly("night");
    assertThat(s.whoIsOnCall(at("2026-02-09T07:59", oslo))).containsExactly("night");
    assertThat(s.whoIsOnCall(at("2026-02-14T12:00", oslo))).containsExactly("night"); // Saturday
    assertThat(s.whoIsOnCall(at("2026-02-10T13:00", oslo))).containsExactly("cover");
    assertThat(s.whoIsOnCall(at("2026-02-11T12:00", oslo))).containsExactly("day");
    List<OnCallSchedule.Handover> h =
        s.handovers(at("2026-02-09T12:00", oslo), at("2026-02-10T12:00", oslo));
    assertThat(h)
        .extracting(OnCallSchedule.Handover::to)
        .containsExactly(List.of("night"), List.of("day"), List.of("cover"));
  }

  /**
   * With the schedule's {@code holidays}, "outside 08:00-16:00 on working days" gives the night
   * layer a public holiday whole (ALR-3: outside normal hours); without it the holiday is a day
   * like any Monday to Friday.
   */
  @ParameterizedTest(name = "{0}, holidays {1}: {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          2026-05-14T10:00 | NO   | night
          2026-05-14T10:00 |      | day
          2026-05-13T10:00 | NO   | day
          2026-05-14T07:00 | NO   | night
          2026-12-25T12:00 | DE   | night
          2026-04-02T12:00 | DK   | night
          2026-04-02T12:00 | DE   | day
          """)
  void aPublicHolidayIsNoWorkingDayForTheNightLayer_ALR3(
      String local, String holidays, String expected) {
    ZoneId oslo = ZoneId.of("Europe/Oslo");
    var nights = nightsOutsideWorkingHours();
    OnCallSchedule s =
        new OnCallSchedule(
            "p",
            oslo,
            List.of(layer("2026-01-05T09:00", "1 week", "day"), nights),
            null,
            holidays == null ? null : dev.vakt.common.Country.valueOf(holidays));
    assertThat(s.whoIsOnCall(at(local, oslo))).containsExactly(expected);
  }

  @Test
  void beforeTheFirstHandOverNobodyIsOnCall() {
    OnCallSchedule s =
        new OnCallSchedule(
            "p", ZoneId.of("UTC"), List.of(layer("2026-01-05T09:00", "1 day", "a")), null);
    assertThat(s.whoIsOnCall(Instant.parse("2026-01-05T08:59:59Z"))).isEmpty();
    assertThatThrownBy(
            () ->
                s.handovers(
                    Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2028-01-01T00:00:00Z")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aPersonIsPagedOnTheirChannels() {
    var p = new OnCallPerson("ola", "Ola", Language.NB, "Ola@Example.no", "+47 00 00 00 01", null);
    assertThat(p.recipients(java.util.EnumSet.allOf(ChannelKind.class), ZoneId.of("UTC")))
        .extracting(Recipient::key)
        .containsExactly("email:ola@example.no", "sms:+4700000001");
  }

  /** "night" is on call outside 08:00-16:00 on working days. */
  static OnCallSchedule.Layer nightsOutsideWorkingHours() {
    return new OnCallSchedule.Layer(
        "nights",
        List.of("night"),
        Period.ofWeeks(1),
        LocalDateTime.parse("2026-01-05T00:00"),
        new OnCallSchedule.Restriction(
            null,
            List.of(
                new WeeklyRule(
                    Days.parse("working-days"),
                    TimeOfDay.parse("08:00"),
                    TimeOfDay.parse("16:00"),
                    false))));
  }

  static Instant at(String local, ZoneId zone) {
    return LocalDateTime.parse(local).atZone(zone).toInstant();
  }
}
