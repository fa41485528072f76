package dev.vakt.maintenance.runs;

import dev.vakt.maintenance.capacity.CapacityRule;
import dev.vakt.maintenance.capacity.ClusterState;
import dev.vakt.maintenance.capacity.NMinusOne;
import dev.vakt.maintenance.capacity.PlanStep;
import dev.vakt.maintenance.capacity.PveAdapter;
import dev.vakt.proxmox.Guest;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Before a node is emptied, whether the plan still holds on the cluster as it is now (MNT-7): the
 * plan was made when the run started, and guests may have been created, moved or resized since. A
 * planned move must never push its target beyond the {@link CapacityRule}'s limits, so each
 * target's load is counted again from the live guests plus what the plan moves there. Plain Java.
 */
final class PlacementCheck {

  private PlacementCheck() {}

  /**
   * Why the node's evacuation must not start, or null when the plan still holds.
   *
   * @param planned the cluster as planned (nodes' capacity; guests' storage binding)
   * @param node the node about to be emptied
   * @param moves the node's planned evacuations
   * @param now the guests as the API shows them now
   */
  static String problem(
      ClusterState planned,
      CapacityRule rule,
      String node,
      List<PlanStep.Migrate> moves,
      List<Guest> now) {
    Map<Integer, Guest> live = new HashMap<>();
    now.forEach(g -> live.put(g.vmid(), g));
    Set<Integer> plannedHere = new HashSet<>();
    planned.guestsOn(node).forEach(g -> plannedHere.add(g.vmid()));
    for (Guest g : now) {
      if (node.equals(g.node()) && g.running() && !plannedHere.contains(g.vmid())) {
        return "guest "
            + label(g)
            + " came to "
            + node
            + " after the plan was made and would go down with it: make a new plan";
      }
    }
    Map<String, long[]> load = new HashMap<>();
    Set<Integer> moving = new HashSet<>();
    for (PlanStep.Migrate m : moves) {
      Guest g = live.get(m.vmid());
      if (g == null) {
        return "guest " + m.vmid() + " no longer exists: make a new plan";
      }
      if (!node.equals(g.node())) {
        return "guest "
            + label(g)
            + " is on "
            + g.node()
            + ", the plan expected it on "
            + node
            + ": make a new plan";
      }
      moving.add(m.vmid());
    }
    for (Guest g : now) {
      ClusterState.Guest c = counted(planned, g);
      if (!moving.contains(g.vmid()) && rule.counts(c)) {
        add(load, g.node(), c);
      }
    }
    for (PlanStep.Migrate m : moves) {
      ClusterState.Guest c = counted(planned, live.get(m.vmid()));
      ClusterState.Node target = planned.node(m.target());
      if (target == null) {
        return "target " + m.target() + " is no node of the planned cluster";
      }
      long[] l = add(load, m.target(), c);
      if (!rule.canHost(target, c) || !rule.within(target, l[0], l[1])) {
        return "moving "
            + c.label()
            + " to "
            + m.target()
            + " would exceed its limits now ("
            + l[0]
            + " vCPUs, "
            + Math.ceilDiv(l[1], NMinusOne.GIB)
            + " GiB configured): the cluster changed since the plan; make a new plan";
      }
    }
    return null;
  }

  private static long[] add(Map<String, long[]> load, String node, ClusterState.Guest g) {
    long[] l = load.computeIfAbsent(node, k -> new long[2]);
    if (g.template()) {
      return l;
    }
    l[0] += g.vcpus();
    l[1] += g.ramBytes();
    return l;
  }

  /** The live guest as the rule counts it, with the storage binding the plan found. */
  private static ClusterState.Guest counted(ClusterState planned, Guest g) {
    boolean local = false;
    for (ClusterState.Guest p : planned.guests()) {
      if (p.vmid() == g.vmid()) {
        local = p.localStorage();
        break;
      }
    }
    return PveAdapter.guest(g, local);
  }

  static String label(Guest g) {
    return g.name() == null || g.name().isBlank()
        ? g.vmid() + ""
        : g.vmid() + " (" + g.name() + ")";
  }
}
