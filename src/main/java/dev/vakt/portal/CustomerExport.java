package dev.vakt.portal;

import dev.vakt.access.Tenancy;
import dev.vakt.alerting.Notifications;
import dev.vakt.audit.AuditLog;
import dev.vakt.common.ApiErrors;
import dev.vakt.common.Binder;
import dev.vakt.common.CustomerRedaction;
import dev.vakt.coverage.CoverageService;
import dev.vakt.inventory.Contact;
import dev.vakt.inventory.Customer;
import dev.vakt.inventory.InventoryService;
import dev.vakt.maintenance.CustomerMaintenanceRecords;
import dev.vakt.outage.OutageService;
import dev.vakt.sla.SlaEvents;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * All the data Vakt holds about one customer, as a ZIP of JSON and JSON Lines files (DPA-5; the
 * files are listed in docs/portal.md and in the archive's {@code README.txt}). Access paths and
 * secrets are never part of it (the one rule of {@link CustomerRedaction}, F11): no server access
 * (SSH user, key reference, console password), no cluster API token, no service check credentials,
 * and audit entries lose the same fields; audited maintenance, which spans customers, shows as the
 * customer sees it. Every export is audited: who exported which customer's data, when, and which
 * files.
 */
@Service
public class CustomerExport {

  private final Tenancy tenancy;
  private final InventoryService inventory;
  private final CoverageService coverage;
  private final OutageService outages;
  private final CustomerMaintenanceRecords maintenance;
  private final AuditLog audit;
  private final Notifications notifications;
  private final Clock clock;

  CustomerExport(
      Tenancy tenancy,
      InventoryService inventory,
      CoverageService coverage,
      OutageService outages,
      CustomerMaintenanceRecords maintenance,
      AuditLog audit,
      Notifications notifications,
      Clock clock) {
    this.tenancy = tenancy;
    this.inventory = inventory;
    this.coverage = coverage;
    this.outages = outages;
    this.maintenance = maintenance;
    this.audit = audit;
    this.notifications = notifications;
    this.clock = clock;
  }

  /** One file of the archive: its name and what it holds, for the README. */
  record Part(String name, String description, byte[] content) {}

  /**
   * The archive of {@code customerId}'s data, audited as exported by {@code actor}.
   *
   * @throws ApiErrors.NotFound for an unknown customer or another customer's (DPA-4)
   */
  public byte[] export(String customerId, String actor) {
    return export(customerId, actor, clock.instant());
  }

  /** The archive as of {@code now} (tests: a chosen instant). */
  byte[] export(String customerId, String actor, Instant now) {
    tenancy.requireCustomer(customerId);
    Customer customer =
        inventory
            .customer(customerId)
            .orElseThrow(() -> new ApiErrors.NotFound("customer " + customerId));
    List<Part> parts = new ArrayList<>();
    parts.add(json("customer.json", "master data and contacts", redacted(customer)));
    parts.add(
        json(
            "clusters.json",
            "Proxmox VE clusters, without API tokens",
            redacted(inventory.clusters(customerId))));
    parts.add(
        json(
            "servers.json",
            "servers, without access paths or credentials",
            redacted(inventory.servers(customerId))));
    parts.add(
        json(
            "services.json",
            "services, without check credentials",
            redacted(inventory.services(customerId))));
    parts.add(
        json(
            "contracts.json",
            "the terms of the contracts running today (the customer's local day), with the"
                + " documents they come from",
            // Today in the contract's zone, not UTC's: a terms version effective on a day is in
            // the export from local midnight (K-1).
            coverage.ofCustomer(customerId, now).contracts()));
    parts.add(
        new Part(
            "sla-events.jsonl",
            "the SLA ledger for all time, as /sla/events writes it: `vakt sla --events` reads it",
            slaEvents(customerId, now)));
    parts.add(
        json(
            "sla-history.json",
            "every change people made to the SLA ledger: who, when, what",
            outages.history(customerId)));
    parts.add(
        json(
            "maintenance.json",
            "planned maintenance, past and future, as the customer sees it",
            maintenance.maintenance(customerId)));
    parts.add(
        json(
            "patch-postponements.json",
            "postponed updates with the risk accepted (MNT-6)",
            maintenance.postponements(customerId)));
    parts.add(
        new Part(
            "audit.jsonl",
            "the customer's audit trail, one entry a line, oldest first",
            auditTrail(customerId)));
    parts.add(
        json(
            "notifications.json",
            "messages sent to the customer's addresses: recipient, kind, subject, time, state",
            notifications.sentTo(customerId, recipients(customer))));

    List<String> names = parts.stream().map(Part::name).toList();
    audit.record(
        actor,
        "export",
        "customer-data",
        customerId,
        customerId,
        null,
        Map.of("files", names, "at", now.toString()));
    return zip(customerId, now, parts);
  }

  /** The customer's own addresses: messages to anyone else (staff) are not the customer's. */
  private static Set<String> recipients(Customer c) {
    Set<String> out = new LinkedHashSet<>();
    if (c.email() != null) {
      out.add(c.email());
    }
    if (c.webhook() != null) {
      out.add(c.webhook());
    }
    for (Contact contact : c.contacts()) {
      out.add(contact.email());
      if (contact.phone() != null) {
        out.add(contact.phone());
        out.add(contact.phone().replace(" ", ""));
      }
    }
    return out;
  }

  private byte[] slaEvents(String customerId, Instant now) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (Writer w = new OutputStreamWriter(bytes, StandardCharsets.UTF_8)) {
      SlaEvents.write(outages.events(customerId, Instant.EPOCH, now), w);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private byte[] auditTrail(String customerId) {
    StringBuilder out = new StringBuilder();
    audit.ofCustomer(
        customerId,
        e -> {
          AuditLog.Entry shown =
              "maintenance".equals(e.entity())
                  ? new AuditLog.Entry(
                      e.seq(),
                      e.at(),
                      e.actor(),
                      e.action(),
                      e.entity(),
                      e.entityId(),
                      e.customerId(),
                      maintenance.asCustomerSees(e.before(), customerId),
                      maintenance.asCustomerSees(e.after(), customerId))
                  : e;
          out.append(Binder.MAPPER.writeValueAsString(redact(Binder.MAPPER.valueToTree(shown))))
              .append('\n');
        });
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static Part json(String name, String description, Object value) {
    return new Part(
        name, description, Binder.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(value));
  }

  /** Access paths and secrets left out by the one rule of what customers see (F11). */
  private static JsonNode redacted(Object value) {
    return CustomerRedaction.redacted(value);
  }

  private static JsonNode redact(JsonNode node) {
    return CustomerRedaction.redact(node);
  }

  private static byte[] zip(String customerId, Instant now, List<Part> parts) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
      Map<String, byte[]> files = new LinkedHashMap<>();
      StringBuilder readme =
          new StringBuilder(
              "All data Vakt holds about customer "
                  + customerId
                  + ", exported at "
                  + now
                  + " (DPA-5).\nAccess paths, credentials and references to secrets are left out.\n\n");
      parts.forEach(p -> readme.append(p.name()).append(": ").append(p.description()).append('\n'));
      files.put("README.txt", readme.toString().getBytes(StandardCharsets.UTF_8));
      parts.forEach(p -> files.put(p.name(), p.content()));
      for (var f : files.entrySet()) {
        zip.putNextEntry(new ZipEntry(customerId + "/" + f.getKey()));
        zip.write(f.getValue());
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
