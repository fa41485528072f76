package dev.vakt.alerting;

import dev.vakt.contract.AlertingTerms;
import dev.vakt.contract.ResolvedTerms;
import dev.vakt.contract.Terms;
import dev.vakt.coverage.Coverage;
import dev.vakt.coverage.CoverageService;
import dev.vakt.coverage.CustomerCoverage;
import dev.vakt.coverage.Subject;
import dev.vakt.inventory.Customer;
import dev.vakt.inventory.InventoryService;
import dev.vakt.inventory.Service;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * What an incident tells, and to whom: opening pages the technicians and tells the customer's
 * emergency list once, naming every service of the incident (ALR-1, ALR-2); services joining later
 * are told as an update unless their parent is down; the recovery is told once, when the last
 * service of the incident is back. Every message goes through the outbox in the caller's
 * transaction, with a cause per incident, so a repeat sends nothing twice.
 */
@Component
class IncidentMessages {

  /** Services named in one message before the rest are counted ({@code +16}). */
  static final int NAMED = 8;

  private final InventoryService inventory;
  private final CoverageService coverage;
  private final ServiceIncidents incidents;
  private final Notifications notifications;
  private final Escalations escalations;

  IncidentMessages(
      InventoryService inventory,
      CoverageService coverage,
      ServiceIncidents incidents,
      Notifications notifications,
      Escalations escalations) {
    this.inventory = inventory;
    this.coverage = coverage;
    this.incidents = incidents;
    this.notifications = notifications;
    this.escalations = escalations;
  }

  /** A customer with the terms that govern its alerting. */
  record Audience(Customer customer, Terms terms, String provider) {}

  /** Opens one incident for {@code members} (root first) and tells it once. */
  void open(
      String customer, String key, List<HeldOutages.Held> members, Map<String, Service> byId) {
    HeldOutages.Held first = members.getFirst();
    Service root = byId.get(first.service());
    String server = root == null ? key : root.server();
    boolean host = root != null && root.type() == dev.vakt.common.ServiceType.PING;
    Instant at = members.stream().map(HeldOutages.Held::at).min(Instant::compareTo).orElseThrow();
    String incident =
        host
            ? "host-" + key.replace(':', '.') + "-" + compact(at)
            : incidentId(first.service(), at);
    List<HeldOutages.Held> announced = members.stream().filter(h -> !h.flapping()).toList();
    Optional<Audience> audience = audience(customer, first.service(), at);
    List<Recipient> to =
        announced.isEmpty() || audience.isEmpty()
            ? List.of()
            : EmergencyRecipients.of(
                audience.get().customer(), audience.get().terms(), AlertingTerms.Event.OUTAGE);
    for (HeldOutages.Held h : members) {
      incidents.add(
          new ServiceIncidents.Open(
              incident, h.service(), customer, h == first, !to.isEmpty() && !h.flapping(), h.at()),
          key);
    }
    // Technicians are paged once per incident, flapping or not (ALR-1, ALR-3, ALR-4).
    escalations.open(
        incident, customer, members.stream().map(HeldOutages.Held::service).toList(), at);
    for (Recipient r : to) {
      notifications.enqueue(
          request(
                  r,
                  "service-down",
                  audience.get(),
                  server,
                  names(announced, server, byId),
                  at,
                  null)
              .withCause(incident + "/down"));
    }
  }

  /** Adds services to an open incident: {@code told} as an update, {@code suppressed} silently. */
  void join(
      String incident,
      String customer,
      String key,
      List<HeldOutages.Held> told,
      List<HeldOutages.Held> suppressed,
      Map<String, Service> byId) {
    List<HeldOutages.Held> announced = told.stream().filter(h -> !h.flapping()).toList();
    Optional<Audience> audience =
        announced.isEmpty()
            ? Optional.empty()
            : audience(customer, announced.getFirst().service(), announced.getFirst().at());
    List<Recipient> to =
        announced.isEmpty() || audience.isEmpty() || !incidents.notified(incident)
            ? List.of()
            : EmergencyRecipients.of(
                audience.get().customer(), audience.get().terms(), AlertingTerms.Event.OUTAGE);
    for (HeldOutages.Held h : suppressed) {
      incidents.add(
          new ServiceIncidents.Open(incident, h.service(), customer, false, false, h.at()), key);
    }
    for (HeldOutages.Held h : told) {
      incidents.add(
          new ServiceIncidents.Open(
              incident, h.service(), customer, false, !to.isEmpty() && !h.flapping(), h.at()),
          key);
    }
    if (to.isEmpty()) {
      return;
    }
    Instant at = announced.getFirst().at();
    String server =
        Optional.ofNullable(byId.get(announced.getFirst().service()))
            .map(Service::server)
            .orElse(key);
    for (Recipient r : to) {
      notifications.enqueue(
          request(
                  r,
                  "service-down-update",
                  audience.get(),
                  server,
                  names(announced, server, byId),
                  at,
                  null)
              .withCause(incident + "/update-" + announced.getFirst().service()));
    }
  }

  /**
   * A service of the incident is back. When it was the last one, the escalation is resolved and, if
   * the incident was told, its recovery is told once, naming every service it held.
   */
  void serviceBack(ServiceIncidents.Open o, Instant at) {
    incidents.lock(o.incident());
    incidents.close(o, at);
    if (incidents.stillOpen(o.incident()) > 0) {
      return;
    }
    escalations.resolve(o.incident(), at);
    if (!incidents.notified(o.incident()) || o.customer() == null) {
      return;
    }
    ServiceIncidents.Members m = incidents.members(o.incident());
    Optional<Audience> audience = audience(o.customer(), m.services().getFirst(), at);
    if (audience.isEmpty()) {
      return;
    }
    Map<String, Service> byId =
        inventory.services(o.customer()).stream().collect(Collectors.toMap(Service::id, s -> s));
    String key =
        Optional.ofNullable(byId.get(m.services().getFirst())).map(Service::server).orElse("");
    String names = describeAll(m.services(), key, byId);
    for (Recipient r :
        EmergencyRecipients.of(
            audience.get().customer(), audience.get().terms(), AlertingTerms.Event.RECOVERY)) {
      notifications.enqueue(
          request(
                  r,
                  "service-up",
                  audience.get(),
                  key,
                  names,
                  at,
                  Duration.between(m.openedAt(), at))
              .withCause(o.incident() + "/up"));
    }
  }

  /**
   * The customer and the terms that govern telling it about {@code subject} at {@code at}: those of
   * the contract covering the subject then (coverage, issue 18), so a customer with several
   * contracts hears as the covering contract's emergency list says. A host check ({@code
   * SERVER:CHECK}) counts as its server. A subject coverage does not know (removed from the
   * inventory since) falls back to the first contract running for the customer that sets alerting.
   */
  Optional<Audience> audience(String customerId, String subject, Instant at) {
    Optional<Customer> customer = inventory.customer(customerId);
    if (customer.isEmpty()) {
      return Optional.empty();
    }
    CustomerCoverage all = coverage.ofCustomer(customerId, at);
    if (all.contracts().isEmpty()) {
      return Optional.of(new Audience(customer.get(), null, all.provider()));
    }
    int colon = subject.lastIndexOf(':');
    Coverage c =
        coverage.at(
            colon < 0 ? Subject.service(subject) : Subject.server(subject.substring(0, colon)), at);
    if (c.customer() != null) {
      return Optional.of(
          new Audience(customer.get(), c.terms() == null ? null : c.terms().terms(), c.provider()));
    }
    Terms terms =
        all.contracts().stream()
            .map(ResolvedTerms::terms)
            .filter(t -> t.alerting() != null)
            .findFirst()
            .orElse(null);
    return Optional.of(new Audience(customer.get(), terms, all.provider()));
  }

  private static PendingRequest request(
      Recipient r,
      String kind,
      Audience a,
      String server,
      String services,
      Instant since,
      Duration duration) {
    Map<String, Object> values =
        duration == null
            ? Map.of(
                "customer",
                a.customer().name(),
                "service",
                services,
                "server",
                server,
                "since",
                since)
            : Map.of(
                "customer",
                a.customer().name(),
                "service",
                services,
                "server",
                server,
                "since",
                since,
                "duration",
                duration);
    return new PendingRequest(r, kind, values, a);
  }

  /** A request still without its cause. */
  private record PendingRequest(
      Recipient recipient, String kind, Map<String, Object> values, Audience audience) {
    NotificationRequest withCause(String cause) {
      return new NotificationRequest(
          recipient, kind, values, cause, audience.customer().id(), audience.provider());
    }
  }

  private static String names(
      List<HeldOutages.Held> members, String key, Map<String, Service> byId) {
    return describeAll(members.stream().map(HeldOutages.Held::service).toList(), key, byId);
  }

  /** The services as a customer recognises them, the first {@link #NAMED} by name, then a count. */
  static String describeAll(List<String> ids, String server, Map<String, Service> byId) {
    List<String> names =
        ids.stream()
            .map(byId::get)
            .filter(java.util.Objects::nonNull)
            .map(s -> describe(s) + (s.server().equals(server) ? "" : " (" + s.server() + ")"))
            .distinct()
            .toList();
    if (names.size() <= NAMED) {
      return String.join(", ", names);
    }
    return String.join(", ", names.subList(0, NAMED)) + " +" + (names.size() - NAMED);
  }

  /** What a customer recognises: the address it serves, or its kind and port. */
  static String describe(Service s) {
    if (s.url() != null) {
      return s.url();
    }
    String kind = s.type().code().toUpperCase(Locale.ROOT);
    return s.port() == null ? kind : kind + " (port " + s.port() + ")";
  }

  static String incidentId(String service, Instant at) {
    return service.replace(':', '.') + "-" + compact(at);
  }

  /** {@code 2026-11-26T06:40:00Z} as {@code 20261126t064000z}: short, sortable, cause-safe. */
  static String compact(Instant at) {
    return at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
        .toString()
        .toLowerCase(Locale.ROOT)
        .replace("-", "")
        .replace(":", "");
  }
}
