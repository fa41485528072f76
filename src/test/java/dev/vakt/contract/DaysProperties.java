package dev.vakt.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.util.EnumSet;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** K-1: day sets written back by the exporter read back as the same days. */
class DaysProperties {

  @Property
  @Label("K-1: Days.parse(tokens()) is the same set of days")
  void tokensRoundTrip(@ForAll @Size(min = 1) Set<DayOfWeek> days, @ForAll boolean working) {
    Set<DayOfWeek> all = EnumSet.copyOf(days);
    if (working) {
      all.addAll(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY));
    }
    Days d = new Days(all, working);
    assertThat(Days.parse(d.tokens())).isEqualTo(d);
  }

  @Property
  @Label("K-1: a forward range names exactly the days from its first to its last")
  void ranges(
      @ForAll @IntRange(min = 1, max = 7) int a, @ForAll @IntRange(min = 1, max = 7) int b) {
    String[] names = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    int from = Math.min(a, b);
    int to = Math.max(a, b);
    Days d = Days.parse(names[from - 1] + "-" + names[to - 1]);
    assertThat(d.days()).isEqualTo(EnumSet.range(DayOfWeek.of(from), DayOfWeek.of(to)));
    if (from != to) {
      String backwards = names[to - 1] + "-" + names[from - 1];
      try {
        Days.parse(backwards);
        throw new AssertionError(backwards + " was accepted");
      } catch (IllegalArgumentException e) {
        assertThat(e).hasMessage("day range '" + backwards + "' runs backwards");
      }
    }
  }
}
