package dev.vakt.alerting;

import dev.vakt.common.ServiceType;
import dev.vakt.contract.AlertingTerms;
import dev.vakt.contract.ContractService;
import dev.vakt.contract.ResolvedTerms;
import dev.vakt.contract.Terms;
import dev.vakt.inventory.Customer;
import dev.vakt.inventory.InventoryService;
import dev.vakt.inventory.Server;
import dev.vakt.inventory.Service;
import dev.vakt.monitoring.CheckState;
import dev.vakt.monitoring.MonitoringLedger;
import dev.vakt.monitoring.ServiceCameBack;
import dev.vakt.monitoring.ServiceWentDown;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Turns hard state changes into alerts: pages the provider's technicians through the escalation
 * policy of each incident (ALR-1, ALR-3, ALR-4; host checks too), and tells a customer's Emergency
 * Response List when its services go down and come back (ALR-2), in each contact's language and
 * with no internal details, as the contract's {@code alerting.emergencyList} says.
 *
 * <p>Noise is kept down: a host that is down (its ping service is critical) holds the outages of
 * its other services under one incident, told once; a service that is flapping is not announced; a
 * service that goes down inside a planned maintenance recorded for it neither tells nor pages; an
 * event delivered twice (after a crash) opens nothing twice and the outbox's de-duplication keys
 * send nothing twice. The listener runs after the monitoring ledger committed the change, from the
 * event publication registry, so a crash in between re-delivers the event on restart.
 */
@Component
class ServiceAlerts {

  private final InventoryService inventory;
  private final ContractService contracts;
  private final MonitoringLedger ledger;
  private final ServiceIncidents incidents;
  private final Notifications notifications;
  private final Escalations escalations;
  private final dev.vakt.outage.OutageService outages;
  private final Clock clock;

  ServiceAlerts(
      InventoryService inventory,
      ContractService contracts,
      MonitoringLedger ledger,
      ServiceIncidents incidents,
      Notifications notifications,
      Escalations escalations,
      dev.vakt.outage.OutageService outages,
      Clock clock) {
    this.outages = outages;
    this.escalations = escalations;
    this.inventory = inventory;
    this.contracts = contracts;
    this.ledger = ledger;
    this.incidents = incidents;
    this.notifications = notifications;
    this.clock = clock;
  }

  /** What a listener needs to know about a service. */
  private record Subject(
      Service service, Server server, Customer customer, Terms terms, String provider) {}

  @ApplicationModuleListener
  void on(ServiceWentDown e) {
    if (incidents.open(e.service()).isPresent()) {
      return; // already handled: the same event delivered again
    }
    Optional<Subject> found = subject(e.service());
    if (found.isEmpty()) {
      // A host check (SERVER:CHECK) or a service no longer in the inventory: technicians' business.
      String incident = incidentId(e.service(), e.at());
      String customer = hostCheckCustomer(e.service());
      incidents.add(
          new ServiceIncidents.Open(incident, e.service(), customer, true, false, e.at()));
      if (customer != null) {
        escalations.open(incident, customer, List.of(e.service()), e.at());
      }
      return;
    }
    Subject s = found.get();
    if (outages.plannedMaintenance(s.customer().id(), e.service(), e.at()).isPresent()) {
      // Announced beforehand and expected: nobody is told or paged (its end is not announced).
      incidents.add(
          new ServiceIncidents.Open(
              incidentId(e.service(), e.at()),
              e.service(),
              s.customer().id(),
              false,
              false,
              e.at()));
      return;
    }
    Optional<ServiceIncidents.Open> host = hostIncident(s);
    if (host.isPresent() && s.service().type() != ServiceType.PING) {
      // Dependency suppression: the host's outage was told; this service is part of it.
      incidents.add(
          new ServiceIncidents.Open(
              host.get().incident(), e.service(), s.customer().id(), false, false, e.at()));
      return;
    }
    String incident =
        s.service().type() == ServiceType.PING
            ? "host-" + s.server().id() + "-" + compact(e.at())
            : incidentId(e.service(), e.at());
    List<Recipient> to = e.flapping() ? List.of() : emergencyList(s, AlertingTerms.Event.OUTAGE);
    incidents.add(
        new ServiceIncidents.Open(
            incident, e.service(), s.customer().id(), true, !to.isEmpty(), e.at()));
    // Technicians are paged for every incident, flapping or not (ALR-1, ALR-3, ALR-4).
    escalations.open(incident, s.customer().id(), List.of(e.service()), e.at());
    for (Recipient r : to) {
      notifications.enqueue(
          new NotificationRequest(
              r,
              "service-down",
              Map.of(
                  "customer", s.customer().name(),
                  "service", describe(s.service()),
                  "server", s.server().id(),
                  "since", e.at()),
              incident + "/down",
              s.customer().id(),
              s.provider()));
    }
  }

  @ApplicationModuleListener
  void on(ServiceCameBack e) {
    Optional<ServiceIncidents.Open> open = incidents.open(e.service());
    if (open.isEmpty()) {
      return;
    }
    ServiceIncidents.Open o = open.get();
    incidents.close(o, e.at());
    if (o.owner()) {
      escalations.resolve(o.incident(), e.at());
    }
    if (!o.owner() || !o.notified()) {
      return; // only the incident's own service announces its end, and only if it was announced
    }
    Optional<Subject> found = subject(e.service());
    if (found.isEmpty()) {
      return;
    }
    Subject s = found.get();
    for (Recipient r : emergencyList(s, AlertingTerms.Event.RECOVERY)) {
      notifications.enqueue(
          new NotificationRequest(
              r,
              "service-up",
              Map.of(
                  "customer", s.customer().name(),
                  "service", describe(s.service()),
                  "server", s.server().id(),
                  "since", e.at(),
                  "duration", Duration.between(o.openedAt(), e.at())),
              o.incident() + "/up",
              s.customer().id(),
              s.provider()));
    }
  }

  private Optional<Subject> subject(String serviceId) {
    Optional<Service> service = inventory.service(serviceId);
    if (service.isEmpty()) {
      return Optional.empty();
    }
    Optional<Server> server = inventory.server(service.get().server());
    Optional<Customer> customer = server.flatMap(x -> inventory.customer(x.customer()));
    if (customer.isEmpty()) {
      return Optional.empty();
    }
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    ResolvedTerms resolved =
        contracts.termsFor(customer.get().id(), today).stream()
            .filter(t -> t.terms().alerting() != null)
            .findFirst()
            .orElse(null);
    return Optional.of(
        new Subject(
            service.get(),
            server.get(),
            customer.get(),
            resolved == null ? null : resolved.terms(),
            resolved == null ? null : resolved.provider()));
  }

  /** The customer of the server a host check ({@code SERVER:CHECK}) runs on, or null. */
  private String hostCheckCustomer(String checkId) {
    int colon = checkId.lastIndexOf(':');
    if (colon < 0) {
      return null;
    }
    return inventory.server(checkId.substring(0, colon)).map(Server::customer).orElse(null);
  }

  /** The open incident of the server's ping service while that is critical: the host is down. */
  private Optional<ServiceIncidents.Open> hostIncident(Subject s) {
    List<String> pings =
        inventory.services(s.customer().id()).stream()
            .filter(x -> x.server().equals(s.server().id()) && x.type() == ServiceType.PING)
            .map(Service::id)
            .toList();
    Map<String, MonitoringLedger.HardState> states = ledger.current(pings);
    for (String ping : pings) {
      MonitoringLedger.HardState st = states.get(ping);
      if (st != null && st.state() == CheckState.CRITICAL) {
        Optional<ServiceIncidents.Open> o = incidents.open(ping);
        if (o.isPresent()) {
          return o;
        }
      }
    }
    return Optional.empty();
  }

  /** The emergency list's recipients for {@code event}, as the contract sets it (ALR-2). */
  private static List<Recipient> emergencyList(Subject s, AlertingTerms.Event event) {
    return EmergencyRecipients.of(s.customer(), s.terms(), event);
  }

  /** What a customer recognises: the address it serves, or its kind and port. */
  static String describe(Service s) {
    if (s.url() != null) {
      return s.url();
    }
    String kind = s.type().code().toUpperCase(Locale.ROOT);
    return s.port() == null ? kind : kind + " (port " + s.port() + ")";
  }

  private static String incidentId(String service, Instant at) {
    return service.replace(':', '.') + "-" + compact(at);
  }

  /** {@code 2026-11-26T06:40:00Z} as {@code 20261126t064000z}: short, sortable, cause-safe. */
  private static String compact(Instant at) {
    return at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
        .toString()
        .toLowerCase(Locale.ROOT)
        .replace("-", "")
        .replace(":", "");
  }
}
