package dev.vakt.monitoring;

import java.time.Instant;

/**
 * Where one service stands: its hard state (what counts for outages and the SLA), the soft state
 * while a failure is being confirmed, and whether it flaps.
 *
 * @param hard the confirmed state; null while the service has never been checked (pending)
 * @param hardSince when the hard state began
 * @param current the latest result's state (equal to {@code hard} unless a failure is unconfirmed)
 * @param attempt failed attempts in a row while the failure is soft; 0 when none
 * @param flapping whether the state changes too often to be trusted
 * @param history the last results' states, oldest first, for flap detection
 */
public record ServiceStatus(
    CheckState hard,
    Instant hardSince,
    CheckState current,
    int attempt,
    boolean flapping,
    java.util.List<CheckState> history) {

  public ServiceStatus {
    history = history == null ? java.util.List.of() : java.util.List.copyOf(history);
  }

  /** A service not yet checked. */
  public static ServiceStatus pending() {
    return new ServiceStatus(null, null, null, 0, false, java.util.List.of());
  }

  public boolean isPending() {
    return hard == null;
  }

  /** True while a failure is seen but not yet confirmed by enough attempts. */
  public boolean isSoft() {
    return current != null && current != CheckState.OK && current != hard;
  }
}
