package dev.vakt.alerting;

import dev.vakt.inventory.InventoryService;
import dev.vakt.monitoring.MonitoringLedger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Places outages in incidents (issue 32: one incident, one message). Each service is placed under
 * its topmost parent that is down too (its server's ping, a declared {@code dependsOn}, a server's
 * uplink); the services under one such root are one group, keyed by the root's server.
 *
 * <ul>
 *   <li>The group's incident is open: a service that goes down joins it at once. One whose parent
 *       is down, or that is itself the parent of a service in the incident, is suppressed (the
 *       outage already told explains it); any other is told as an update.
 *   <li>No incident of the group is open: the service is held, at least for {@code
 *       vakt.alerting.incidents.hold} (short: it covers the hand-over of hard changes arriving
 *       together), and then for as long as any other service of the group is still on its way: its
 *       failure being confirmed (soft), or its hard change not yet arrived here. Services failing
 *       together turn hard within the contract's retries, so the group waits for their verdicts,
 *       not for a fixed time (issue 32: a fixed 3 s hold broke the contract's bound). Then one
 *       incident opens for everything held in the group, technicians are paged once and the
 *       emergency list is told once, naming every service. A service whose parent's failure is
 *       still being confirmed, or whose parent is down but not yet known here, waits for it. Every
 *       wait ends after {@code max-hold}.
 * </ul>
 *
 * Grouping changes messages only: each service's hard state changes are recorded in the monitoring
 * ledger as they happen, and SLA reports compute from those.
 */
@Component
class IncidentGrouper {

  private final HeldOutages held;
  private final ServiceIncidents incidents;
  private final InventoryService inventory;
  private final MonitoringLedger ledger;
  private final IncidentMessages messages;
  private final IncidentProperties properties;

  IncidentGrouper(
      HeldOutages held,
      ServiceIncidents incidents,
      InventoryService inventory,
      MonitoringLedger ledger,
      IncidentMessages messages,
      IncidentProperties properties) {
    this.held = held;
    this.incidents = incidents;
    this.inventory = inventory;
    this.ledger = ledger;
    this.messages = messages;
    this.properties = properties;
  }

  /**
   * Joins a service that went down to its group's open incident at once; false when the group has
   * none (the caller holds the service).
   */
  boolean joinOpen(HeldOutages.Held h) {
    GroupTopology t = topology(List.of(h), Set.of());
    String key = t.key(t.root(h.service()));
    Optional<String> open = lockedOpenIncident(key, h.customer());
    if (open.isEmpty()) {
      return false;
    }
    join(open.get(), h.customer(), key, List.of(h), t);
    return true;
  }

  private GroupTopology topology(List<HeldOutages.Held> failing, Set<String> heldIds) {
    return new GroupTopology(inventory, incidents, ledger, failing, heldIds);
  }

  /** One group of held services under one root, for one customer. */
  private record Group(String customer, String key, List<HeldOutages.Held> members) {
    Instant earliest(java.util.function.Function<HeldOutages.Held, Instant> of) {
      return members.stream().map(of).min(Instant::compareTo).orElseThrow();
    }
  }

  /**
   * What a pass did: how many services it released, and when the next group's hold ends (null when
   * none is held or every group waits for a verdict, which only the poll or an event can change).
   */
  record Pass(int released, Instant next) {}

  /**
   * Releases the groups whose hold has ended and that wait for nobody: not for their root's parent
   * (its failure being confirmed, or its event in flight) and not for a service of the group that
   * is still being confirmed or whose event is in flight; each wait at most {@code max-hold}.
   */
  Pass release(Instant now) {
    List<HeldOutages.Held> all = held.lockAll();
    if (all.isEmpty()) {
      return new Pass(0, null);
    }
    Set<String> heldIds = all.stream().map(HeldOutages.Held::service).collect(Collectors.toSet());
    GroupTopology t = topology(all, heldIds);
    Map<String, Group> groups = new LinkedHashMap<>();
    Set<String> due = new HashSet<>();
    Set<String> waiting = new HashSet<>();
    Map<String, String> rootOf = new HashMap<>();
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
    Set<String> ready = new HashSet<>(due);
    ready.removeAll(waiting);
    t.readSiblings(ready);
    int released = 0;
    Instant next = null;
    for (Map.Entry<String, Group> e : groups.entrySet()) {
      Group g = e.getValue();
      if (!due.contains(e.getKey())) {
        Instant end = g.earliest(HeldOutages.Held::releaseAt);
        next = next == null || end.isBefore(next) ? end : next;
        continue;
      }
      if (!ready.contains(e.getKey())
          || (t.siblingPending(
                  g.customer(), g.key(), g.earliest(HeldOutages.Held::at).minus(properties.hold()))
              && now.isBefore(g.earliest(HeldOutages.Held::heldAt).plus(properties.maxHold())))) {
        continue;
      }
      g.members().forEach(h -> held.release(h.service()));
      Optional<String> open = lockedOpenIncident(g.key(), g.customer());
      if (open.isPresent()) {
        join(open.get(), g.customer(), g.key(), g.members(), t);
      } else {
        messages.open(g.customer(), g.key(), rootFirst(g.members(), rootOf), t.byId);
      }
      released += g.members().size();
    }
    return new Pass(released, next);
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
      String incident,
      String customer,
      String key,
      List<HeldOutages.Held> members,
      GroupTopology t) {
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
