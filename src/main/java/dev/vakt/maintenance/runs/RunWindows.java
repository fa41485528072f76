package dev.vakt.maintenance.runs;

import dev.vakt.common.ApiErrors;
import dev.vakt.maintenance.planning.MaintenancePlanner;
import dev.vakt.maintenance.planning.PlannedMaintenance;
import java.time.Clock;
import java.time.Instant;

/**
 * Patching nodes happens only inside agreed windows (MNT-1, MNT-2): a rolling run names the planned
 * maintenance it carries out, which was checked against the contracts' windows when it was planned
 * and told to the customers, and must be under way now. Acute work outside them (MNT-3) says why
 * instead, and that reason is kept with the run.
 */
final class RunWindows {

  private final MaintenancePlanner planner;
  private final Clock clock;

  RunWindows(MaintenancePlanner planner, Clock clock) {
    this.planner = planner;
    this.clock = clock;
  }

  /**
   * The run's reason as recorded: the request's, with the maintenance it carries out or the reason
   * it runs outside the windows.
   *
   * @throws ApiErrors.Conflict when neither is given, or the maintenance does not cover now
   */
  String reason(String customer, MaintenanceRunService.Start start) {
    String reason = start.reason().strip();
    boolean override = start.outsideWindows() != null && !start.outsideWindows().isBlank();
    if (start.maintenance() == null || start.maintenance().isBlank()) {
      if (!override) {
        throw new ApiErrors.Conflict(
            "patching the nodes needs a planned maintenance under way (MNT-1, MNT-2): plan it"
                + " with POST /api/maintenance and name it as 'maintenance', or give"
                + " 'outsideWindows' with the reason the work cannot wait (MNT-3)");
      }
      return reason + " [outside the maintenance windows: " + start.outsideWindows().strip() + "]";
    }
    PlannedMaintenance m =
        planner
            .findOf(customer, start.maintenance())
            .orElseThrow(
                () ->
                    new ApiErrors.Conflict(
                        "maintenance "
                            + start.maintenance()
                            + " does not affect customer "
                            + customer
                            + ", whose cluster this is"));
    Instant now = clock.instant();
    if (m.state() != PlannedMaintenance.State.PLANNED) {
      throw new ApiErrors.Conflict("maintenance " + m.id() + " was cancelled");
    }
    if (now.isBefore(m.from()) || !now.isBefore(m.to())) {
      throw new ApiErrors.Conflict(
          "maintenance " + m.id() + " runs from " + m.from() + " to " + m.to() + ", not now");
    }
    return reason + " [maintenance " + m.id() + "]";
  }
}
