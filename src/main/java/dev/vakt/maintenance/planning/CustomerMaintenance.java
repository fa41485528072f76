package dev.vakt.maintenance.planning;

import java.time.Instant;
import java.util.List;

/**
 * Planned maintenance as a customer sees it: its own affected services, nothing internal (no other
 * customer, no technician, no override reason, no contract checks).
 */
public record CustomerMaintenance(
    String id,
    String title,
    String description,
    Instant from,
    Instant to,
    List<String> services,
    String reference,
    PlannedMaintenance.State state,
    String cancelReason) {

  /** What {@code customer} may see of planned work {@code m}: its own services only (DPA-4). */
  public static CustomerMaintenance of(PlannedMaintenance m, String customer) {
    return new CustomerMaintenance(
        m.id(),
        m.title(),
        m.description(),
        m.from(),
        m.to(),
        m.services().getOrDefault(customer, List.of()),
        m.reference(),
        m.state(),
        m.cancelReason());
  }
}
