package dev.vakt.maintenance.capacity;

import dev.vakt.contract.OutageCategory;
import dev.vakt.inventory.Cluster;
import dev.vakt.inventory.Customer;
import dev.vakt.inventory.InventoryService;
import dev.vakt.inventory.Server;
import dev.vakt.inventory.Service;
import dev.vakt.monitoring.CheckState;
import dev.vakt.monitoring.MonitoringLedger;
import dev.vakt.monitoring.ServiceCameBack;
import dev.vakt.monitoring.ServiceWentDown;
import dev.vakt.outage.OutageService;
import dev.vakt.proxmox.ProxmoxException;
import dev.vakt.sla.SlaEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps each cluster's N-1 verdict over time and turns it into capacity non-compliance periods in
 * the customer's SLA ledger (MNT-8, SLA-9; docs/capacity.md).
 *
 * <p>Every {@code vakt.maintenance.capacity-interval} the cluster's live state is judged and the
 * verdict stored when it changes. A period is recorded where the rule fails under a contract that
 * makes a shortfall the customer's responsibility and a node of the cluster is short of a resource
 * ({@link ShortageSpans}); the nodes' resource checks changing state re-derive the periods at once.
 * The periods are derived again from the whole history each time, so a late verdict or check result
 * corrects them (a changed end is recorded again under the same ref, a period that no longer holds
 * is withdrawn).
 */
@Component
public class CapacityWatch {

  private static final Logger log = LoggerFactory.getLogger(CapacityWatch.class);
  private static final String ACTOR = "vakt";

  /** The host checks whose CRITICAL state means a node is short of a resource. */
  static final Set<String> RESOURCE_CHECKS = Set.of("load", "cpu", "memory", "disk", "lvm-thin");

  private final CapacityService capacity;
  private final CapacityHistory history;
  private final InventoryService inventory;
  private final MonitoringLedger ledger;
  private final OutageService outages;
  private final Clock clock;
  private final boolean scheduled;

  CapacityWatch(
      CapacityService capacity,
      CapacityHistory history,
      InventoryService inventory,
      MonitoringLedger ledger,
      OutageService outages,
      Clock clock,
      @org.springframework.beans.factory.annotation.Value(
              "${vakt.maintenance.capacity-watch.enabled:true}")
          boolean scheduled) {
    this.scheduled = scheduled;
    this.capacity = capacity;
    this.history = history;
    this.inventory = inventory;
    this.ledger = ledger;
    this.outages = outages;
    this.clock = clock;
  }

  /** A verdict as stored: when, what, and whether it made outages the customer's. */
  public record Verdict(
      Instant at, String verdict, boolean customerResponsibility, String detail) {}

  @Scheduled(
      fixedDelayString = "${vakt.maintenance.capacity-interval:1h}",
      initialDelayString = "${vakt.maintenance.capacity-initial-delay:2m}")
  void everyInterval() {
    if (!scheduled) {
      return;
    }
    for (Customer c : inventory.customers()) {
      for (Cluster cl : inventory.clusters(c.id())) {
        try {
          assess(cl.id());
        } catch (RuntimeException e) {
          log.warn("Capacity check of cluster {} failed: {}", cl.id(), e.getMessage());
        }
      }
    }
  }

  /** Judges the cluster now, stores the verdict if it changed, and re-derives its periods. */
  @Transactional
  public Verdict assess(String clusterId) {
    Instant now = clock.instant();
    CapacityHistory.Entry e;
    try {
      CapacityService.Assessment a = capacity.capacity(clusterId, null);
      e =
          new CapacityHistory.Entry(
              clusterId,
              now,
              code(a.report().verdict()),
              a.nMinusOneRequired() && a.shortfallIsCustomerResponsibility(),
              a.report().losses().stream()
                  .flatMap(l -> l.remedies().stream().map(r -> l.node() + ": " + r))
                  .collect(Collectors.joining("; ")));
    } catch (ProxmoxException ex) {
      e = new CapacityHistory.Entry(clusterId, now, "unknown", false, ex.getMessage());
    }
    history.recordIfChanged(e);
    reconcile(clusterId, now);
    return new Verdict(e.at(), e.verdict(), e.customerResponsibility(), e.detail());
  }

  /** The cluster's verdicts, oldest first. */
  public List<Verdict> history(String clusterId) {
    return history.all(clusterId).stream()
        .map(e -> new Verdict(e.at(), e.verdict(), e.customerResponsibility(), e.detail()))
        .toList();
  }

  @ApplicationModuleListener
  void on(ServiceWentDown e) {
    clusterOfResourceCheck(e.service()).ifPresent(c -> reconcile(c, clock.instant()));
  }

  @ApplicationModuleListener
  void on(ServiceCameBack e) {
    clusterOfResourceCheck(e.service()).ifPresent(c -> reconcile(c, clock.instant()));
  }

  /** Derives the cluster's periods from the whole history and brings the SLA ledger in line. */
  @Transactional
  public void reconcile(String clusterId, Instant now) {
    Optional<Cluster> cluster = inventory.cluster(clusterId);
    if (cluster.isEmpty()) {
      return;
    }
    String customer = cluster.get().customer();
    List<Server> nodes =
        inventory.servers(customer).stream().filter(s -> clusterId.equals(s.cluster())).toList();
    // The services a shortage hits: those on the nodes and those on the customer's VPS guests of
    // the cluster (the inventory keeps a guest with its cluster's customer).
    Set<String> hit =
        inventory.servers(customer).stream()
            .filter(
                s ->
                    clusterId.equals(s.cluster())
                        || (s.guest() != null && clusterId.equals(s.guest().cluster())))
            .map(Server::id)
            .collect(Collectors.toSet());
    List<String> services =
        inventory.services(customer).stream()
            .filter(s -> hit.contains(s.server()))
            .map(Service::id)
            .toList();
    List<ShortageSpans.Span> failing = failing(history.all(clusterId));
    List<ShortageSpans.Span> wanted =
        failing.isEmpty() || services.isEmpty()
            ? List.of()
            : ShortageSpans.overlap(failing, pressure(nodes, failing.getFirst().from(), now));
    Map<String, CapacityHistory.Recorded> had = new HashMap<>();
    history.recorded(clusterId).forEach(r -> had.put(r.ref(), r));
    for (ShortageSpans.Span s : wanted) {
      String ref = "capacity:" + clusterId + ":" + s.from().getEpochSecond();
      CapacityHistory.Recorded before = had.remove(ref);
      if (before != null && java.util.Objects.equals(before.to(), s.to())) {
        continue;
      }
      outages.recordPeriod(
          customer,
          new SlaEvent.Classified(
              OutageCategory.CAPACITY_NON_COMPLIANCE,
              services,
              s.from(),
              s.to(),
              "cluster "
                  + clusterId
                  + " failed the N-1 capacity rule while a node was short of a resource"),
          ref,
          ACTOR);
      history.upsert(clusterId, new CapacityHistory.Recorded(ref, customer, s.from(), s.to()));
    }
    for (CapacityHistory.Recorded gone : had.values()) {
      outages.withdraw(gone.customer(), gone.ref(), ACTOR);
      history.withdraw(gone.ref());
    }
  }

  /**
   * When the rule failed under a contract that made it the customer's: from a verdict that counts
   * until the next known one that does not. An unknown verdict (the API could not be read) changes
   * nothing: a shortfall does not end because the cluster could not be asked.
   */
  static List<ShortageSpans.Span> failing(List<CapacityHistory.Entry> entries) {
    List<ShortageSpans.Span> out = new ArrayList<>();
    Instant since = null;
    for (CapacityHistory.Entry e : entries) {
      if ("unknown".equals(e.verdict())) {
        continue;
      }
      if (e.counts() && since == null) {
        since = e.at();
      } else if (!e.counts() && since != null) {
        if (e.at().isAfter(since)) {
          out.add(new ShortageSpans.Span(since, e.at()));
        }
        since = null;
      }
    }
    if (since != null) {
      out.add(new ShortageSpans.Span(since, null));
    }
    return out;
  }

  /** When any node had a resource check CRITICAL, from the monitoring ledger's hard changes. */
  private List<ShortageSpans.Span> pressure(List<Server> nodes, Instant from, Instant now) {
    List<String> ids = new ArrayList<>();
    for (Server n : nodes) {
      RESOURCE_CHECKS.forEach(c -> ids.add(n.id() + ":" + c));
    }
    Map<String, List<MonitoringLedger.HardChange>> byCheck =
        ledger.changes(ids, from, now.plusMillis(1)).stream()
            .collect(Collectors.groupingBy(MonitoringLedger.HardChange::service));
    List<ShortageSpans.Span> out = new ArrayList<>();
    for (List<MonitoringLedger.HardChange> changes : byCheck.values()) {
      Instant since = null;
      for (MonitoringLedger.HardChange c :
          changes.stream().sorted(Comparator.comparing(MonitoringLedger.HardChange::at)).toList()) {
        if (c.state() == CheckState.CRITICAL && since == null) {
          since = c.at();
        } else if (c.state() != CheckState.CRITICAL && since != null) {
          if (c.at().isAfter(since)) {
            out.add(new ShortageSpans.Span(since, c.at()));
          }
          since = null;
        }
      }
      if (since != null) {
        out.add(new ShortageSpans.Span(since, null));
      }
    }
    return out;
  }

  private Optional<String> clusterOfResourceCheck(String checkId) {
    int colon = checkId.lastIndexOf(':');
    if (colon < 0 || !RESOURCE_CHECKS.contains(checkId.substring(colon + 1))) {
      return Optional.empty();
    }
    return inventory.server(checkId.substring(0, colon)).map(Server::cluster);
  }

  private static String code(NMinusOne.Verdict v) {
    return switch (v) {
      case OK -> "ok";
      case LOCAL_GUESTS -> "local-guests";
      case SHORTFALL -> "shortfall";
    };
  }
}
