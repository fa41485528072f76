package dev.vakt.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The public holidays against the official lists, written out by hand for 2024 to 2027 (Easter
 * 2024-03-31, 2025-04-20, 2026-04-05, 2027-03-28).
 */
class PublicHolidaysTest {

  static Stream<Arguments> official() {
    return Stream.of(
        // Norway: 1 Jan, Maundy Thu, Good Fri, Easter Sun, Easter Mon, 1 May, 17 May, Ascension,
        // Whit Sun, Whit Mon, 25 Dec, 26 Dec.
        row(
            Country.NO,
            2024,
            "01-01 03-28 03-29 03-31 04-01 05-01 05-17 05-09 05-19 05-20 12-25 12-26"),
        row(
            Country.NO,
            2025,
            "01-01 04-17 04-18 04-20 04-21 05-01 05-17 05-29 06-08 06-09 12-25 12-26"),
        row(
            Country.NO,
            2026,
            "01-01 04-02 04-03 04-05 04-06 05-01 05-17 05-14 05-24 05-25 12-25 12-26"),
        row(
            Country.NO,
            2027,
            "01-01 03-25 03-26 03-28 03-29 05-01 05-17 05-06 05-16 05-17 12-25 12-26"),
        // Denmark: as Norway without 1 and 17 May; Store Bededag (Easter + 26) gone from 2024.
        row(Country.DK, 2023, "01-01 04-06 04-07 04-09 04-10 05-05 05-18 05-28 05-29 12-25 12-26"),
        row(Country.DK, 2024, "01-01 03-28 03-29 03-31 04-01 05-09 05-19 05-20 12-25 12-26"),
        row(Country.DK, 2025, "01-01 04-17 04-18 04-20 04-21 05-29 06-08 06-09 12-25 12-26"),
        row(Country.DK, 2026, "01-01 04-02 04-03 04-05 04-06 05-14 05-24 05-25 12-25 12-26"),
        row(Country.DK, 2027, "01-01 03-25 03-26 03-28 03-29 05-06 05-16 05-17 12-25 12-26"),
        // Sweden: 1 Jan, 6 Jan, Good Fri, Easter Sun, Easter Mon, 1 May, Ascension, 6 June,
        // Whit Sun, Midsummer Day (Sat 20-26 June), All Saints' (Sat 31 Oct-6 Nov), 25, 26 Dec.
        row(
            Country.SE,
            2024,
            "01-01 01-06 03-29 03-31 04-01 05-01 05-09 06-06 05-19 06-22 11-02 12-25 12-26"),
        row(
            Country.SE,
            2025,
            "01-01 01-06 04-18 04-20 04-21 05-01 05-29 06-06 06-08 06-21 11-01 12-25 12-26"),
        row(
            Country.SE,
            2026,
            "01-01 01-06 04-03 04-05 04-06 05-01 05-14 06-06 05-24 06-20 10-31 12-25 12-26"),
        row(
            Country.SE,
            2027,
            "01-01 01-06 03-26 03-28 03-29 05-01 05-06 06-06 05-16 06-26 11-06 12-25 12-26"),
        // Germany, nationwide: 1 Jan, Good Fri, Easter Mon, 1 May, Ascension, Whit Mon, 3 Oct,
        // 25, 26 Dec; 31 Oct only in 2017.
        row(Country.DE, 2017, "01-01 04-14 04-17 05-01 05-25 06-05 10-03 10-31 12-25 12-26"),
        row(Country.DE, 2024, "01-01 03-29 04-01 05-01 05-09 05-20 10-03 12-25 12-26"),
        row(Country.DE, 2025, "01-01 04-18 04-21 05-01 05-29 06-09 10-03 12-25 12-26"),
        row(Country.DE, 2026, "01-01 04-03 04-06 05-01 05-14 05-25 10-03 12-25 12-26"),
        row(Country.DE, 2027, "01-01 03-26 03-29 05-01 05-06 05-17 10-03 12-25 12-26"));
  }

  static Arguments row(Country c, int year, String days) {
    Set<LocalDate> expected =
        Arrays.stream(days.split(" "))
            .map(d -> LocalDate.parse(year + "-" + d))
            .collect(Collectors.toSet());
    return Arguments.of(c, year, expected);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("official")
  void matchesTheOfficialList(Country country, int year, Set<LocalDate> expected) {
    assertThat(PublicHolidays.of(country, year)).containsExactlyInAnyOrderElementsOf(expected);
  }

  @ParameterizedTest(name = "Easter {0}")
  @CsvSource({
    "2000, 2000-04-23",
    "2008, 2008-03-23",
    "2011, 2011-04-24",
    "2019, 2019-04-21",
    "2024, 2024-03-31",
    "2025, 2025-04-20",
    "2026, 2026-04-05",
    "2027, 2027-03-28",
    "2028, 2028-04-16",
    "2029, 2029-04-01",
    "2030, 2030-04-21",
    "2038, 2038-04-25",
    "2285, 2285-03-22",
    "1818, 1818-03-22",
  })
  void easterSunday(int year, LocalDate expected) {
    assertThat(PublicHolidays.easterSunday(year)).isEqualTo(expected);
  }

  @Test
  void swedishDeFactoDaysOnlyOnRequest() {
    List<PublicHolidays.Holiday> all = PublicHolidays.list(Country.SE, 2026, true);
    assertThat(all)
        .filteredOn(PublicHolidays.Holiday::deFacto)
        .extracting(PublicHolidays.Holiday::date)
        .containsExactlyInAnyOrder(
            LocalDate.of(2026, 6, 19), LocalDate.of(2026, 12, 24), LocalDate.of(2026, 12, 31));
    assertThat(PublicHolidays.of(Country.SE, 2026)).doesNotContain(LocalDate.of(2026, 12, 24));
    assertThat(PublicHolidays.of(Country.DK, 2026))
        .doesNotContain(LocalDate.of(2026, 6, 5), LocalDate.of(2026, 12, 24));
  }

  @Test
  void swedishWhitMondayBecameNationalDayIn2005() {
    assertThat(PublicHolidays.of(Country.SE, 2004))
        .contains(LocalDate.of(2004, 5, 31))
        .doesNotContain(LocalDate.of(2004, 6, 6));
    assertThat(PublicHolidays.of(Country.SE, 2005))
        .contains(LocalDate.of(2005, 6, 6))
        .doesNotContain(LocalDate.of(2005, 5, 16));
  }

  @Test
  void namesPerLanguage() {
    assertThat(PublicHolidays.names(Country.NO, 2026, Language.NB))
        .containsEntry(LocalDate.of(2026, 5, 17), "Grunnlovsdag (17. mai)")
        .containsEntry(LocalDate.of(2026, 5, 14), "Kristi himmelfartsdag");
    assertThat(PublicHolidays.names(Country.DE, 2026, Language.EN))
        .containsEntry(LocalDate.of(2026, 5, 25), "Whit Monday");
    // No Swedish name for a Danish holiday: the Danish one.
    assertThat(PublicHolidays.names(Country.DK, 2026, Language.SV))
        .containsEntry(LocalDate.of(2026, 12, 26), "2. juledag");
    // 17 May 2027 is both Constitution Day and Whit Monday in Norway.
    assertThat(PublicHolidays.names(Country.NO, 2027, Language.EN))
        .containsEntry(LocalDate.of(2027, 5, 17), "Constitution Day / Whit Monday");
  }

  @Test
  void betweenIsEndExclusiveAndCrossesYears() {
    assertThat(
            PublicHolidays.between(
                Country.NO, LocalDate.of(2026, 12, 25), LocalDate.of(2027, 1, 2)))
        .containsExactlyInAnyOrder(
            LocalDate.of(2026, 12, 25), LocalDate.of(2026, 12, 26), LocalDate.of(2027, 1, 1));
    assertThat(
            PublicHolidays.between(
                Country.NO, LocalDate.of(2026, 12, 24), LocalDate.of(2026, 12, 25)))
        .isEmpty();
    assertThat(PublicHolidays.between(null, LocalDate.of(2026, 1, 1), LocalDate.of(2027, 1, 1)))
        .isEmpty();
  }

  @Test
  void yearsOutsideTheGregorianCalendarAreRefused() {
    assertThatThrownBy(() -> PublicHolidays.of(Country.NO, 1500))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1500");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "NO: [{ id: x, date: '13-01', names: { nb: a, en: a } }]"
            + "| t.yaml:1:15: /NO/0/date: rule x: must be a date MM-DD",
        "NO: [{ id: x, easter: 1, date: '01-01', names: { nb: a, en: a } }]"
            + "| /NO/0: rule x: needs exactly one of date, easter or weekday",
        "NO: [{ id: x, easter: 1, names: { en: a } }]| /NO/0/names: rule x: needs a name in nb",
        "SE: [{ id: x, weekday: sat, names: { sv: a, en: a } }]"
            + "| /SE/0/between: rule x: weekday needs between",
        "SE: [{ id: x, weekday: lør, between: ['06-20', '06-26'], names: { sv: a, en: a } }]"
            + "| /SE/0/weekday: rule x: weekday must be one of",
        "SE: [{ id: x, weekday: sat, between: ['06-20', '06-25'], names: { sv: a, en: a } }]"
            + "| /SE/0/between: rule x: between must span at least 7 days",
        "DK: [{ id: x, easter: 26, from: 2024, until: 2023, names: { da: a, en: a } }]"
            + "| /DK/0/until: rule x: until (2023) is before from",
        "DK: [{ id: x, easter: 26, untill: 2023, names: { da: a, en: a } }]"
            + "| /DK/0/untill: rule x: unknown field 'untill'",
        "DK: [{ id: x, easter: 26, deFacto: yes, names: { da: a, en: a } }]"
            + "| /DK/0/deFacto: rule x: deFacto must be true or false",
        "FI: [{ id: x, date: '12-06', names: { en: a } }]| /FI: unknown country 'FI'",
        "DE: [{ date: '12-25', names: { de: a, en: a } }]| /DE/0/id: every rule needs an id",
      })
  void invalidRulesNameTheRuleAndField(String yaml, String message) {
    assertThatThrownBy(() -> PublicHolidays.parse("t.yaml", yaml))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message.strip());
  }

  @Test
  void theBundledFileLoads() {
    for (Country c : Country.values()) {
      assertThat(PublicHolidays.of(c, 2026)).isNotEmpty();
    }
  }
}
