package dev.vakt.alerting;

import dev.vakt.audit.AuditLog;
import dev.vakt.common.ApiErrors;
import dev.vakt.common.Language;
import dev.vakt.contract.AlertingTerms;
import dev.vakt.contract.ResolvedTerms;
import dev.vakt.contract.Terms;
import dev.vakt.coverage.Coverage;
import dev.vakt.coverage.CoverageService;
import dev.vakt.coverage.Subject;
import dev.vakt.inventory.Contact;
import dev.vakt.inventory.Customer;
import dev.vakt.inventory.InventoryService;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Messages staff send to a customer on purpose: important messages and news to the registered
 * e-mail (ALR-6), and the notice after a security disconnect to the customer's master-data contacts
 * (ALR-5, NET-4). Each goes through the outbox, once per recipient, and is audited.
 */
@Service
public class CustomerNotices {

  private final InventoryService inventory;
  private final CoverageService coverage;
  private final Notifications notifications;
  private final AuditLog audit;
  private final Clock clock;

  CustomerNotices(
      InventoryService inventory,
      CoverageService coverage,
      Notifications notifications,
      AuditLog audit,
      Clock clock) {
    this.inventory = inventory;
    this.coverage = coverage;
    this.notifications = notifications;
    this.audit = audit;
    this.clock = clock;
  }

  /** Who was written to, under which cause. */
  public record Sent(String cause, List<String> recipients) {}

  /**
   * An important message or news (ALR-6): to the customer's registered e-mail, and to its emergency
   * list where the contract lists {@code notice} among the list's events.
   *
   * <p>An emergency list without {@code notifyOn} hears of every event, notices included.
   *
   * @param ref the caller's reference, so sending again is harmless; null for a new one
   */
  @Transactional
  public Sent notice(String customerId, String title, String text, String ref, String actor) {
    required("title", title);
    required("text", text);
    Customer c = customer(customerId);
    Terms t = terms(customerId);
    String cause = "notice-" + (ref == null ? clock.millis() : clean(ref));
    Map<String, Recipient> to = new LinkedHashMap<>();
    AlertingTerms a = t == null ? null : t.alerting();
    if (a == null || !Boolean.FALSE.equals(a.importantMessagesByEmail())) {
      registered(c, t).ifPresent(r -> to.put(r.key(), r));
    }
    AlertingTerms.EmergencyList erl = a == null ? null : a.emergencyList();
    if (erl != null
        && erl.notifyOn() != null
        && erl.notifyOn().contains(AlertingTerms.Event.NOTICE)) {
      contacts(c, t, true).forEach(r -> to.putIfAbsent(r.key(), r));
    }
    return send(
        c, to, "notice", Map.of("customer", c.name(), "title", title, "text", text), cause, actor);
  }

  /**
   * The notice after a security disconnect (ALR-5): to the registered e-mail and every contact in
   * the customer's master data, unless the contract switches it off.
   */
  @Transactional
  public Sent securityDisconnect(
      String customerId, String server, String reason, Instant at, String actor) {
    required("server", server);
    required("reason", reason);
    Customer c = customer(customerId);
    if (inventory.server(server).filter(s -> s.customer().equals(customerId)).isEmpty()) {
      throw new ApiErrors.InvalidInput(
          "/server", "customer " + customerId + " has no server " + server);
    }
    Instant since = at == null ? clock.instant() : at;
    // About one server: its covering contract says whether and how to tell (K-2).
    Terms t = terms(customerId, server, since);
    AlertingTerms a = t == null ? null : t.alerting();
    Map<String, Recipient> to = new LinkedHashMap<>();
    if (a == null || !Boolean.FALSE.equals(a.securityDisconnectNotice())) {
      registered(c, t).ifPresent(r -> to.put(r.key(), r));
      contacts(c, t, false).forEach(r -> to.putIfAbsent(r.key(), r));
    }
    return send(
        c,
        to,
        "security-disconnect",
        Map.of("customer", c.name(), "server", server, "since", since, "reason", reason),
        "disconnect-" + clean(server) + "-" + since.getEpochSecond(),
        actor);
  }

  /**
   * Planned maintenance ahead (MNT-11): to the registered e-mail and the emergency list, unless its
   * {@code notifyOn} leaves planned maintenance out. Once per maintenance and recipient.
   *
   * @param services the affected services, as the customer recognises them
   */
  @Transactional
  public Sent maintenancePlanned(
      String customerId,
      String maintenance,
      List<String> services,
      Instant from,
      Instant to,
      String description,
      String actor) {
    return maintenance(
        customerId,
        "maintenance-planned",
        "maintenance-",
        maintenance,
        services,
        from,
        to,
        Map.entry("description", description),
        actor);
  }

  /** Planned maintenance was called off: to those who were told it was coming. */
  @Transactional
  public Sent maintenanceCancelled(
      String customerId,
      String maintenance,
      List<String> services,
      Instant from,
      Instant to,
      String reason,
      String actor) {
    return maintenance(
        customerId,
        "maintenance-cancelled",
        "maintenance-cancelled-",
        maintenance,
        services,
        from,
        to,
        Map.entry("reason", reason),
        actor);
  }

  /**
   * The monthly SLA report ("SLA report delivery"): to the customer's registered e-mail, in its
   * language, with the report as PDF. Once per customer and month: the cause is {@code
   * sla-report-<customer>-<month>}, so asking again sends nothing new.
   *
   * @param month the month the report covers, e.g. {@code 2026-10}
   * @param summary the figures in a few lines, in the customer's language
   * @param pdf the report as PDF
   * @param link where the customer finds the report in the portal
   * @return whom it went to; no recipients when the customer has no registered e-mail
   */
  @Transactional
  public Sent slaReport(
      String customerId,
      java.time.YearMonth month,
      String summary,
      byte[] pdf,
      String link,
      String actor) {
    Customer c = customer(customerId);
    Terms t = terms(customerId);
    String cause = slaReportCause(customerId, month);
    Map<String, Recipient> to = new LinkedHashMap<>();
    registered(c, t).ifPresent(r -> to.put(r.key(), r));
    Attachment file =
        new Attachment(
            clean(customerId) + "-sla-" + month + ".pdf", "application/pdf", pdf.clone());
    return send(
        c,
        to,
        "sla-report",
        Map.of("customer", c.name(), "period", month.toString(), "summary", summary, "link", link),
        cause,
        actor,
        List.of(file));
  }

  /** Whether the month's report has been handed to the outbox for the customer. */
  public boolean slaReportSent(String customerId, java.time.YearMonth month) {
    return !notifications.forCause(slaReportCause(customerId, month)).isEmpty();
  }

  private static String slaReportCause(String customerId, java.time.YearMonth month) {
    return "sla-report-" + clean(customerId) + "-" + month;
  }

  /** A message about one maintenance, with the kind's own text under {@code extra}. */
  private Sent maintenance(
      String customerId,
      String template,
      String causePrefix,
      String maintenance,
      List<String> services,
      Instant from,
      Instant to,
      Map.Entry<String, String> extra,
      String actor) {
    Customer c = customer(customerId);
    Terms t = terms(customerId);
    return send(
        c,
        maintenanceRecipients(c, t),
        template,
        Map.of(
            "customer",
            c.name(),
            "start",
            from,
            "end",
            to,
            "services",
            String.join(", ", services),
            extra.getKey(),
            extra.getValue()),
        causePrefix + clean(maintenance),
        actor);
  }

  private static Map<String, Recipient> maintenanceRecipients(Customer c, Terms t) {
    Map<String, Recipient> to = new LinkedHashMap<>();
    AlertingTerms a = t == null ? null : t.alerting();
    if (a == null || !Boolean.FALSE.equals(a.importantMessagesByEmail())) {
      registered(c, t).ifPresent(r -> to.put(r.key(), r));
    }
    for (Recipient r : EmergencyRecipients.of(c, t, AlertingTerms.Event.PLANNED_MAINTENANCE)) {
      to.putIfAbsent(r.key(), r);
    }
    return to;
  }

  private Sent send(
      Customer c,
      Map<String, Recipient> to,
      String template,
      Map<String, ?> values,
      String cause,
      String actor) {
    return send(c, to, template, values, cause, actor, List.of());
  }

  private Sent send(
      Customer c,
      Map<String, Recipient> to,
      String template,
      Map<String, ?> values,
      String cause,
      String actor,
      List<Attachment> files) {
    for (Recipient r : to.values()) {
      notifications.enqueue(
          new NotificationRequest(r, template, values, cause, c.id(), provider(c.id()), files));
    }
    List<String> recipients = List.copyOf(to.keySet());
    audit.record(
        actor,
        "send",
        "notice",
        cause,
        c.id(),
        null,
        Map.of("template", template, "recipients", recipients));
    return new Sent(cause, recipients);
  }

  private Customer customer(String id) {
    return inventory.customer(id).orElseThrow(() -> new ApiErrors.NotFound("customer " + id));
  }

  /** The provider serving the customer, whose own templates apply. */
  private String provider(String customer) {
    return coverage.ofCustomer(customer, clock.instant()).provider();
  }

  /**
   * The terms a message to the customer as a whole goes by: of the contracts running on the
   * customer's local day now (its provider's zone, by the injected clock; issue 18), the first that
   * sets alerting, else the first. A notice is about the customer, not one service, so no single
   * contract covers it; the one that says how to alert is the one that says how to tell.
   */
  private Terms terms(String customer) {
    List<Terms> all =
        coverage.ofCustomer(customer, clock.instant()).contracts().stream()
            .map(ResolvedTerms::terms)
            .toList();
    return all.stream()
        .filter(t -> t.alerting() != null)
        .findFirst()
        .orElse(all.isEmpty() ? null : all.getFirst());
  }

  /**
   * The terms a message about one server goes by: those of the contract covering it at {@code at};
   * the customer's (see {@link #terms(String)}) when no contract covers it.
   */
  private Terms terms(String customer, String server, Instant at) {
    if (coverage.ofCustomer(customer, at).contracts().isEmpty()) {
      return null; // no contract runs that day
    }
    Coverage c = coverage.at(Subject.server(server), at);
    return c.terms() != null ? c.terms().terms() : terms(customer);
  }

  private static java.util.Optional<Recipient> registered(Customer c, Terms t) {
    if (c.email() == null) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(
        new Recipient(ChannelKind.EMAIL, c.email(), language(c, t), zone(t)));
  }

  private static List<Recipient> contacts(Customer c, Terms t, boolean emergencyOnly) {
    List<Recipient> out = new ArrayList<>();
    for (Contact contact : c.contacts() == null ? List.<Contact>of() : c.contacts()) {
      if (!emergencyOnly || Boolean.TRUE.equals(contact.emergency())) {
        out.add(Recipient.email(contact, language(c, t), zone(t)));
      }
    }
    return out;
  }

  private static Language language(Customer c, Terms t) {
    return EmergencyRecipients.language(c, t);
  }

  private static ZoneId zone(Terms t) {
    return EmergencyRecipients.zone(t);
  }

  private static void required(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new ApiErrors.InvalidInput("/" + field, "is required");
    }
  }

  /** A reference made safe for a cause: letters, digits, dot, dash, underscore. */
  private static String clean(String ref) {
    String s = ref.replaceAll("[^A-Za-z0-9._-]", "-");
    return s.length() > 80 ? s.substring(0, 80) : s;
  }
}
