package dev.vakt.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Properties of soft and hard states that must hold for any sequence of results (MON-7). */
class StateMachineProperties {

  static final Duration INTERVAL = Duration.ofMinutes(1);
  static final Duration RETRY = Duration.ofSeconds(15);

  @Property
  void aHardFailureFromOkNeedsExactlyMaxAttemptsFailuresInARow(
      @ForAll @Size(min = 1, max = 60) List<CheckState> results,
      @ForAll @IntRange(min = 1, max = 5) int maxAttempts) {
    StateMachine m = StateMachine.standard();
    ServiceStatus s =
        m.apply(ServiceStatus.pending(), CheckState.OK, Instant.EPOCH, INTERVAL, RETRY, maxAttempts)
            .status();
    int failuresInARow = 0;
    for (CheckState r : results) {
      CheckState hardBefore = s.hard();
      StateMachine.Step step = m.apply(s, r, Instant.EPOCH, INTERVAL, RETRY, maxAttempts);
      failuresInARow = r == CheckState.OK ? 0 : failuresInARow + 1;
      if (hardBefore == CheckState.OK && step.hardChange()) {
        assertThat(failuresInARow).isEqualTo(maxAttempts);
      }
      if (step.hardChange()) {
        assertThat(step.status().hard()).isNotEqualTo(hardBefore).isEqualTo(r);
      }
      assertThat(step.next()).isEqualTo(step.status().isSoft() ? RETRY : INTERVAL);
      assertThat(step.status().history().size()).isLessThanOrEqualTo(StateMachine.HISTORY);
      s = step.status();
    }
  }

  @Property
  void anOkResultAlwaysLeavesTheServiceHardOk(
      @ForAll @Size(min = 1, max = 40) List<CheckState> results) {
    StateMachine m = StateMachine.standard();
    ServiceStatus s = ServiceStatus.pending();
    for (CheckState r : results) {
      s = m.apply(s, r, Instant.EPOCH, INTERVAL, RETRY, 3).status();
      if (r == CheckState.OK) {
        assertThat(s.hard()).isEqualTo(CheckState.OK);
        assertThat(s.isSoft()).isFalse();
      }
    }
  }

  @Property
  void changeShareStaysBetweenZeroAndOne(
      @ForAll @Size(min = 0, max = 21) List<CheckState> history) {
    assertThat(StateMachine.changeShare(history)).isBetween(0.0, 1.0);
  }
}
