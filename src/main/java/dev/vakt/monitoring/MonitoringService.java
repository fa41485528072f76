package dev.vakt.monitoring;

import dev.vakt.coverage.Coverage;
import dev.vakt.coverage.CoverageService;
import dev.vakt.coverage.Subject;
import dev.vakt.inventory.InventoryService;
import dev.vakt.inventory.Server;
import dev.vakt.inventory.Service;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
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
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The monitoring engine's API (MON-1, MON-6, MON-7): keeps one scheduled check per watched service,
 * in step with the inventory and the contracts, and stores results in the ledger.
 */
@org.springframework.stereotype.Service
public class MonitoringService {

  private static final Logger log = LoggerFactory.getLogger(MonitoringService.class);

  private final InventoryService inventory;
  private final CoverageService coverage;
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
  private final Map<String, String> customerOf = new ConcurrentHashMap<>();
  private volatile CheckScheduler scheduler;
  private volatile LedgerWriter writer;

  MonitoringService(
      InventoryService inventory,
      CoverageService coverage,
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
    this.coverage = coverage;
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
        new LedgerWriter(
            jdbc, batchJdbc, tx, clock, properties.resultBuffer(), meters, events, this::hardDown);
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

  /** Whether a service is in a hard CRITICAL state now, by the scheduler's memory. */
  private boolean hardDown(String serviceId) {
    CheckScheduler s = scheduler;
    ServiceStatus status = s == null ? null : s.status(serviceId);
    return status != null && status.hard() == CheckState.CRITICAL;
  }

  /** Checks a service at once (tests, and a technician's "check now"). */
  void checkNow(String serviceId) {
    CheckScheduler s = scheduler;
    if (s != null) {
      s.runNow(serviceId);
    }
  }

  /**
   * Plans again when coverage changed (terms stored, inventory changed, or a day on which terms or
   * lines take effect began): only the customers concerned, within a second of the change (issue
   * 18; this replaced a 30-second poll).
   */
  @org.springframework.context.event.EventListener
  @org.springframework.scheduling.annotation.Async
  void on(dev.vakt.coverage.CoverageChanged e) {
    sync(e.customers());
  }

  /**
   * Brings every scheduled check in line with the inventory and the terms in force now, from a
   * coverage index built now (start-up, tests).
   */
  public void sync() {
    coverage.refresh();
    sync(java.util.Set.of());
  }

  /**
   * Brings the checks of {@code customers} (all when empty) in line with the inventory and with
   * what coverage says governs each service and server now.
   */
  synchronized void sync(java.util.Set<String> customers) {
    CheckScheduler s = scheduler;
    if (s == null) {
      return;
    }
    boolean all = customers.isEmpty();
    List<Server> serverList = new java.util.ArrayList<>();
    List<Service> services = new java.util.ArrayList<>();
    List<dev.vakt.inventory.Cluster> clusterList = new java.util.ArrayList<>();
    for (String c : all ? java.util.Collections.<String>singleton(null) : customers) {
      serverList.addAll(inventory.servers(c));
      services.addAll(inventory.services(c));
      clusterList.addAll(inventory.clusters(c));
    }
    Map<String, Server> servers =
        serverList.stream().collect(Collectors.toMap(Server::id, x -> x, (a, b) -> a));
    Map<String, String> freshParents =
        dev.vakt.inventory.Dependencies.parents(serverList, services);
    java.time.Instant now = clock.instant();
    Map<String, ServiceChecks.Plan> fresh = new HashMap<>();
    Map<String, CheckScheduler.Owner> owners = new HashMap<>();
    for (Service service : services) {
      Server server = servers.get(service.server());
      if (server == null) {
        continue;
      }
      Coverage c = coverage.at(Subject.service(service.id()), now);
      owners.put(
          service.id(),
          new CheckScheduler.Owner(
              server.id(), server.customer(), freshParents.get(service.id()), c.version()));
      fresh.put(
          service.id(),
          c.covered()
              ? ServiceChecks.plan(service, server, c.terms().terms())
              : new ServiceChecks.Plan.NotChecked(c.reason().text()));
    }
    Map<String, dev.vakt.inventory.Cluster> clusters =
        clusterList.stream()
            .collect(Collectors.toMap(dev.vakt.inventory.Cluster::id, x -> x, (a, b) -> a));
    for (Server server : servers.values()) {
      Coverage c = coverage.at(Subject.server(server.id()), now);
      Map<String, ServiceChecks.Plan> host =
          HostChecks.plan(
              server,
              server.cluster() == null ? null : clusters.get(server.cluster()),
              c.covered() ? c.terms().terms() : null,
              properties);
      host.keySet()
          .forEach(
              id ->
                  owners.put(
                      id,
                      new CheckScheduler.Owner(server.id(), server.customer(), null, c.version())));
      fresh.putAll(host);
    }
    fresh.forEach(
        (id, plan) -> {
          if (plan instanceof ServiceChecks.Plan.Checked c) {
            s.upsert(c.job().withOwner(owners.get(id)));
          } else {
            s.remove(id);
          }
        });
    // What is scheduled for these customers but no longer planned goes.
    java.util.Set<String> gone = new java.util.HashSet<>();
    for (String id : s.serviceIds()) {
      if (fresh.containsKey(id)) {
        continue;
      }
      String owner = customerOf.get(id);
      if (all || owner == null || customers.contains(owner)) {
        gone.add(id);
      }
    }
    gone.forEach(s::remove);
    if (all) {
      plans.clear();
      customerOf.clear();
      parents = Map.copyOf(freshParents);
    } else {
      plans.keySet().removeIf(id -> customers.contains(customerOf.get(id)));
      customerOf.values().removeIf(customers::contains);
      Map<String, String> merged = new HashMap<>(parents);
      merged.keySet().removeIf(id -> owners.containsKey(id) || gone.contains(id));
      merged.putAll(freshParents);
      parents = Map.copyOf(merged);
    }
    plans.putAll(fresh);
    owners.forEach((id, o) -> customerOf.put(id, o.customer()));
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
