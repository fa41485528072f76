package dev.vakt.alerting;

import dev.vakt.inventory.Dependencies;
import dev.vakt.inventory.InventoryService;
import dev.vakt.inventory.Server;
import dev.vakt.inventory.Service;
import dev.vakt.monitoring.CheckState;
import dev.vakt.monitoring.MonitoringLedger;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Places outages in incidents (issue 32: one incident, one message). Each service is placed under
 * its topmost parent that is down too (its server's ping, a declared {@code dependsOn}, a server's
 * uplink); the services under one such root are one group, keyed by the root's server.
 *
 * <ul>
 *   <li>The group's incident is open: a service that goes down joins it at once. One whose parent
 *       is down, or that is itself the parent of a service in the incident, is suppressed (the
 *       outage already told explains it); any other is told as an update.
 *   <li>No incident of the group is open: the service is held for {@code
 *       vakt.alerting.incidents.hold} (monitoring has meanwhile checked its parent at once); then
 *       one incident opens for everything held in the group, technicians are paged once and the
 *       emergency list is told once, naming every service. A service whose parent's failure is
 *       still being confirmed, or whose parent is down but not yet known here, waits for it, at
 *       most {@code max-hold}.
 * </ul>
 *
 * Grouping changes messages only: each service's hard state changes are recorded in the monitoring
 * ledger as they happen, and SLA reports compute from those.
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

  /**
   * The dependencies of the failing services and what is known to be down, for one pass. Read from
   * the inventory of the failing services' customers only (and of any customer their {@code
   * dependsOn} chain reaches: an uplink may be registered under another customer), not the whole
   * inventory: the event names one parent, but a group's root can be several levels up (a service's
   * {@code dependsOn}, its server's ping, the uplink's ping), and held rows keep no parent.
   */
  private final class Topology {
    final Map<String, Service> byId;
    final Map<String, String> parents;
    final Map<String, Server> servers;
    final Set<String> held;
    final Set<String> inIncident;
    final Map<String, MonitoringLedger.HardState> states;
    final Set<String> confirming;

    Topology(Collection<HeldOutages.Held> failingHeld, Set<String> heldIds) {
      List<String> failing = failingHeld.stream().map(HeldOutages.Held::service).toList();
      Set<String> customers = new HashSet<>();
      failingHeld.forEach(h -> customers.add(h.customer()));
      List<Server> all = new ArrayList<>();
      List<Service> services = new ArrayList<>();
      for (Set<String> next = customers;
          !next.isEmpty();
          next = reached(all, services, customers)) {
        for (String c : next) {
          all.addAll(inventory.servers(c));
          services.addAll(inventory.services(c));
        }
      }
      byId = services.stream().collect(Collectors.toMap(Service::id, Function.identity()));
      servers = all.stream().collect(Collectors.toMap(Server::id, Function.identity()));
      parents = Dependencies.parents(all, services);
      held = heldIds;
      Set<String> ancestors = new HashSet<>();
      for (String id : failing) {
        for (String p = parents.get(id); p != null && ancestors.add(p); ) {
          p = parents.get(p);
        }
      }
      inIncident = incidents.inOpenIncident(ancestors);
      states = ledger.current(ancestors);
      confirming = ledger.confirming(ancestors);
    }

    /**
     * The customers, not yet read, of what {@code dependsOn} names outside those read; added to
     * {@code known}.
     */
    private Set<String> reached(List<Server> all, List<Service> services, Set<String> known) {
      Set<String> serverIds = all.stream().map(Server::id).collect(Collectors.toSet());
      Set<String> serviceIds = services.stream().map(Service::id).collect(Collectors.toSet());
      Set<String> found = new HashSet<>();
      for (Server s : all) {
        if (s.dependsOn() != null && !serverIds.contains(s.dependsOn())) {
          inventory.server(s.dependsOn()).map(Server::customer).ifPresent(found::add);
        }
      }
      for (Service s : services) {
        if (s.dependsOn() != null && !serviceIds.contains(s.dependsOn())) {
          inventory
              .service(s.dependsOn())
              .flatMap(d -> inventory.server(d.server()))
              .map(Server::customer)
              .ifPresent(found::add);
        }
      }
      found.removeAll(known);
      known.addAll(found);
      return found;
    }

    boolean down(String id) {
      return held.contains(id) || inIncident.contains(id) || critical(id);
    }

    boolean critical(String id) {
      return states.containsKey(id) && states.get(id).state() == CheckState.CRITICAL;
    }

    /** The parent's verdict is outstanding: being confirmed, or down and its event in flight. */
    boolean verdictPending(String parent) {
      return parent != null
          && (confirming.contains(parent)
              || (critical(parent) && !held.contains(parent) && !inIncident.contains(parent)));
    }

    String root(String service) {
      String root = service;
      for (String p = parents.get(root); p != null && down(p); p = parents.get(p)) {
        root = p;
      }
      return root;
    }

    /**
     * The group of a root: its server; for a Proxmox VE node or a guest of a cluster, the cluster,
     * so nodes and guests failing together are one incident (the inventory does not record which
     * node a guest runs on).
     */
    String key(String root) {
      Service r = byId.get(root);
      if (r == null) {
        return root;
      }
      Server s = servers.get(r.server());
      if (s != null && s.cluster() != null) {
        return "cluster:" + s.cluster();
      }
      if (s != null && s.guest() != null) {
        return "cluster:" + s.guest().cluster();
      }
      return r.server();
    }

    /** Whether {@code service} is an ancestor of any of {@code members}. */
    boolean parentOfAny(String service, Collection<String> members) {
      for (String m : members) {
        for (String p = parents.get(m); p != null; p = parents.get(p)) {
          if (p.equals(service)) {
            return true;
          }
        }
      }
      return false;
    }
  }

  /**
   * Joins a service that went down to its group's open incident at once; false when the group has
   * none (the caller holds the service).
   */
  boolean joinOpen(HeldOutages.Held h) {
    Topology t = new Topology(List.of(h), Set.of());
    String key = t.key(t.root(h.service()));
    Optional<String> open = lockedOpenIncident(key, h.customer());
    if (open.isEmpty()) {
      return false;
    }
    join(open.get(), h.customer(), key, List.of(h), t);
    return true;
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
    Set<String> heldIds = all.stream().map(HeldOutages.Held::service).collect(Collectors.toSet());
    Topology t = new Topology(all, heldIds);
    Map<String, Group> groups = new LinkedHashMap<>();
    Set<String> due = new HashSet<>();
    Set<String> waiting = new HashSet<>();
    Map<String, String> rootOf = new java.util.HashMap<>();
    for (HeldOutages.Held h : all) {
      String root = t.root(h.service());
      rootOf.put(h.service(), root);
      String key = t.key(root);
      String id = h.customer() + "/" + key;
      groups
          .computeIfAbsent(id, k -> new Group(h.customer(), key, new ArrayList<>()))
          .members()
          .add(h);
      if (!now.isBefore(h.releaseAt())) {
        due.add(id);
      }
      if (t.verdictPending(t.parents.get(root))
          && now.isBefore(h.heldAt().plus(properties.maxHold()))) {
        waiting.add(id);
      }
    }
    int released = 0;
    for (Map.Entry<String, Group> e : groups.entrySet()) {
      if (due.contains(e.getKey()) && !waiting.contains(e.getKey())) {
        Group g = e.getValue();
        g.members().forEach(h -> held.release(h.service()));
        Optional<String> open = lockedOpenIncident(g.key(), g.customer());
        if (open.isPresent()) {
          join(open.get(), g.customer(), g.key(), g.members(), t);
        } else {
          messages.open(g.customer(), g.key(), rootFirst(g.members(), rootOf), t.byId);
        }
        released += g.members().size();
      }
    }
    return released;
  }

  /** The group's open incident, locked; empty when none or when its last service just came back. */
  private Optional<String> lockedOpenIncident(String key, String customer) {
    Optional<String> open = incidents.openIncidentOf(key, customer);
    if (open.isPresent()) {
      incidents.lock(open.get());
      if (incidents.stillOpen(open.get()) == 0) {
        return Optional.empty();
      }
    }
    return open;
  }

  private void join(
      String incident, String customer, String key, List<HeldOutages.Held> members, Topology t) {
    List<String> inside = incidents.members(incident).services();
    List<HeldOutages.Held> told = new ArrayList<>();
    List<HeldOutages.Held> suppressed = new ArrayList<>();
    for (HeldOutages.Held h : members) {
      String parent = t.parents.get(h.service());
      boolean explained = (parent != null && t.down(parent)) || t.parentOfAny(h.service(), inside);
      (explained ? suppressed : told).add(h);
    }
    messages.join(incident, customer, key, told, suppressed, t.byId);
  }

  /** The root first (the ping of a server that is down), then in the order they failed. */
  private static List<HeldOutages.Held> rootFirst(
      List<HeldOutages.Held> members, Map<String, String> rootOf) {
    List<HeldOutages.Held> ordered = new ArrayList<>(members);
    ordered.sort(
        (a, b) -> {
          boolean ra = rootOf.get(a.service()).equals(a.service());
          boolean rb = rootOf.get(b.service()).equals(b.service());
          return ra == rb ? a.at().compareTo(b.at()) : ra ? -1 : 1;
        });
    return ordered;
  }
}
