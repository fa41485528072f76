package dev.vakt.alerting;

import dev.vakt.inventory.Dependencies;
import dev.vakt.inventory.InventoryService;
import dev.vakt.inventory.Server;
import dev.vakt.inventory.Service;
import dev.vakt.monitoring.CheckState;
import dev.vakt.monitoring.MonitoringLedger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The dependencies of the failing services and what is known to be down, for one pass of {@link
 * IncidentGrouper}. Read from the inventory of the failing services' customers only (and of any
 * customer their {@code dependsOn} chain reaches: an uplink may be registered under another
 * customer), not the whole inventory: the event names one parent, but a group's root can be several
 * levels up (a service's {@code dependsOn}, its server's ping, the uplink's ping), and held rows
 * keep no parent.
 */
final class GroupTopology {

  final Map<String, Service> byId;
  final Map<String, String> parents;
  final Map<String, Server> servers;
  final Set<String> held;
  private final Set<String> inIncident;
  private final Map<String, MonitoringLedger.HardState> states;
  private final Set<String> confirming;
  private final ServiceIncidents incidents;
  private final MonitoringLedger ledger;

  /** The siblings of held groups (same customer and group key), not held; read on demand. */
  private Map<String, List<String>> siblings = Map.of();

  private Set<String> siblingsInIncident = Set.of();
  private Map<String, MonitoringLedger.HardState> siblingStates = Map.of();
  private Set<String> siblingsConfirming = Set.of();

  GroupTopology(
      InventoryService inventory,
      ServiceIncidents incidents,
      MonitoringLedger ledger,
      Collection<HeldOutages.Held> failingHeld,
      Set<String> heldIds) {
    this.incidents = incidents;
    this.ledger = ledger;
    Set<String> customers = new HashSet<>();
    failingHeld.forEach(h -> customers.add(h.customer()));
    List<Server> all = new ArrayList<>();
    List<Service> services = new ArrayList<>();
    for (Set<String> next = customers;
        !next.isEmpty();
        next = reached(inventory, all, services, customers)) {
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
    for (HeldOutages.Held h : failingHeld) {
      for (String p = parents.get(h.service()); p != null && ancestors.add(p); ) {
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
  private static Set<String> reached(
      InventoryService inventory, List<Server> all, List<Service> services, Set<String> known) {
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

  private boolean critical(String id) {
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
   * The group of a root: its server; for a Proxmox VE node or a guest of a cluster, the cluster, so
   * nodes and guests failing together are one incident (the inventory does not record which node a
   * guest runs on).
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

  private static String groupId(String customer, String key) {
    return customer + "/" + key;
  }

  /**
   * Reads, for the given groups ({@code customer/key}), the services of the same group that are not
   * held: three queries for all of them, so {@link #siblingPending} answers from memory.
   */
  void readSiblings(Set<String> groupIds) {
    Map<String, List<String>> found = new HashMap<>();
    for (Service s : byId.values()) {
      Server server = servers.get(s.server());
      if (held.contains(s.id()) || server == null) {
        continue;
      }
      String id = groupId(server.customer(), key(root(s.id())));
      if (groupIds.contains(id)) {
        found.computeIfAbsent(id, k -> new ArrayList<>()).add(s.id());
      }
    }
    siblings = found;
    List<String> all = found.values().stream().flatMap(List::stream).toList();
    siblingsInIncident = incidents.inOpenIncident(all);
    siblingStates = ledger.current(all);
    siblingsConfirming = ledger.confirming(all);
  }

  /**
   * Whether a service of the group, not held yet, is on its way to joining it: its failure is being
   * confirmed (soft; failing together, it turns hard within the contract's retries), or it went
   * down since the group began ({@code since}) and its event has not arrived yet. Such a group
   * waits for it instead of for a fixed time, so all of them are told in one message.
   */
  boolean siblingPending(String customer, String key, Instant since) {
    for (String s : siblings.getOrDefault(groupId(customer, key), List.of())) {
      if (siblingsInIncident.contains(s)) {
        continue; // down and told already (or in planned maintenance)
      }
      MonitoringLedger.HardState st = siblingStates.get(s);
      boolean critical = st != null && st.state() == CheckState.CRITICAL;
      if (critical
          ? st.since() != null && !st.since().isBefore(since)
          : siblingsConfirming.contains(s)) {
        return true;
      }
    }
    return false;
  }
}
