package dev.vakt.alerting;

import dev.vakt.inventory.InventoryService;
import dev.vakt.maintenance.MaintenanceCancelled;
import dev.vakt.maintenance.MaintenancePlanned;
import java.util.List;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Tells customers of planned maintenance and of its cancellation (MNT-11). The events come through
 * the publication registry, so a crash between planning and telling re-delivers them; the outbox's
 * de-duplication key (one per maintenance and recipient) makes telling twice harmless.
 */
@Component
class MaintenanceNotices {

  private static final String ACTOR = "vakt";

  private final CustomerNotices notices;
  private final InventoryService inventory;

  MaintenanceNotices(CustomerNotices notices, InventoryService inventory) {
    this.notices = notices;
    this.inventory = inventory;
  }

  @ApplicationModuleListener
  void on(MaintenancePlanned e) {
    String text = e.description() == null ? e.title() : e.title() + "\n\n" + e.description();
    notices.maintenancePlanned(
        e.customer(), e.maintenance(), describe(e.services()), e.from(), e.to(), text, ACTOR);
  }

  @ApplicationModuleListener
  void on(MaintenanceCancelled e) {
    notices.maintenanceCancelled(
        e.customer(), e.maintenance(), describe(e.services()), e.from(), e.to(), e.reason(), ACTOR);
  }

  /** The services as the customer recognises them (an address, or a kind and port). */
  private List<String> describe(List<String> ids) {
    return ids.stream()
        .map(id -> inventory.service(id).map(ServiceAlerts::describe).orElse(id))
        .toList();
  }
}
