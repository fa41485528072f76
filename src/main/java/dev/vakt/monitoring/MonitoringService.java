package dev.vakt.monitoring;

import dev.vakt.contract.ContractService;
import dev.vakt.contract.ResolvedTerms;
import dev.vakt.contract.Terms;
import dev.vakt.inventory.Customer;
import dev.vakt.inventory.InventoryService;
import dev.vakt.inventory.Server;
import dev.vakt.inventory.Service;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The monitoring engine's API (MON-1, MON-6, MON-7): keeps one scheduled check per watched service,
 * in step with the inventory and the contracts, and stores results in the ledger.
 */
@org.springframework.stereotype.Service
public class MonitoringService {

  private static final Logger log = LoggerFactory.getLogger(MonitoringService.class);

  private final InventoryService inventory;
  private final ContractService contracts;
  private final MonitoringProperties properties;
  private final JdbcClient jdbc;
  private final JdbcTemplate batchJdbc;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final MeterRegistry meters;
  private final Function<CheckSpec, CheckResult> runner;
  private final ApplicationEventPublisher events;
  private final Map<String, ServiceChecks.Plan> plans = new ConcurrentHashMap<>();
  private volatile Map<String, String> parents = Map.of();
  private volatile CheckScheduler scheduler;
  private volatile LedgerWriter writer;

  MonitoringService(
      InventoryService inventory,
      ContractService contracts,
      MonitoringProperties properties,
      JdbcClient jdbc,
      JdbcTemplate batchJdbc,
      TransactionTemplate tx,
      Clock clock,
      MeterRegistry meters,
      ProbeRunner runner,
      ApplicationEventPublisher events) {
    this.events = events;
    this.inventory = inventory;
    this.contracts = contracts;
    this.properties = properties;
    this.jdbc = jdbc;
    this.batchJdbc = batchJdbc;
    this.tx = tx;
    this.clock = clock;
    this.meters = meters;
    this.runner = runner;
  }

  @EventListener(ApplicationReadyEvent.class)
  void start() {
    if (!properties.enabled()) {
      log.info("Monitoring is switched off (vakt.monitoring.enabled=false)");
      return;
    }
    writer =
        new LedgerWriter(jdbc, batchJdbc, tx, clock, properties.resultBuffer(), meters, events);
    scheduler =
        new CheckScheduler(
            runner,
            StateMachine.standard(),
            this::onResult,
            properties.maxConcurrentChecks(),
            properties.perHostConcurrency(),
            clock,
            meters);
    sync();
    restore();
    scheduler.start();
    log.info(
        "Monitoring {} service(s); targets allowed: {}",
        scheduler.serviceIds().size(),
        properties.allowedTargets());
  }

  /**
   * Stores the result, and when a service starts failing (its first failed attempt, or a hard
   * failure) checks its parent at once (issue 32): a server that is down is then known as down
   * together with its services, so alerting can tell one incident, not one per service.
   */
  private void onResult(
      CheckScheduler.Job job, CheckResult result, StateMachine.Step step, ServiceStatus before) {
    writer.onResult(job, result, step, before);
    boolean startsFailing =
        result.state() != CheckState.OK
            && (step.softChange()
                || (step.hardChange()
                    && (before.current() == null || before.current() == CheckState.OK)));
    String parent = parents.get(job.serviceId());
    CheckScheduler s = scheduler;
    if (startsFailing && parent != null && s != null) {
      s.runNow(parent);
    }
  }

  /** Checks a service at once (tests, and a technician's "check now"). */
  void checkNow(String serviceId) {
    CheckScheduler s = scheduler;
    if (s != null) {
      s.runNow(serviceId);
    }
  }

  /** Brings the scheduled checks in line with the inventory and today's terms. */
  @Scheduled(
      fixedDelayString = "${vakt.monitoring.inventory-sync:30s}",
      initialDelayString = "${vakt.monitoring.inventory-sync:30s}")
  public void sync() {
    CheckScheduler s = scheduler;
    if (s == null) {
      return;
    }
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    Map<String, Server> servers =
        inventory.servers(null).stream().collect(Collectors.toMap(Server::id, x -> x));
    Map<String, Terms> termsByCustomer = new HashMap<>();
    for (Customer c : inventory.customers()) {
      termsByCustomer.put(c.id(), monitoringTerms(contracts.termsFor(c.id(), today)));
    }
    Map<String, ServiceChecks.Plan> fresh = new HashMap<>();
    List<Service> services = inventory.services(null);
    parents = Map.copyOf(dev.vakt.inventory.Dependencies.parents(servers.values(), services));
    for (Service service : services) {
      Server server = servers.get(service.server());
      if (server == null) {
        continue;
      }
      fresh.put(
          service.id(),
          ServiceChecks.plan(service, server, termsByCustomer.get(server.customer())));
    }
    Map<String, dev.vakt.inventory.Cluster> clusters =
        inventory.clusters(null).stream()
            .collect(Collectors.toMap(dev.vakt.inventory.Cluster::id, x -> x));
    for (Server server : servers.values()) {
      fresh.putAll(
          HostChecks.plan(
              server,
              server.cluster() == null ? null : clusters.get(server.cluster()),
              termsByCustomer.get(server.customer()),
              properties));
    }
    fresh.forEach(
        (id, plan) -> {
          if (plan instanceof ServiceChecks.Plan.Checked c) {
            s.upsert(c.job());
          } else {
            s.remove(id);
          }
        });
    s.serviceIds().stream().filter(id -> !fresh.containsKey(id)).forEach(s::remove);
    plans.keySet().retainAll(fresh.keySet());
    plans.putAll(fresh);
  }

  /** A customer may have several contracts; the first that sets monitoring governs its services. */
  private static Terms monitoringTerms(List<ResolvedTerms> resolved) {
    return resolved.stream()
        .map(ResolvedTerms::terms)
        .filter(t -> t.monitoring() != null)
        .findFirst()
        .orElse(null);
  }

  /**
   * After a restart, services continue from their stored status: no false "new" hard changes; a
   * failure being confirmed continues with its stored attempt count at its stored next check time.
   */
  private void restore() {
    jdbc.sql(
            "select service_id, hard, hard_since, current, attempt, flapping, next_check_at"
                + " from service_status")
        .query(
            (rs, i) -> {
              String hard = rs.getString(2);
              String current = rs.getString(4);
              java.sql.Timestamp since = rs.getTimestamp(3);
              scheduler.restore(
                  rs.getString(1),
                  new ServiceStatus(
                      hard == null
                          ? null
                          : CheckState.valueOf(hard.toUpperCase(java.util.Locale.ROOT)),
                      since == null ? null : since.toInstant(),
                      current == null
                          ? null
                          : CheckState.valueOf(current.toUpperCase(java.util.Locale.ROOT)),
                      rs.getInt(5),
                      rs.getBoolean(6),
                      List.of()),
                  rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant());
              return null;
            })
        .list();
  }

  /** Why a service is or is not checked, by service id. */
  public Map<String, String> coverage() {
    Map<String, String> out = new java.util.TreeMap<>();
    plans.forEach((id, plan) -> out.put(id, describe(plan)));
    return out;
  }

  /** Why one service is or is not checked; null while monitoring has not planned it. */
  String coverage(String serviceId) {
    ServiceChecks.Plan plan = plans.get(serviceId);
    return plan == null ? null : describe(plan);
  }

  /** Whether monitoring checks the service: a map lookup, for the board's pass over every row. */
  boolean checked(String serviceId) {
    return plans.get(serviceId) instanceof ServiceChecks.Plan.Checked;
  }

  private static String describe(ServiceChecks.Plan plan) {
    return switch (plan) {
      case ServiceChecks.Plan.Checked c ->
          "checked every "
              + dev.vakt.common.TimeSpans.format(c.job().interval())
              + " ("
              + c.job().spec().target()
              + ")";
      case ServiceChecks.Plan.NotChecked n -> "not checked: " + n.reason();
    };
  }

  @PreDestroy
  void stop() {
    if (scheduler != null) {
      scheduler.close();
    }
    if (writer != null) {
      writer.close();
    }
  }
}
