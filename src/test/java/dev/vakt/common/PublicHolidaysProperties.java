package dev.vakt.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class PublicHolidaysProperties {

  @Property
  void easterIsASundayBetween22MarchAnd25April(@ForAll @IntRange(min = 1583, max = 9999) int year) {
    LocalDate easter = PublicHolidays.easterSunday(year);
    assertThat(easter.getDayOfWeek()).isEqualTo(DayOfWeek.SUNDAY);
    assertThat(easter).isBetween(LocalDate.of(year, 3, 22), LocalDate.of(year, 4, 25));
  }

  @Property
  void swedishMidsummerAndAllSaintsAreSaturdays(
      @ForAll @IntRange(min = 1953, max = 2500) int year) {
    assertThat(PublicHolidays.list(Country.SE, year, false))
        .filteredOn(h -> h.id().equals("midsummer-day") || h.id().equals("all-saints-day"))
        .hasSize(2)
        .allSatisfy(h -> assertThat(h.date().getDayOfWeek()).isEqualTo(DayOfWeek.SATURDAY));
  }

  @Property
  void holidaysBetweenAreTheYearsHolidaysInRange(
      @ForAll Country country, @ForAll @IntRange(min = 1990, max = 2200) int year) {
    assertThat(
            PublicHolidays.between(country, LocalDate.of(year, 1, 1), LocalDate.of(year + 1, 1, 1)))
        .isEqualTo(PublicHolidays.of(country, year));
  }
}
