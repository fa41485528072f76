package dev.vakt.outage;

import dev.vakt.access.Tenancy;
import dev.vakt.audit.AuditLog;
import dev.vakt.common.ApiErrors;
import dev.vakt.contract.OutageCategory;
import dev.vakt.contract.ResolvedTerms;
import dev.vakt.inventory.InventoryService;
import dev.vakt.inventory.Service;
import dev.vakt.monitoring.MonitoringLedger;
import dev.vakt.sla.SlaCalculator;
import dev.vakt.sla.SlaEvent;
import dev.vakt.sla.SlaReport;
import dev.vakt.sla.SlaRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.transaction.annotation.Transactional;

/**
 * Outages and SLA reports of a customer (SLA-1 to SLA-12): records what people add to the ledger
 * (fault reports, reclassifications, periods, actions), each audited, and computes reports with the
 * same calculator as {@code vakt sla}, from the same events a customer can export.
 */
@org.springframework.stereotype.Service
public class OutageService {

  private final OutageRecords records;
  private final MonitoringLedger monitoring;
  private final InventoryService inventory;
  private final ReportContracts reportContracts;
  private final AuditLog audit;
  private final Clock clock;
  private final Tenancy tenancy;

  OutageService(
      OutageRecords records,
      MonitoringLedger monitoring,
      InventoryService inventory,
      ReportContracts reportContracts,
      AuditLog audit,
      Clock clock,
      Tenancy tenancy) {
    this.tenancy = tenancy;
    this.records = records;
    this.monitoring = monitoring;
    this.inventory = inventory;
    this.reportContracts = reportContracts;
    this.audit = audit;
    this.clock = clock;
  }

  /** A customer reports a fault: downtime counts from now, when it was received (SLA-1). */
  @Transactional
  public SlaEvent.Report reportFault(String customer, String service, String reason, String actor) {
    tenancy.requireCustomer(customer);
    requireService(customer, service);
    SlaEvent.Report report =
        new SlaEvent.Report(
            "r-" + UUID.randomUUID().toString().substring(0, 8), service, now(), null, reason);
    add(customer, report.id(), report, actor, "report-fault");
    return report;
  }

  /** The fault of a report is fixed: its downtime ends now. */
  @Transactional
  public SlaEvent.Report fixReport(String customer, String reportId, String actor) {
    tenancy.requireCustomer(customer);
    SlaEvent.Report open =
        records.all(customer).stream()
            .filter(r -> reportId.equals(r.ref()) && r.event() instanceof SlaEvent.Report)
            .map(r -> (SlaEvent.Report) r.event())
            .reduce((a, b) -> b)
            .orElseThrow(() -> new ApiErrors.NotFound("report " + reportId));
    if (open.fixedAt() != null) {
      throw new ApiErrors.Conflict("report " + reportId + " was fixed at " + open.fixedAt());
    }
    SlaEvent.Report fixed =
        new SlaEvent.Report(open.id(), open.service(), open.at(), now(), open.reason());
    add(customer, reportId, fixed, actor, "fix-report");
    return fixed;
  }

  /** Staff reclassify a service's down time in {@code [from, to)}, with a reason (SLA-2, SLA-3). */
  @Transactional
  public SlaEvent.Reclassify reclassify(
      String customer,
      String service,
      Instant from,
      Instant to,
      OutageCategory category,
      String reason,
      String actor) {
    requireService(customer, service);
    var event = new SlaEvent.Reclassify(service, from, to, category, reason, actor, now());
    add(customer, null, event, actor, "reclassify");
    return event;
  }

  /** A period of lost access, planned maintenance or another category, for some services. */
  @Transactional
  public SlaEvent recordPeriod(String customer, SlaEvent period, String actor) {
    return recordPeriod(customer, period, null, actor);
  }

  /**
   * A period recorded under the caller's {@code ref}: recording again under the same ref replaces
   * it (a rescheduled maintenance), and {@link #withdraw} removes it (a cancelled one).
   */
  @Transactional
  public SlaEvent recordPeriod(String customer, SlaEvent period, String ref, String actor) {
    List<String> services =
        switch (period) {
          case SlaEvent.AccessLost a -> a.services();
          case SlaEvent.Classified c -> c.services();
          case SlaEvent.Maintenance m -> m.services();
          default ->
              throw new ApiErrors.InvalidInput(
                  "type", "a period is access-lost, period or maintenance");
        };
    services.forEach(s -> requireService(customer, s));
    add(customer, ref, period, actor, "record-period");
    return period;
  }

  /**
   * Withdraws the period recorded under {@code ref}: from now on the ledger reads as if it had not
   * been recorded, and the history shows both. Audited.
   */
  @Transactional
  public void withdraw(String customer, String ref, String actor) {
    inventory.customer(customer).orElseThrow(() -> new ApiErrors.NotFound("customer " + customer));
    long seq = records.withdraw(customer, ref, actor);
    audit.record(
        actor, "withdraw", "sla-record", Long.toString(seq), customer, null, Map.of("ref", ref));
  }

  /**
   * The planned maintenance recorded for {@code service} that covers {@code at}, if any: alerting
   * stays quiet during it, and the SLA counts its down time as planned (SLA-3).
   */
  @Transactional(readOnly = true)
  public java.util.Optional<SlaEvent.Maintenance> plannedMaintenance(
      String customer, String service, Instant at) {
    return CustomerLedger.consolidated(records.all(customer)).stream()
        .filter(e -> e instanceof SlaEvent.Maintenance)
        .map(e -> (SlaEvent.Maintenance) e)
        .filter(m -> m.services().contains(service))
        .filter(m -> !at.isBefore(m.from()) && at.isBefore(m.to()))
        .findFirst();
  }

  /** Staff acknowledged a fault or started troubleshooting (ALR-4). */
  @Transactional
  public SlaEvent.Action action(
      String customer, String service, SlaEvent.ActionKind kind, String actor) {
    requireService(customer, service);
    var event = new SlaEvent.Action(service, now(), kind, actor);
    add(customer, null, event, actor, "action");
    return event;
  }

  /**
   * The customer's ledger for {@code [from, to)}: what {@code vakt sla --events} reads. State
   * before {@code from} is included as each service's last change before it.
   */
  public List<SlaEvent> events(String customer, Instant from, Instant to) {
    tenancy.requireCustomer(customer);
    List<Service> services = services(customer);
    List<String> ids = services.stream().map(Service::id).toList();
    List<String> access =
        services.stream()
            .map(Service::server)
            .distinct()
            .map(MonitoringLedger::accessCheck)
            .toList();
    List<SlaEvent> events =
        new java.util.ArrayList<>(
            CustomerLedger.events(
                services,
                monitoring.changes(ids, from, to),
                monitoring.gaps(from, to),
                records.all(customer)));
    events.addAll(CustomerLedger.accessLost(services, monitoring.changes(access, from, to)));
    return events;
  }

  /** Every record people added, oldest first, with who and when: the history of changes. */
  public List<HistoryEntry> history(String customer) {
    tenancy.requireCustomer(customer);
    inventory.customer(customer).orElseThrow(() -> new ApiErrors.NotFound("customer " + customer));
    return records.all(customer).stream()
        .map(r -> new HistoryEntry(r.seq(), r.recordedAt(), r.by(), r.ref(), r.event()))
        .toList();
  }

  /**
   * One added record: when, by whom, under which ref, what; {@code event} is null for a record that
   * withdrew its ref.
   */
  public record HistoryEntry(long seq, Instant at, String by, String ref, SlaEvent event) {}

  /**
   * The SLA report of a customer for whole days {@code [from, to)} in the contract's time zone,
   * under the terms that applied on the last day (issue 18: the contract is the one coverage names
   * for that day, never a pick of the engine's own).
   *
   * <ul>
   *   <li>{@code service} given: the contract covering that service on the last day.
   *   <li>{@code contract} given: that contract, over the services it covers that day.
   *   <li>neither: the contract covering the customer's services that day; when its services are
   *       covered by several contracts, the caller names one ({@code contract=}): one report
   *       measures against one contract's targets and period.
   * </ul>
   *
   * @param contract which contract, when the customer's services are under more than one
   * @param service one service only, or all of the customer's when null
   */
  public SlaReport report(
      String customer, LocalDate from, LocalDate to, String contract, String service) {
    tenancy.requireCustomer(customer);
    requireCustomer(customer);
    LocalDate last = to.minusDays(1);
    ReportContracts.Governed g =
        service != null
            ? reportContracts.forService(
                customer, requireService(customer, service), last, contract)
            : reportContracts.forCustomer(customer, services(customer), last, contract);
    ResolvedTerms terms = g.terms();
    List<String> ids = g.services();
    if (ids.isEmpty()) {
      throw new ApiErrors.Conflict("customer " + customer + " has no services to report on");
    }
    Instant start = from.atStartOfDay(ReportContracts.zone(terms)).toInstant();
    Instant end = to.atStartOfDay(ReportContracts.zone(terms)).toInstant();
    List<SlaEvent> events = events(customer, start, end);
    return SlaCalculator.report(
        SlaRequest.ofDates(terms.terms(), ids, events, from, to, now())
            .withPublicHolidays()
            .withLabels(customer, terms.contract()));
  }

  /**
   * The report over the last {@code days} whole days of the contract's zone, today included (it
   * runs until now): what the portal's uptime bars are cut from. Today is the contract's local day
   * by the injected clock (coverage), never UTC's.
   */
  public SlaReport lastDays(String customer, int days, String contract) {
    tenancy.requireCustomer(customer);
    requireCustomer(customer);
    ZoneId zone = reportContracts.zoneNow(customer, services(customer), contract);
    LocalDate to = LocalDate.ofInstant(now(), zone).plusDays(1);
    return report(customer, to.minusDays(days), to, contract, null);
  }

  /** The customer's local day now, in its provider's zone, by the injected clock. */
  LocalDate today(String customer) {
    return reportContracts.today(customer);
  }

  private List<Service> services(String customer) {
    requireCustomer(customer);
    return inventory.services(customer);
  }

  private void requireCustomer(String customer) {
    inventory.customer(customer).orElseThrow(() -> new ApiErrors.NotFound("customer " + customer));
  }

  /** The service, if it is this customer's: another customer's service is "not found" (DPA-4). */
  private Service requireService(String customer, String service) {
    Set<String> own = services(customer).stream().map(Service::id).collect(Collectors.toSet());
    if (!own.contains(service)) {
      throw new ApiErrors.NotFound("service " + service + " of customer " + customer);
    }
    return inventory.service(service).orElseThrow();
  }

  private void add(String customer, String ref, SlaEvent event, String actor, String action) {
    long seq = records.append(customer, ref, event, actor);
    audit.record(actor, action, "sla-record", Long.toString(seq), customer, null, event);
  }

  private Instant now() {
    return clock.instant();
  }
}
