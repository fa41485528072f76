package dev.vakt.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/** The fast instant writer says exactly what {@link Instant#toString()} says. */
class IsoInstantProperties {

  @Property(tries = 5000)
  void sameTextAsInstantToString(
      @ForAll @LongRange(min = -62_167_219_200_000L, max = 253_402_300_799_999L) long ms) {
    assertThat(IsoInstant.format(ms)).isEqualTo(Instant.ofEpochMilli(ms).toString());
  }

  @Property(tries = 500)
  void outsideFourDigitYearsFallsBack(@ForAll long ms) {
    assertThat(IsoInstant.format(ms)).isEqualTo(Instant.ofEpochMilli(ms).toString());
  }
}
