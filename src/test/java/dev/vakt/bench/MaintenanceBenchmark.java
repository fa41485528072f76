package dev.vakt.bench;

import dev.vakt.inventory.Server;
import dev.vakt.maintenance.capacity.CapacityRule;
import dev.vakt.maintenance.capacity.ClusterState;
import dev.vakt.maintenance.capacity.NMinusOne;
import dev.vakt.maintenance.capacity.PlanStep;
import dev.vakt.maintenance.capacity.RollingPlan;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The N-1 check and the rolling-maintenance plan on a large synthetic cluster (issue 8, MNT-7,
 * MNT-8): by default 32 nodes and 3,000 guests. Both are what a dry run and the start of a run
 * compute before anything is sent to the cluster. Measures, after a warm-up:
 *
 * <ul>
 *   <li><b>N-1 check</b>: {@code NMinusOne.check}, which places every node's guests on the others
 *       (one placement per node) and checks CPU, RAM, storage and quorum for each loss;
 *   <li><b>rolling plan</b>: {@code RollingPlan.of}, the ordered steps of every node's maintenance
 *       with its placement.
 * </ul>
 *
 * <p>The cluster is generated from a fixed seed: 64 cores and 768 GiB per node, 3 of every 32 nodes
 * secondary and one primary; guests of 1 to 4 vCPUs and 1 to 12 GiB, one in 20 on local storage,
 * one in 10 stopped, one in 5 HA-managed; 4:1 CPU and 1:1 RAM overcommit, shared storage 50 % used.
 * {@code bench/maintenance.sh NODES GUESTS RUNS}.
 */
public final class MaintenanceBenchmark {

  private static final long GIB = 1L << 30;

  private MaintenanceBenchmark() {}

  public static void main(String[] args) {
    int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 32;
    int guests = args.length > 1 ? Integer.parseInt(args[1]) : 3_000;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 30;
    ClusterState state = cluster(nodes, guests, new SplittableRandom(20261126));
    CapacityRule rule = CapacityRule.of("4.0", "1.0");
    NMinusOne.Report report = NMinusOne.check(state, rule);
    RollingPlan plan = RollingPlan.of(state, rule);
    long moves = plan.steps().stream().filter(s -> s instanceof PlanStep.Migrate).count();
    System.out.printf(
        "%d nodes, %,d guests: N-1 verdict %s; plan of %,d steps (%,d moves), blocked %s%n",
        nodes, guests, report.verdict(), plan.steps().size(), moves, plan.blocked());
    for (int i = 0; i < 20; i++) {
      NMinusOne.check(state, rule);
      RollingPlan.of(state, rule);
    }
    double[] check = new double[runs];
    double[] rolling = new double[runs];
    for (int run = 0; run < runs; run++) {
      long t0 = System.nanoTime();
      NMinusOne.Report r = NMinusOne.check(state, rule);
      check[run] = (System.nanoTime() - t0) / 1e6;
      long t1 = System.nanoTime();
      RollingPlan p = RollingPlan.of(state, rule);
      rolling[run] = (System.nanoTime() - t1) / 1e6;
      if (r.losses().size() != nodes || p.order().size() != nodes) {
        throw new IllegalStateException("incomplete result");
      }
    }
    System.out.printf(
        "N-1 check: %s ms; rolling plan: %s ms (median [min-max] of %d runs)%n",
        summary(check), summary(rolling), runs);
  }

  static ClusterState cluster(int nodes, int guests, SplittableRandom random) {
    List<ClusterState.Node> ns = new ArrayList<>();
    for (int i = 0; i < nodes; i++) {
      Server.Role role = i == 0 ? Server.Role.PRIMARY : i % 32 < 4 ? Server.Role.SECONDARY : null;
      ns.add(new ClusterState.Node("pve" + i, 64, 128, 768 * GIB, 1, null, role));
    }
    List<ClusterState.Guest> gs = new ArrayList<>();
    for (int i = 0; i < guests; i++) {
      String node = "pve" + (i % nodes);
      boolean lxc = random.nextInt(4) == 0;
      gs.add(
          new ClusterState.Guest(
              100 + i,
              "guest" + i,
              lxc ? "lxc" : "qemu",
              node,
              1 + random.nextInt(4),
              (1 + random.nextInt(12)) * GIB,
              32 * GIB,
              random.nextInt(20) == 0,
              random.nextInt(10) != 0,
              random.nextInt(5) == 0,
              false));
    }
    long shared = 400L * 1024 * GIB;
    return new ClusterState(
        ns, gs, List.of(new ClusterState.SharedStorage("ceph-vm", shared, shared / 2, null)), 0);
  }

  private static String summary(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return String.format(
        "%,.1f [%,.1f-%,.1f]", sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1]);
  }
}
