package dev.vakt.maintenance.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * SLA-9: capacity non-compliance is exactly the time in which the N-1 rule failed and a node was
 * short of a resource, checked point by point against the spans' plain meaning.
 */
class ShortageSpansProperties {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Provide
  Arbitrary<List<ShortageSpans.Span>> spans() {
    Arbitrary<ShortageSpans.Span> span =
        Combinators.combine(
                Arbitraries.integers().between(0, 100),
                Arbitraries.integers().between(1, 30),
                Arbitraries.integers().between(0, 9))
            .as(
                (start, length, openDie) ->
                    new ShortageSpans.Span(
                        T0.plusSeconds(start),
                        openDie == 0 ? null : T0.plusSeconds(start + length)));
    return span.list().ofMaxSize(6);
  }

  private static boolean in(List<ShortageSpans.Span> spans, Instant t) {
    return spans.stream().anyMatch(s -> !t.isBefore(s.from()) && (s.open() || t.isBefore(s.to())));
  }

  @Property
  void overlapIsWhereBothHold(
      @ForAll("spans") List<ShortageSpans.Span> failing,
      @ForAll("spans") List<ShortageSpans.Span> pressure) {
    List<ShortageSpans.Span> both = ShortageSpans.overlap(failing, pressure);
    for (int s = 0; s <= 140; s++) {
      Instant t = T0.plusSeconds(s);
      assertThat(in(both, t)).as("at +%ds", s).isEqualTo(in(failing, t) && in(pressure, t));
    }
    assertThat(both).isEqualTo(ShortageSpans.overlap(pressure, failing));
  }

  @Property
  void unionIsSortedDisjointAndCoversTheSamePoints(@ForAll("spans") List<ShortageSpans.Span> a) {
    List<ShortageSpans.Span> u = ShortageSpans.union(a);
    for (int i = 1; i < u.size(); i++) {
      assertThat(u.get(i - 1).open()).isFalse();
      assertThat(u.get(i).from()).isAfter(u.get(i - 1).to());
    }
    List<Boolean> before = new ArrayList<>();
    List<Boolean> after = new ArrayList<>();
    for (int s = 0; s <= 140; s++) {
      before.add(in(a, T0.plusSeconds(s)));
      after.add(in(u, T0.plusSeconds(s)));
    }
    assertThat(after).isEqualTo(before);
  }
}
