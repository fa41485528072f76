package dev.vakt.alerting;

import dev.vakt.inventory.Dependencies;
import dev.vakt.inventory.InventoryService;
import dev.vakt.inventory.Service;
import dev.vakt.monitoring.CheckState;
import dev.vakt.monitoring.MonitoringLedger;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Releases held outages as incidents (issue 32: one incident, one message). A service that went
 * down is held for {@code vakt.alerting.incidents.hold}; meanwhile monitoring has checked its
 * parent at once. When the hold ends, each held service is placed under its topmost parent that is
 * down too (its server's ping, a declared {@code dependsOn}, a server's uplink), and the services
 * under one such root form one group:
 *
 * <ul>
 *   <li>no incident of the group is open: one incident opens, technicians are paged once and the
 *       emergency list is told once, naming every service of the group;
 *   <li>the group's incident is open: the services join it. A service whose parent is down is
 *       suppressed (the parent's outage explains it); any other is told as an update.
 * </ul>
 *
 * A service whose parent's own failure is still being confirmed waits for that verdict, at most
 * {@code max-hold}. Grouping changes messages only: each service's hard state changes are recorded
 * in the monitoring ledger as they happen, and SLA reports compute from those.
 */
@Component
class IncidentGrouper {

  private static final Logger log = LoggerFactory.getLogger(IncidentGrouper.class);

  private final HeldOutages held;
  private final ServiceIncidents incidents;
  private final InventoryService inventory;
  private final MonitoringLedger ledger;
  private final IncidentMessages messages;
  private final IncidentProperties properties;
  private final TransactionTemplate tx;
  private final Clock clock;

  IncidentGrouper(
      HeldOutages held,
      ServiceIncidents incidents,
      InventoryService inventory,
      MonitoringLedger ledger,
      IncidentMessages messages,
      IncidentProperties properties,
      TransactionTemplate tx,
      Clock clock) {
    this.held = held;
    this.incidents = incidents;
    this.inventory = inventory;
    this.ledger = ledger;
    this.messages = messages;
    this.properties = properties;
    this.tx = tx;
    this.clock = clock;
  }

  @Scheduled(
      fixedDelayString = "${vakt.alerting.incidents.poll:500ms}",
      initialDelayString = "${vakt.alerting.incidents.poll:500ms}")
  void poll() {
    try {
      tx.executeWithoutResult(s -> release(clock.instant()));
    } catch (RuntimeException e) {
      log.warn("Releasing held outages failed, retrying: {}", e.toString());
    }
  }

  /** One group of held services under one root, for one customer. */
  private record Group(String customer, String key, List<HeldOutages.Held> members) {}

  /** Releases the groups whose hold has ended; returns how many services were released. */
  int release(Instant now) {
    List<HeldOutages.Held> all = held.lockAll();
    if (all.isEmpty()) {
      return 0;
    }
    List<Service> services = inventory.services(null);
    Map<String, Service> byId =
        services.stream().collect(Collectors.toMap(Service::id, Function.identity()));
    Map<String, String> parents = Dependencies.parents(inventory.servers(null), services);
    Set<String> heldIds = all.stream().map(HeldOutages.Held::service).collect(Collectors.toSet());
    Set<String> ancestors = new HashSet<>();
    for (HeldOutages.Held h : all) {
      for (String p = parents.get(h.service()); p != null && ancestors.add(p); ) {
        p = parents.get(p);
      }
    }
    Map<String, MonitoringLedger.HardState> states = ledger.current(ancestors);
    Set<String> confirming = ledger.confirming(ancestors);
    Function<String, Boolean> down =
        id ->
            heldIds.contains(id)
                || (states.containsKey(id) && states.get(id).state() == CheckState.CRITICAL);

    Map<String, Group> groups = new LinkedHashMap<>();
    Set<String> due = new HashSet<>();
    Set<String> waiting = new HashSet<>();
    Map<String, String> rootOf = new HashMap<>();
    for (HeldOutages.Held h : all) {
      String root = h.service();
      for (String p = parents.get(root); p != null && down.apply(p); p = parents.get(p)) {
        root = p;
      }
      rootOf.put(h.service(), root);
      Service r = byId.get(root);
      String key = r == null ? root : r.server();
      String id = h.customer() + "/" + key;
      groups
          .computeIfAbsent(id, k -> new Group(h.customer(), key, new ArrayList<>()))
          .members()
          .add(h);
      // Waits while the hold runs, or while the parent's own failure is being confirmed.
      String parent = parents.get(root);
      boolean waitsForParent =
          parent != null
              && confirming.contains(parent)
              && now.isBefore(h.heldAt().plus(properties.maxHold()));
      if (!now.isBefore(h.releaseAt())) {
        due.add(id);
      }
      if (waitsForParent) {
        waiting.add(id);
      }
    }
    int released = 0;
    for (Map.Entry<String, Group> g : groups.entrySet()) {
      if (due.contains(g.getKey()) && !waiting.contains(g.getKey())) {
        released += tell(g.getValue(), rootOf, byId, parents, down);
      }
    }
    return released;
  }

  private int tell(
      Group g,
      Map<String, String> rootOf,
      Map<String, Service> byId,
      Map<String, String> parents,
      Function<String, Boolean> down) {
    List<HeldOutages.Held> members = g.members();
    members.forEach(h -> held.release(h.service()));
    var open = incidents.openIncidentOf(g.key(), g.customer());
    if (open.isPresent()) {
      incidents.lock(open.get()); // its last service may be coming back right now
      if (incidents.stillOpen(open.get()) == 0) {
        open = java.util.Optional.empty();
      }
    }
    if (open.isEmpty()) {
      // The root first (the ping of a server that is down), then in the order they failed.
      List<HeldOutages.Held> ordered = new ArrayList<>(members);
      ordered.sort(
          (a, b) -> {
            boolean ra = rootOf.get(a.service()).equals(a.service());
            boolean rb = rootOf.get(b.service()).equals(b.service());
            return ra == rb ? a.at().compareTo(b.at()) : ra ? -1 : 1;
          });
      messages.open(g.customer(), g.key(), ordered, byId);
      return members.size();
    }
    // Joining an open incident: suppressed while the parent is down, else told as an update.
    List<HeldOutages.Held> told = new ArrayList<>();
    List<HeldOutages.Held> suppressed = new ArrayList<>();
    for (HeldOutages.Held h : members) {
      String parent = parents.get(h.service());
      (parent != null && down.apply(parent) ? suppressed : told).add(h);
    }
    messages.join(open.get(), g.customer(), g.key(), told, suppressed, byId);
    return members.size();
  }
}
