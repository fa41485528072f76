package dev.vakt.maintenance.capacity;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Places the guests of one node on the other nodes (MNT-7): first-fit decreasing by configured RAM
 * (then vCPUs, then vmid), each guest to the node with the most RAM headroom left (then the most
 * vCPU headroom, then the first name). A target never exceeds the {@link CapacityRule}'s limits,
 * counting the guests it already carries. Deterministic: the same state gives the same placement.
 *
 * <p>Bin packing is NP-hard; this heuristic may report a guest as not fitting where a cleverer
 * packing (or moving guests between the remaining nodes) would find room. It never reports a
 * placement that breaks a limit.
 */
public final class Placer {

  private Placer() {}

  /** Guest order: largest RAM first, then most vCPUs, then the lowest vmid. */
  static final Comparator<ClusterState.Guest> DECREASING =
      Comparator.comparingLong(ClusterState.Guest::ramBytes)
          .reversed()
          .thenComparing(Comparator.comparingInt(ClusterState.Guest::vcpus).reversed())
          .thenComparingInt(ClusterState.Guest::vmid);

  /** What a node carries: configured vCPUs and RAM of the guests that count. */
  record Load(long vcpus, long ram) {
    Load plus(ClusterState.Guest g) {
      return new Load(vcpus + g.vcpus(), ram + g.ramBytes());
    }
  }

  /**
   * Empties {@code source}: every guest on it that counts under the rule and is not bound to local
   * storage is placed on another node, or reported as not fitting.
   */
  public static Placement place(ClusterState state, CapacityRule rule, String source) {
    if (state.node(source) == null) {
      throw new IllegalArgumentException("no node " + source + " in the cluster");
    }
    Map<String, Load> loads = new LinkedHashMap<>();
    for (ClusterState.Node n : state.nodes()) {
      if (!n.name().equals(source)) {
        loads.put(n.name(), new Load(0, 0));
      }
    }
    for (ClusterState.Guest g : state.guests()) {
      if (rule.counts(g) && loads.containsKey(g.node())) {
        loads.compute(g.node(), (k, l) -> l.plus(g));
      }
    }
    List<ClusterState.Guest> movable = new ArrayList<>();
    List<ClusterState.Guest> cannotMove = new ArrayList<>();
    List<ClusterState.Guest> notCounted = new ArrayList<>();
    for (ClusterState.Guest g : state.guestsOn(source)) {
      if (!rule.counts(g)) {
        notCounted.add(g);
      } else if (g.localStorage()) {
        cannotMove.add(g);
      } else {
        movable.add(g);
      }
    }
    movable.sort(DECREASING);
    List<Placement.Move> moves = new ArrayList<>();
    List<ClusterState.Guest> notFitting = new ArrayList<>();
    for (ClusterState.Guest g : movable) {
      ClusterState.Node best = null;
      BigDecimal bestRam = null;
      BigDecimal bestCpu = null;
      for (ClusterState.Node n : state.nodes()) {
        Load l = loads.get(n.name());
        if (l == null || !rule.canHost(n, g)) {
          continue;
        }
        Load after = l.plus(g);
        if (!rule.within(n, after.vcpus(), after.ram())) {
          continue;
        }
        BigDecimal ramRoom = rule.ramLimit(n).subtract(BigDecimal.valueOf(l.ram()));
        BigDecimal cpuRoom = rule.cpuLimit(n).subtract(BigDecimal.valueOf(l.vcpus()));
        int c = best == null ? 1 : ramRoom.compareTo(bestRam);
        if (c == 0) {
          c = cpuRoom.compareTo(bestCpu);
        }
        if (c == 0) {
          c = best.name().compareTo(n.name());
        }
        if (c > 0) {
          best = n;
          bestRam = ramRoom;
          bestCpu = cpuRoom;
        }
      }
      if (best == null) {
        notFitting.add(g);
      } else {
        loads.compute(best.name(), (k, l) -> l.plus(g));
        moves.add(new Placement.Move(g, source, best.name()));
      }
    }
    notFitting.sort(Comparator.comparingInt(ClusterState.Guest::vmid));
    return new Placement(source, moves, notFitting, cannotMove, notCounted);
  }
}
