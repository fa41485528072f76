package dev.vakt.monitoring;

import static dev.vakt.monitoring.CheckState.CRITICAL;
import static dev.vakt.monitoring.CheckState.OK;
import static dev.vakt.monitoring.CheckState.UNKNOWN;
import static dev.vakt.monitoring.CheckState.WARNING;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Soft and hard states, retries and flapping (MON-7: alert only on confirmed failures). */
class StateMachineTest {

  static final Duration INTERVAL = Duration.ofMinutes(1);
  static final Duration RETRY = Duration.ofSeconds(20);
  static final Instant T0 = Instant.parse("2026-03-29T00:59:00Z");
  final StateMachine machine = StateMachine.standard();

  /** Feeds results one a minute and returns every step. */
  List<StateMachine.Step> run(int maxAttempts, CheckState... results) {
    ServiceStatus s = ServiceStatus.pending();
    List<StateMachine.Step> steps = new java.util.ArrayList<>();
    for (int i = 0; i < results.length; i++) {
      StateMachine.Step step =
          machine.apply(s, results[i], T0.plusSeconds(60L * i), INTERVAL, RETRY, maxAttempts);
      steps.add(step);
      s = step.status();
    }
    return steps;
  }

  /** Table: results, maxAttempts, hard state after each result ("-" pending), hard changes at. */
  static Stream<Arguments> table() {
    return Stream.of(
        Arguments.of("first OK is hard at once", 3, List.of(OK), "OK", List.of(0)),
        Arguments.of(
            "a failure needs 3 attempts",
            3,
            List.of(OK, CRITICAL, CRITICAL, CRITICAL),
            "OK,OK,OK,CRITICAL",
            List.of(0, 3)),
        Arguments.of(
            "a soft failure that clears never becomes hard",
            3,
            List.of(OK, CRITICAL, CRITICAL, OK),
            "OK,OK,OK,OK",
            List.of(0)),
        Arguments.of(
            "recovery is hard at once",
            3,
            List.of(OK, CRITICAL, CRITICAL, CRITICAL, OK),
            "OK,OK,OK,CRITICAL,OK",
            List.of(0, 3, 4)),
        Arguments.of(
            "maxAttempts 1 fails at once", 1, List.of(OK, CRITICAL), "OK,CRITICAL", List.of(0, 1)),
        Arguments.of(
            "a new service failing from the start",
            2,
            List.of(CRITICAL, CRITICAL),
            "-,CRITICAL",
            List.of(1)),
        Arguments.of(
            "warning to critical while hard is a hard change",
            1,
            List.of(OK, WARNING, CRITICAL, CRITICAL),
            "OK,WARNING,CRITICAL,CRITICAL",
            List.of(0, 1, 2)),
        Arguments.of(
            "mixed failures count as attempts",
            3,
            List.of(OK, WARNING, UNKNOWN, CRITICAL),
            "OK,OK,OK,CRITICAL",
            List.of(0, 3)));
  }

  @DisplayName("MON-7: soft and hard states")
  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void hardStates(
      String name,
      int maxAttempts,
      List<CheckState> results,
      String hardAfter,
      List<Integer> hardChanges) {
    List<StateMachine.Step> steps = run(maxAttempts, results.toArray(CheckState[]::new));
    String hard =
        String.join(
            ",",
            steps.stream()
                .map(s -> s.status().hard() == null ? "-" : s.status().hard().name())
                .toList());
    assertThat(hard).isEqualTo(hardAfter);
    List<Integer> changes = new java.util.ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i).hardChange()) {
        changes.add(i);
      }
    }
    assertThat(changes).isEqualTo(hardChanges);
  }

  @Test
  void whileAFailureIsSoftTheRetryIntervalApplies() {
    List<StateMachine.Step> steps = run(3, OK, CRITICAL, CRITICAL, CRITICAL);
    assertThat(steps.stream().map(StateMachine.Step::next))
        .containsExactly(INTERVAL, RETRY, RETRY, INTERVAL);
    assertThat(steps.get(1).softChange()).isTrue();
    assertThat(steps.get(1).status().isSoft()).isTrue();
    assertThat(steps.get(1).status().attempt()).isEqualTo(1);
  }

  @Test
  void theHardStateRecordsWhenItBegan() {
    List<StateMachine.Step> steps = run(3, OK, CRITICAL, CRITICAL, CRITICAL, CRITICAL);
    assertThat(steps.get(3).status().hardSince()).isEqualTo(T0.plusSeconds(180));
    assertThat(steps.get(4).status().hardSince()).isEqualTo(T0.plusSeconds(180));
  }

  @Test
  void alternatingResultsFlapAndSteadyResultsStopFlapping() {
    CheckState[] alternating = new CheckState[30];
    for (int i = 0; i < alternating.length; i++) {
      alternating[i] = i % 2 == 0 ? OK : CRITICAL;
    }
    List<StateMachine.Step> steps = run(1, alternating);
    assertThat(steps.getLast().status().flapping()).isTrue();
    ServiceStatus s = steps.getLast().status();
    boolean stopped = false;
    for (int i = 0; i < 30 && !stopped; i++) {
      StateMachine.Step step = machine.apply(s, OK, T0, INTERVAL, RETRY, 1);
      stopped = step.flappingChanged() && !step.status().flapping();
      s = step.status();
    }
    assertThat(stopped).isTrue();
  }

  @Test
  void changeShareIsZeroForSteadyAndOneForAlternating() {
    assertThat(StateMachine.changeShare(java.util.Collections.nCopies(21, OK))).isZero();
    List<CheckState> alt = new java.util.ArrayList<>();
    for (int i = 0; i < 21; i++) {
      alt.add(i % 2 == 0 ? OK : CRITICAL);
    }
    assertThat(StateMachine.changeShare(alt)).isEqualTo(1.0);
  }
}
