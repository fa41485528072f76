package dev.vakt.maintenance.planning;

import dev.vakt.common.Ids;
import dev.vakt.common.InvalidField;
import dev.vakt.contract.MaintenanceTerms;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Planned work on servers and services (MNT-1 to MNT-3, MNT-11, SLA-3): when, what for, which
 * services of which customers it affects, how each affected contract judged it, and whether staff
 * overrode a refusal (with the reason).
 *
 * @param id {@code mnt-…}
 * @param title what the work is, as customers read it
 * @param description more for customers; may be null
 * @param purpose what kind of work, matched against the windows' purposes; null for any
 * @param from planned start
 * @param to planned end: down time after it counts (SLA-3)
 * @param reference an agreement, ticket or change number; may be null
 * @param assignee the technician doing the work, for their calendar; may be null
 * @param services the affected services per customer, each list sorted
 * @param checks how each affected contract judged the work when it was planned
 * @param overrideReason why it was planned although a contract refused it; null if none did
 * @param state planned or cancelled
 * @param cancelReason why it was cancelled
 * @param createdAt when it was planned
 * @param createdBy who planned it
 * @param changedAt when it was last changed (planned or cancelled): the calendar's sequence
 */
public record PlannedMaintenance(
    String id,
    String title,
    String description,
    MaintenanceTerms.Purpose purpose,
    Instant from,
    Instant to,
    String reference,
    String assignee,
    Map<String, List<String>> services,
    List<ContractCheck> checks,
    String overrideReason,
    State state,
    String cancelReason,
    Instant createdAt,
    String createdBy,
    Instant changedAt) {

  public PlannedMaintenance {
    Ids.require("id", id);
    if (title == null || title.isBlank()) {
      throw new InvalidField("title", "is required");
    }
    if (from == null || to == null || !to.isAfter(from)) {
      throw new InvalidField("to", "must be after 'from'");
    }
    Ids.optional("assignee", assignee);
    if (services == null || services.isEmpty()) {
      throw new InvalidField("services", "the maintenance affects no service");
    }
    services = java.util.Collections.unmodifiableMap(new TreeMap<>(services));
    checks = List.copyOf(checks);
    if (state == null) {
      throw new InvalidField("state", "is required");
    }
  }

  /** Whether the work is still to be done or was called off. */
  public enum State {
    PLANNED,
    CANCELLED;

    @com.fasterxml.jackson.annotation.JsonValue
    public String code() {
      return dev.vakt.common.Codes.of(this);
    }
  }

  /** The customers whose services it affects. */
  public List<String> customers() {
    return List.copyOf(services.keySet());
  }

  /** Whether a contract refused it and staff planned it anyway. */
  public boolean overridden() {
    return checks.stream().anyMatch(c -> !c.fits());
  }

  PlannedMaintenance cancelled(String reason, Instant at) {
    return new PlannedMaintenance(
        id,
        title,
        description,
        purpose,
        from,
        to,
        reference,
        assignee,
        services,
        checks,
        overrideReason,
        State.CANCELLED,
        reason,
        createdAt,
        createdBy,
        at);
  }
}
