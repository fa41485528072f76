package dev.vakt.maintenance.planning;

import dev.vakt.access.Tenancy;
import dev.vakt.audit.AuditLog;
import dev.vakt.common.ApiErrors;
import dev.vakt.contract.MaintenanceTerms;
import dev.vakt.inventory.InventoryService;
import dev.vakt.maintenance.MaintenanceCancelled;
import dev.vakt.maintenance.MaintenancePlanned;
import dev.vakt.outage.OutageService;
import dev.vakt.sla.SlaEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.annotation.Transactional;

/**
 * Plans and cancels maintenance (MNT-1 to MNT-3, MNT-11, SLA-3; docs/maintenance-windows.md).
 *
 * <p>Planning checks the work against the windows of the contract covering each affected service
 * ({@link AffectedContracts}) and refuses it, naming each contract's reasons, unless staff give an
 * override with a reason. What is planned becomes a planned-maintenance period in each customer's
 * SLA ledger (so down time inside it is planned and down time after its end counts), and {@link
 * MaintenancePlanned} tells alerting to notify the customers. Everything is audited.
 */
@org.springframework.stereotype.Service
public class MaintenancePlanner {

  private final PlannedMaintenanceStore store;
  private final InventoryService inventory;
  private final AffectedContracts contracts;
  private final OutageService outages;
  private final AuditLog audit;
  private final ApplicationEventPublisher events;
  private final Clock clock;
  private final Tenancy tenancy;

  MaintenancePlanner(
      PlannedMaintenanceStore store,
      InventoryService inventory,
      AffectedContracts contracts,
      OutageService outages,
      AuditLog audit,
      ApplicationEventPublisher events,
      Clock clock,
      Tenancy tenancy) {
    this.tenancy = tenancy;
    this.store = store;
    this.inventory = inventory;
    this.contracts = contracts;
    this.outages = outages;
    this.audit = audit;
    this.events = events;
    this.clock = clock;
  }

  /**
   * Work to plan.
   *
   * @param servers every service on these servers is affected
   * @param services these services are affected too
   * @param purpose a window purpose code ({@code security-updates}, {@code updates}, {@code
   *     changes}, {@code backup}, {@code hardware}); null for any
   * @param override why the work is planned although a contract's windows refuse it; null to let
   *     the windows decide
   */
  public record Request(
      String title,
      String description,
      String purpose,
      Instant from,
      Instant to,
      List<String> servers,
      List<String> services,
      String reference,
      String assignee,
      String override) {}

  /** How every affected contract judges the work, without planning it. */
  @Transactional(readOnly = true)
  public List<ContractCheck> check(Request r) {
    return checks(affected(r), r, clock.instant());
  }

  /**
   * Plans the work.
   *
   * @throws ApiErrors.Conflict naming every contract's reasons when a contract's windows refuse it
   *     and no override is given
   */
  @Transactional
  public PlannedMaintenance plan(Request r, String actor) {
    Instant now = clock.instant();
    Map<String, List<String>> services = affected(r);
    List<ContractCheck> checks = checks(services, r, now);
    List<String> refusals =
        checks.stream()
            .filter(c -> !c.fits())
            .flatMap(c -> c.reasons().stream().map(reason -> label(c) + ": " + reason))
            .toList();
    boolean override = r.override() != null && !r.override().isBlank();
    if (!refusals.isEmpty() && !override) {
      throw new ApiErrors.Conflict(
          "the work lies outside what "
              + checks.stream().filter(c -> !c.fits()).count()
              + " affected contract(s) allow; plan it at another time or give an override"
              + " with a reason",
          refusals);
    }
    PlannedMaintenance m =
        new PlannedMaintenance(
            "mnt-" + UUID.randomUUID().toString().substring(0, 8),
            r.title(),
            r.description(),
            purpose(r.purpose()),
            r.from(),
            r.to(),
            r.reference(),
            r.assignee(),
            services,
            checks,
            refusals.isEmpty() ? null : r.override().strip(),
            PlannedMaintenance.State.PLANNED,
            null,
            now,
            actor,
            now);
    store.insert(m);
    // Staff's trail holds the whole plan; each customer's holds only its own part (DPA-4), since
    // customers read their audit trail and a plan may span customers.
    audit.record(actor, "plan", "maintenance", m.id(), null, null, m);
    m.services()
        .forEach(
            (customer, ids) -> {
              outages.recordPeriod(customer, period(m, ids, m.to()), ledgerRef(m), actor);
              audit.record(
                  actor,
                  "plan",
                  "maintenance",
                  m.id(),
                  customer,
                  null,
                  CustomerMaintenance.of(m, customer));
              if (m.to().isAfter(now)) {
                events.publishEvent(
                    new MaintenancePlanned(
                        m.id(), customer, ids, m.from(), m.to(), m.title(), m.description()));
              }
            });
    return m;
  }

  /**
   * Cancels planned work. Work not yet started leaves the SLA ledger; work under way is cut short
   * at now, so down time until now stays planned and down time after it counts.
   */
  @Transactional
  public PlannedMaintenance cancel(String id, String reason, String actor) {
    if (reason == null || reason.isBlank()) {
      throw new ApiErrors.InvalidInput("/reason", "is required");
    }
    PlannedMaintenance before = find(id);
    Instant now = clock.instant();
    if (before.state() == PlannedMaintenance.State.CANCELLED) {
      throw new ApiErrors.Conflict("maintenance " + id + " was cancelled at " + before.changedAt());
    }
    if (!before.to().isAfter(now)) {
      throw new ApiErrors.Conflict("maintenance " + id + " ended at " + before.to());
    }
    PlannedMaintenance after = before.cancelled(reason.strip(), now);
    if (!store.cancel(after)) {
      throw new ApiErrors.Conflict("maintenance " + id + " was cancelled meanwhile");
    }
    audit.record(actor, "cancel", "maintenance", id, null, before, after);
    after
        .services()
        .forEach(
            (customer, ids) -> {
              if (now.isAfter(after.from())) {
                outages.recordPeriod(customer, period(after, ids, now), ledgerRef(after), actor);
              } else {
                outages.withdraw(customer, ledgerRef(after), actor);
              }
              audit.record(
                  actor,
                  "cancel",
                  "maintenance",
                  id,
                  customer,
                  CustomerMaintenance.of(before, customer),
                  CustomerMaintenance.of(after, customer));
              events.publishEvent(
                  new MaintenanceCancelled(
                      id, customer, ids, after.from(), after.to(), after.title(), reason.strip()));
            });
    return after;
  }

  /** One maintenance. */
  @Transactional(readOnly = true)
  public PlannedMaintenance find(String id) {
    return store.find(id).orElseThrow(() -> new ApiErrors.NotFound("maintenance " + id));
  }

  /** The maintenance of one customer: another customer's is never listed (DPA-4). */
  @Transactional(readOnly = true)
  public Optional<PlannedMaintenance> findOf(String customer, String id) {
    tenancy.requireCustomer(customer);
    return store.find(id).filter(m -> m.services().containsKey(customer));
  }

  /**
   * Maintenance overlapping {@code [from, to)}, optionally of one customer or one technician.
   *
   * @throws ApiErrors.NotFound for an unknown customer
   */
  @Transactional(readOnly = true)
  public List<PlannedMaintenance> list(
      Instant from, Instant to, String requested, String assignee) {
    if (requested != null) {
      tenancy.requireCustomer(requested);
    }
    // A customer's user lists its own customer's maintenance, whatever it asked for (DPA-4).
    String customer = requested != null ? requested : tenancy.onlyCustomer().orElse(null);
    if (customer != null && inventory.customer(customer).isEmpty()) {
      throw new ApiErrors.NotFound("customer " + customer);
    }
    return store.overlapping(from, to, customer, assignee);
  }

  /** The services affected, per customer ({@link AffectedContracts#services}). */
  private Map<String, List<String>> affected(Request r) {
    if (r.from() == null || r.to() == null || !r.to().isAfter(r.from())) {
      throw new ApiErrors.InvalidInput("/to", "'from' and 'to' are required, 'to' after 'from'");
    }
    purpose(r.purpose());
    return contracts.services(r);
  }

  /** The verdicts of the contracts governing the affected services ({@link AffectedContracts}). */
  private List<ContractCheck> checks(Map<String, List<String>> services, Request r, Instant now) {
    return contracts.checks(services, r.from(), r.to(), purpose(r.purpose()), now);
  }

  private static MaintenanceTerms.Purpose purpose(String code) {
    if (code == null || code.isBlank()) {
      return null;
    }
    return Arrays.stream(MaintenanceTerms.Purpose.values())
        .filter(p -> p.code().equals(code))
        .findFirst()
        .orElseThrow(
            () ->
                new ApiErrors.InvalidInput(
                    "/purpose",
                    "unknown purpose '"
                        + code
                        + "'; one of "
                        + String.join(
                            ", ",
                            Arrays.stream(MaintenanceTerms.Purpose.values())
                                .map(MaintenanceTerms.Purpose::code)
                                .toList())));
  }

  private static SlaEvent.Maintenance period(PlannedMaintenance m, List<String> ids, Instant to) {
    return new SlaEvent.Maintenance(
        m.id(), ids, m.from(), to, m.reference() == null ? m.title() : m.reference());
  }

  /** The ref under which a maintenance's period is recorded in a customer's SLA ledger. */
  static String ledgerRef(PlannedMaintenance m) {
    return "maintenance:" + m.id();
  }

  private static String label(ContractCheck c) {
    return c.contract() == null ? c.customer() : "contract " + c.contract();
  }
}
