package dev.vakt.maintenance.patching;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything known of one server's patching for a month: the input of {@link PatchCompliance}.
 *
 * @param server the inventory's server id
 * @param rule the contract's patch policy for it
 * @param observations its updates pending at some time in the month (resolved ones included)
 * @param lastOkScan the last successful scan at or before the month's end; null when none
 * @param lastFailure the reason of the last failed scan after {@code lastOkScan}, or null
 * @param reboot when a reboot was needed; null when the reboot-needed check does not watch it
 * @param postponements the customer's postponements covering it that overlap the month
 */
public record ServerInput(
    String server,
    PatchRule rule,
    List<Observation> observations,
    Instant lastOkScan,
    String lastFailure,
    List<RebootNeed> reboot,
    List<Postponement> postponements) {

  public ServerInput {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(rule, "rule");
    observations = observations == null ? List.of() : List.copyOf(observations);
    reboot = reboot == null ? null : List.copyOf(reboot);
    postponements = postponements == null ? List.of() : List.copyOf(postponements);
  }

  /**
   * A period in which the reboot-needed check said a reboot (or service restarts) was needed: its
   * hard state was WARNING or CRITICAL.
   *
   * @param from when it became needed
   * @param to when it no longer was; null while it still is
   * @param reason the check's reason
   */
  public record RebootNeed(Instant from, Instant to, String reason) {
    public RebootNeed {
      Objects.requireNonNull(from, "from");
      if (to != null && to.isBefore(from)) {
        throw new IllegalArgumentException("a reboot need ends after it starts");
      }
    }
  }
}
