package dev.vakt.alerting;

import dev.vakt.inventory.InventoryService;
import dev.vakt.inventory.Server;
import dev.vakt.inventory.Service;
import dev.vakt.monitoring.ServiceCameBack;
import dev.vakt.monitoring.ServiceWentDown;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Turns hard state changes into alerts: pages the provider's technicians through the escalation
 * policy of each incident (ALR-1, ALR-3, ALR-4; host checks too), and tells a customer's Emergency
 * Response List when its services go down and come back (ALR-2), in each contact's language and
 * with no internal details, as the contract's {@code alerting.emergencyList} says.
 *
 * <p>One incident, one message (issue 32): a service that goes down is held ({@link HeldOutages})
 * until the other services of its group that are failing too have their verdict; {@link
 * IncidentGrouper} then tells the services that failed together, and their parent's outage, as one
 * incident, and later failures of the same group join it. A service that comes back within the hold
 * is told to nobody. Recoveries are told when the incident's last service is back ({@link
 * IncidentMessages}). A service that goes down inside a planned maintenance recorded for it neither
 * tells nor pages; a flapping service pages but is not announced; an event delivered twice (after a
 * crash) holds or opens nothing twice and the outbox's de-duplication keys send nothing twice. The
 * listener runs after the monitoring ledger committed the change, from the event publication
 * registry, so a crash in between re-delivers the event on restart.
 */
@Component
class ServiceAlerts {

  private final InventoryService inventory;
  private final ServiceIncidents incidents;
  private final HeldOutages held;
  private final IncidentMessages messages;
  private final IncidentGrouper grouper;
  private final HeldReleaser releaser;
  private final IncidentProperties properties;
  private final Escalations escalations;
  private final dev.vakt.outage.OutageService outages;
  private final Clock clock;

  ServiceAlerts(
      InventoryService inventory,
      ServiceIncidents incidents,
      HeldOutages held,
      IncidentMessages messages,
      IncidentGrouper grouper,
      HeldReleaser releaser,
      IncidentProperties properties,
      Escalations escalations,
      dev.vakt.outage.OutageService outages,
      Clock clock) {
    this.inventory = inventory;
    this.incidents = incidents;
    this.held = held;
    this.messages = messages;
    this.grouper = grouper;
    this.releaser = releaser;
    this.properties = properties;
    this.escalations = escalations;
    this.outages = outages;
    this.clock = clock;
  }

  @ApplicationModuleListener
  void on(ServiceWentDown e) {
    if (incidents.open(e.service()).isPresent()) {
      return; // already handled: the same event delivered again
    }
    // Whose it is comes with the event (issue 18); only an event stored before monitoring carried
    // it (replayed from the publication registry after an upgrade) is looked up in the inventory.
    boolean hostCheck = e.service().indexOf(':') >= 0;
    String server = e.server() != null ? e.server() : serverOf(e.service());
    String owner = e.customer() != null ? e.customer() : customerOf(server);
    Optional<String> customer =
        hostCheck || server == null ? Optional.empty() : Optional.ofNullable(owner);
    if (customer.isEmpty()) {
      // A host check (SERVER:CHECK) or a service no longer in the inventory: technicians' business.
      String incident = IncidentMessages.incidentId(e.service(), e.at());
      String hostOwner = hostCheck ? owner : null;
      incidents.add(
          new ServiceIncidents.Open(incident, e.service(), hostOwner, true, false, e.at()));
      if (hostOwner != null) {
        escalations.open(incident, hostOwner, List.of(e.service()), e.at());
      }
      return;
    }
    if (outages.plannedMaintenance(customer.get(), e.service(), e.at()).isPresent()) {
      // Announced beforehand and expected: nobody is told or paged (its end is not announced).
      incidents.add(
          new ServiceIncidents.Open(
              IncidentMessages.incidentId(e.service(), e.at()),
              e.service(),
              customer.get(),
              true,
              false,
              e.at()));
      return;
    }
    var now = clock.instant();
    HeldOutages.Held h =
        new HeldOutages.Held(
            e.service(), customer.get(), e.at(), e.flapping(), now, now.plus(properties.hold()));
    if (!grouper.joinOpen(h)) {
      held.hold(h, server);
      releaser.wakeAfterCommit(); // its group may have been waiting only for it
    }
  }

  @ApplicationModuleListener
  void on(ServiceCameBack e) {
    if (held.release(e.service())) {
      return; // back within the hold: nobody was told, nobody is
    }
    incidents.open(e.service()).ifPresent(o -> messages.serviceBack(o, e.at()));
  }

  /** What a customer recognises: the address it serves, or its kind and port. */
  static String describe(Service s) {
    return IncidentMessages.describe(s);
  }

  /** The server of a service or host check ({@code SERVER:CHECK}) the event did not name. */
  private String serverOf(String id) {
    int colon = id.lastIndexOf(':');
    return colon >= 0
        ? id.substring(0, colon)
        : inventory.service(id).map(Service::server).orElse(null);
  }

  /** The customer of a server the event did not name, or null. */
  private String customerOf(String server) {
    return server == null ? null : inventory.server(server).map(Server::customer).orElse(null);
  }
}
