package dev.vakt.maintenance.capacity;

import dev.vakt.inventory.Server;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The dry run of a rolling maintenance (MNT-4, MNT-7): one node at a time, secondary nodes first
 * (BDN SLA 1.1.1.3), then nodes without a role, then primary nodes, each group by name. For each
 * node: verify health, move its guests away ({@link Placer}), patch, reboot, verify health, return
 * the guests. Guests that cannot move stay and are named, with whether they go down; a node whose
 * reboot would lose quorum is {@link PlanStep.Blocked}.
 *
 * <p>Each node's placement is computed on the cluster as it is, because the previous node's guests
 * are back home before the next node starts.
 *
 * @param order the nodes in maintenance order
 * @param steps every step, in order
 */
public record RollingPlan(List<String> order, List<PlanStep> steps) {

  public RollingPlan {
    order = List.copyOf(order);
    steps = List.copyOf(steps);
  }

  /** Whether some node's maintenance needs a person's decision first. */
  public boolean blocked() {
    return steps.stream().anyMatch(s -> s instanceof PlanStep.Blocked);
  }

  /** The dry run as numbered lines. */
  public List<String> lines() {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      out.add((i + 1) + ". " + steps.get(i).describe());
    }
    return out;
  }

  /** Maintenance order: secondary, no role, standalone, primary; then by name. */
  static int rank(Server.Role role) {
    if (role == null) {
      return 1;
    }
    return switch (role) {
      case SECONDARY -> 0;
      case STANDALONE -> 2;
      case PRIMARY -> 3;
    };
  }

  /** Plans the rolling maintenance of every node. */
  public static RollingPlan of(ClusterState state, CapacityRule rule) {
    List<ClusterState.Node> nodes = new ArrayList<>(state.nodes());
    nodes.sort(
        Comparator.comparingInt((ClusterState.Node n) -> rank(n.role()))
            .thenComparing(ClusterState.Node::name));
    List<String> order = new ArrayList<>();
    List<PlanStep> steps = new ArrayList<>();
    for (ClusterState.Node n : nodes) {
      order.add(n.name());
      steps.addAll(forNode(state, rule, n));
    }
    return new RollingPlan(order, steps);
  }

  /** The steps of one node's maintenance. */
  static List<PlanStep> forNode(ClusterState state, CapacityRule rule, ClusterState.Node n) {
    String node = n.name();
    List<PlanStep> steps = new ArrayList<>();
    NMinusOne.QuorumCheck q =
        NMinusOne.quorum(state.expectedVotes(), n.votes(), state.qdeviceVotes());
    if (!q.survives()) {
      steps.add(
          new PlanStep.Blocked(
              node,
              "the cluster loses quorum while "
                  + node
                  + " reboots ("
                  + q.remainingVotes()
                  + " of "
                  + q.expectedVotes()
                  + " votes left): add a node or a QDevice, or agree on a full outage"));
    }
    steps.add(
        new PlanStep.VerifyHealth(
            node,
            PlanStep.Phase.BEFORE,
            List.of("cluster quorate", "every node online", "no migration or HA action running")));
    Placement p = Placer.place(state, rule, node);
    List<PlanStep.Migrate> back = new ArrayList<>();
    for (Placement.Move m : p.moves()) {
      ClusterState.Guest g = m.guest();
      PlanStep.Mode mode =
          !g.running()
              ? PlanStep.Mode.OFFLINE
              : "lxc".equals(g.type()) ? PlanStep.Mode.RESTART : PlanStep.Mode.LIVE;
      steps.add(
          new PlanStep.Migrate(
              g.vmid(),
              g.type(),
              g.name(),
              node,
              m.target(),
              mode,
              PlanStep.Purpose.EVACUATE,
              node));
      back.add(
          new PlanStep.Migrate(
              g.vmid(), g.type(), g.name(), m.target(), node, mode, PlanStep.Purpose.RETURN, node));
    }
    for (ClusterState.Guest g : p.cannotMove()) {
      steps.add(
          new PlanStep.Stays(
              g.vmid(), g.name(), node, PlanStep.StayReason.LOCAL_STORAGE, g.running()));
    }
    for (ClusterState.Guest g : p.notFitting()) {
      steps.add(
          new PlanStep.Stays(g.vmid(), g.name(), node, PlanStep.StayReason.NO_ROOM, g.running()));
    }
    steps.add(new PlanStep.Patch(node));
    steps.add(new PlanStep.Reboot(node));
    steps.add(
        new PlanStep.VerifyHealth(
            node,
            PlanStep.Phase.AFTER_REBOOT,
            List.of(
                node + " online", "cluster quorate", "storage active", "Ceph healthy if used")));
    // Return in reverse order of leaving: the smallest first, so the largest finds its node empty
    // enough; the node is empty apart from staying guests, so the order does not affect limits.
    for (int i = back.size() - 1; i >= 0; i--) {
      steps.add(back.get(i));
    }
    return steps;
  }
}
