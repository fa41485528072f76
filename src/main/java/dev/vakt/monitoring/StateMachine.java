package dev.vakt.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns check results into soft and hard states, as technicians know them from Nagios and Icinga: a
 * failure becomes hard (an outage, an alarm) only after {@code maxAttempts} failed attempts in a
 * row, checked every {@code retryInterval}; a recovery is hard at once. Flapping is detected on the
 * share of state changes among the last results, with hysteresis, and weighted towards recent
 * results.
 *
 * <p>Plain Java and deterministic: the scheduler feeds it; tests drive it with tables and
 * properties.
 */
public final class StateMachine {

  /** Results kept for flap detection (Nagios uses 21, giving 20 possible changes). */
  static final int HISTORY = 21;

  private final double flapStart;
  private final double flapStop;

  /**
   * @param flapStart share of weighted state changes (0-1) at which a service starts flapping
   * @param flapStop share below which it stops; lower than {@code flapStart} so it does not flap
   *     about flapping
   */
  public StateMachine(double flapStart, double flapStop) {
    if (!(flapStop < flapStart) || flapStop < 0 || flapStart > 1) {
      throw new IllegalArgumentException("need 0 <= flapStop < flapStart <= 1");
    }
    this.flapStart = flapStart;
    this.flapStop = flapStop;
  }

  /** The defaults of Nagios: start at 50 %, stop below 25 %. */
  public static StateMachine standard() {
    return new StateMachine(0.50, 0.25);
  }

  /**
   * What one result did.
   *
   * @param status the service's status after the result
   * @param hardChange the hard state changed (ledger entry, outage opened or closed, alarm)
   * @param softChange a failure started being confirmed, or a soft failure cleared
   * @param flappingChanged the service started or stopped flapping
   * @param next when to check again: the retry interval while a failure is soft
   */
  public record Step(
      ServiceStatus status,
      boolean hardChange,
      boolean softChange,
      boolean flappingChanged,
      Duration next) {}

  /**
   * Applies a result observed at {@code at}.
   *
   * @param interval the normal check interval
   * @param retryInterval the interval while a failure is being confirmed
   * @param maxAttempts failed attempts needed for a hard failure (1 = at once)
   */
  public Step apply(
      ServiceStatus before,
      CheckState result,
      Instant at,
      Duration interval,
      Duration retryInterval,
      int maxAttempts) {
    List<CheckState> history = new ArrayList<>(before.history());
    history.add(result);
    if (history.size() > HISTORY) {
      history.removeFirst();
    }
    boolean flapping = flapping(before.flapping(), history);
    boolean flapChanged = flapping != before.flapping();

    if (before.isPending()) {
      // The first verdicts of a new service: OK is confirmed at once; a failure as usual.
      int attempt = result == CheckState.OK ? 0 : before.attempt() + 1;
      if (result == CheckState.OK || attempt >= maxAttempts) {
        return new Step(
            new ServiceStatus(result, at, result, attempt, flapping, history),
            true,
            false,
            flapChanged,
            interval);
      }
      return new Step(
          new ServiceStatus(null, null, result, attempt, flapping, history),
          false,
          attempt == 1,
          flapChanged,
          retryInterval);
    }

    CheckState hard = before.hard();
    if (result == CheckState.OK) {
      boolean hardChange = hard != CheckState.OK;
      boolean softChange = !hardChange && before.isSoft();
      Instant since = hardChange ? at : before.hardSince();
      return new Step(
          new ServiceStatus(CheckState.OK, since, CheckState.OK, 0, flapping, history),
          hardChange,
          softChange,
          flapChanged,
          interval);
    }
    if (hard != null && hard != CheckState.OK) {
      // Already failed hard: a different failure (WARNING to CRITICAL) changes the hard state at
      // once.
      boolean hardChange = hard != result;
      Instant since = hardChange ? at : before.hardSince();
      return new Step(
          new ServiceStatus(result, since, result, before.attempt() + 1, flapping, history),
          hardChange,
          false,
          flapChanged,
          interval);
    }
    int attempt = before.attempt() + 1;
    if (attempt >= maxAttempts) {
      return new Step(
          new ServiceStatus(result, at, result, attempt, flapping, history),
          true,
          false,
          flapChanged,
          interval);
    }
    return new Step(
        new ServiceStatus(hard, before.hardSince(), result, attempt, flapping, history),
        false,
        attempt == 1,
        flapChanged,
        retryInterval);
  }

  /**
   * Nagios' weighted percent state change: changes between consecutive results, the newest weighing
   * 1.25 times the oldest, over the possible changes in the window.
   */
  static double changeShare(List<CheckState> history) {
    int n = history.size();
    if (n < 2) {
      return 0;
    }
    double weighted = 0;
    double total = 0;
    for (int i = 1; i < n; i++) {
      double weight = 0.8 + 0.45 * (i - 1) / Math.max(1, n - 2); // 0.8 .. 1.25
      total += weight;
      if (history.get(i) != history.get(i - 1)) {
        weighted += weight;
      }
    }
    return weighted / total;
  }

  private boolean flapping(boolean was, List<CheckState> history) {
    if (history.size() < HISTORY) {
      return was; // too few results to judge
    }
    double share = changeShare(history);
    return was ? share >= flapStop : share >= flapStart;
  }
}
