package dev.vakt.maintenance.capacity;

import dev.vakt.common.Percent;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The N-1 check (MNT-8, STW 10.0): for each node, whether the cluster runs on without it, and if
 * not, how large the remedy is. Exact arithmetic only; every remedy is rounded up (a shortfall of
 * 0.1 core is one core to add). See docs/capacity.md.
 *
 * <p>For the loss of node {@code n}:
 *
 * <ul>
 *   <li>CPU: the configured vCPUs of all counted guests, except those bound to {@code n}'s local
 *       storage, must not exceed {@code cpuOvercommit} × the remaining nodes' physical cores.
 *   <li>RAM: their configured RAM must not exceed {@code ramOvercommit} × the remaining nodes' RAM
 *       minus each node's host reserve.
 *   <li>Placement: {@code n}'s movable guests must also fit node by node ({@link Placer}), so a
 *       cluster that is large enough in sum but too fragmented fails too.
 *   <li>Storage: each shared storage's use must stay within {@code storageMaxUsed} of what is left
 *       of it (hyperconverged storage loses the node's share; external storage loses nothing).
 *   <li>Quorum: more than half of the expected votes (nodes' and QDevice's) must remain.
 * </ul>
 *
 * Guests bound to {@code n}'s local storage cannot run elsewhere: they are reported and make the
 * node's verdict {@link Verdict#LOCAL_GUESTS}, not a capacity shortfall.
 */
public final class NMinusOne {

  /** Bytes in a GiB. */
  public static final long GIB = 1L << 30;

  private NMinusOne() {}

  /** Verdicts, from best to worst. */
  public enum Verdict {
    /** The node's loss affects no guest. */
    OK,
    /** Capacity and quorum suffice, but guests on the node's local storage go down with it. */
    LOCAL_GUESTS,
    /** Capacity, placement, storage or quorum fall short (SLA-9 when the contract says so). */
    SHORTFALL;

    Verdict worst(Verdict other) {
      return other.ordinal() > ordinal() ? other : this;
    }
  }

  /**
   * The whole cluster.
   *
   * @param verdict the worst node's verdict; OK for a cluster without nodes
   * @param rule the limits applied
   * @param now each node as it is, before any loss
   * @param losses per node: what its loss would do
   */
  public record Report(
      Verdict verdict, CapacityRule rule, List<NodeNow> now, List<NodeLoss> losses) {
    public Report {
      now = List.copyOf(now);
      losses = List.copyOf(losses);
    }

    /** The loss of {@code node}, or null. */
    public NodeLoss loss(String node) {
      return losses.stream().filter(l -> l.node().equals(node)).findFirst().orElse(null);
    }
  }

  /**
   * A node as it is.
   *
   * @param node name
   * @param cores physical cores
   * @param ramBytes physical RAM
   * @param vcpus configured vCPUs of its counted guests
   * @param guestRamBytes configured RAM of its counted guests
   * @param cpuRatio vCPUs per core, rounded up to 2 decimals; null without cores
   * @param ramRatio guest RAM per byte of usable RAM, rounded up to 2 decimals; null without RAM
   * @param withinLimits whether the node is within the limits now
   */
  public record NodeNow(
      String node,
      int cores,
      long ramBytes,
      long vcpus,
      long guestRamBytes,
      BigDecimal cpuRatio,
      BigDecimal ramRatio,
      boolean withinLimits) {}

  /**
   * What losing one node does.
   *
   * @param node the node lost
   * @param verdict its verdict
   * @param cpu the CPU check
   * @param ram the RAM check
   * @param storage one check per shared storage
   * @param quorum the quorum check
   * @param placement where its guests would go
   * @param notHaManaged its counted, movable guests that the HA stack would not restart elsewhere
   *     by itself (someone must move them)
   * @param remedies what would fix a shortfall, in words
   */
  public record NodeLoss(
      String node,
      Verdict verdict,
      CpuCheck cpu,
      RamCheck ram,
      List<StorageCheck> storage,
      QuorumCheck quorum,
      Placement placement,
      List<Integer> notHaManaged,
      List<String> remedies) {}

  /**
   * @param vcpus configured vCPUs to run on the remaining nodes
   * @param cores the remaining nodes' physical cores
   * @param limit {@code cpuOvercommit × cores}
   * @param ok {@code vcpus ≤ limit}
   * @param ratioNeeded the overcommit that would be needed, rounded up to 2 decimals; null with no
   *     cores left
   * @param coresToAdd physical cores to add, 0 when ok
   * @param vcpusToRemove configured vCPUs to remove, 0 when ok
   */
  public record CpuCheck(
      long vcpus,
      long cores,
      BigDecimal limit,
      boolean ok,
      BigDecimal ratioNeeded,
      long coresToAdd,
      long vcpusToRemove) {}

  /**
   * @param guestRamBytes configured guest RAM to run on the remaining nodes
   * @param usableRamBytes the remaining nodes' RAM minus each one's host reserve
   * @param limitBytes {@code ramOvercommit × usableRamBytes}
   * @param ok {@code guestRamBytes ≤ limitBytes}
   * @param ratioNeeded the overcommit that would be needed, rounded up to 2 decimals; null with no
   *     RAM left
   * @param gibToAdd GiB of RAM to add to the remaining nodes, 0 when ok
   * @param gibToRemove GiB of configured guest RAM to remove, 0 when ok
   */
  public record RamCheck(
      long guestRamBytes,
      long usableRamBytes,
      BigDecimal limitBytes,
      boolean ok,
      BigDecimal ratioNeeded,
      long gibToAdd,
      long gibToRemove) {}

  /**
   * @param storage storage id
   * @param usedBytes used
   * @param totalBytes size left after the loss
   * @param maxUsed the limit
   * @param ok {@code usedBytes ≤ maxUsed × totalBytes}
   * @param gibToFree GiB to free (less disk), 0 when ok
   * @param gibToAdd GiB of storage to add, 0 when ok; -1 when no size would do (a limit of 0 %)
   */
  public record StorageCheck(
      String storage,
      long usedBytes,
      long totalBytes,
      Percent maxUsed,
      boolean ok,
      long gibToFree,
      long gibToAdd) {}

  /**
   * @param expectedVotes all votes, the QDevice's included
   * @param remainingVotes the votes left without the node
   * @param qdeviceVotes the QDevice's votes, 0 without one
   * @param survives {@code 2 × remainingVotes > expectedVotes}
   * @param qdeviceWouldFix whether adding a one-vote QDevice (where there is none) would be enough
   * @param nodesToAdd one-vote nodes to add so it survives, 0 when it does
   */
  public record QuorumCheck(
      int expectedVotes,
      int remainingVotes,
      int qdeviceVotes,
      boolean survives,
      boolean qdeviceWouldFix,
      int nodesToAdd) {}

  /** Checks the loss of every node. */
  public static Report check(ClusterState state, CapacityRule rule) {
    List<NodeNow> now = new ArrayList<>();
    for (ClusterState.Node n : state.nodes()) {
      long v = 0;
      long r = 0;
      for (ClusterState.Guest g : state.guestsOn(n.name())) {
        if (rule.counts(g)) {
          v += g.vcpus();
          r += g.ramBytes();
        }
      }
      now.add(
          new NodeNow(
              n.name(),
              n.cores(),
              n.ramBytes(),
              v,
              r,
              ratioUp(v, n.cores()),
              ratioUp(r, rule.usableRam(n)),
              rule.within(n, v, r)));
    }
    List<NodeLoss> losses = new ArrayList<>();
    Verdict verdict = Verdict.OK;
    List<ClusterState.Node> ordered = new ArrayList<>(state.nodes());
    ordered.sort(Comparator.comparing(ClusterState.Node::name));
    for (ClusterState.Node n : ordered) {
      NodeLoss loss = lose(state, rule, n);
      losses.add(loss);
      verdict = verdict.worst(loss.verdict());
    }
    return new Report(verdict, rule, now, losses);
  }

  /** What losing {@code lost} does. */
  static NodeLoss lose(ClusterState state, CapacityRule rule, ClusterState.Node lost) {
    long vcpus = 0;
    long ram = 0;
    for (ClusterState.Guest g : state.guests()) {
      if (!rule.counts(g)) {
        continue;
      }
      if (g.node().equals(lost.name()) && g.localStorage()) {
        continue; // goes down with the node: cannot run elsewhere
      }
      vcpus += g.vcpus();
      ram += g.ramBytes();
    }
    long cores = 0;
    long usable = 0;
    for (ClusterState.Node n : state.nodes()) {
      if (!n.name().equals(lost.name())) {
        cores += n.cores();
        usable += rule.usableRam(n);
      }
    }
    CpuCheck cpu = cpu(vcpus, cores, rule.cpuOvercommit());
    RamCheck rc = ram(ram, usable, rule.ramOvercommit());
    List<StorageCheck> storage = new ArrayList<>();
    for (ClusterState.SharedStorage s : state.sharedStorages()) {
      long total = Math.max(0, s.totalBytes() - s.capacityOnNode().getOrDefault(lost.name(), 0L));
      storage.add(storage(s.id(), s.usedBytes(), total, rule.storageMaxUsed()));
    }
    QuorumCheck quorum = quorum(state.expectedVotes(), lost.votes(), state.qdeviceVotes());
    Placement placement = Placer.place(state, rule, lost.name());
    List<Integer> notHa = new ArrayList<>();
    for (Placement.Move m : placement.moves()) {
      if (!m.guest().ha()) {
        notHa.add(m.guest().vmid());
      }
    }
    for (ClusterState.Guest g : placement.notFitting()) {
      if (!g.ha()) {
        notHa.add(g.vmid());
      }
    }
    notHa.sort(Integer::compare);

    boolean shortfall =
        !cpu.ok()
            || !rc.ok()
            || storage.stream().anyMatch(s -> !s.ok())
            || !quorum.survives()
            || !placement.complete();
    Verdict verdict =
        shortfall
            ? Verdict.SHORTFALL
            : placement.cannotMove().isEmpty() ? Verdict.OK : Verdict.LOCAL_GUESTS;
    return new NodeLoss(
        lost.name(),
        verdict,
        cpu,
        rc,
        storage,
        quorum,
        placement,
        notHa,
        remedies(lost.name(), cpu, rc, storage, quorum, placement));
  }

  static CpuCheck cpu(long vcpus, long cores, BigDecimal ratio) {
    BigDecimal limit = ratio.multiply(BigDecimal.valueOf(cores));
    BigDecimal demand = BigDecimal.valueOf(vcpus);
    boolean ok = demand.compareTo(limit) <= 0;
    if (ok) {
      return new CpuCheck(vcpus, cores, limit, true, ratioUp(vcpus, cores), 0, 0);
    }
    long coresNeeded = demand.divide(ratio, 0, RoundingMode.CEILING).longValueExact();
    long floorLimit = limit.setScale(0, RoundingMode.FLOOR).longValueExact();
    return new CpuCheck(
        vcpus, cores, limit, false, ratioUp(vcpus, cores), coresNeeded - cores, vcpus - floorLimit);
  }

  static RamCheck ram(long guestRam, long usable, BigDecimal ratio) {
    BigDecimal limit = ratio.multiply(BigDecimal.valueOf(usable));
    BigDecimal demand = BigDecimal.valueOf(guestRam);
    boolean ok = demand.compareTo(limit) <= 0;
    if (ok) {
      return new RamCheck(guestRam, usable, limit, true, ratioUp(guestRam, usable), 0, 0);
    }
    long bytesNeeded = demand.divide(ratio, 0, RoundingMode.CEILING).longValueExact();
    long floorLimit = limit.setScale(0, RoundingMode.FLOOR).longValueExact();
    return new RamCheck(
        guestRam,
        usable,
        limit,
        false,
        ratioUp(guestRam, usable),
        Math.ceilDiv(bytesNeeded - usable, GIB),
        Math.ceilDiv(guestRam - floorLimit, GIB));
  }

  static StorageCheck storage(String id, long used, long total, Percent max) {
    BigDecimal f = max.fraction();
    BigDecimal limit = f.multiply(BigDecimal.valueOf(total));
    boolean ok = BigDecimal.valueOf(used).compareTo(limit) <= 0;
    if (ok) {
      return new StorageCheck(id, used, total, max, true, 0, 0);
    }
    long floorLimit = limit.setScale(0, RoundingMode.FLOOR).longValueExact();
    long toAdd =
        f.signum() == 0
            ? -1
            : Math.ceilDiv(
                BigDecimal.valueOf(used).divide(f, 0, RoundingMode.CEILING).longValueExact()
                    - total,
                GIB);
    return new StorageCheck(
        id, used, total, max, false, Math.ceilDiv(used - floorLimit, GIB), toAdd);
  }

  static QuorumCheck quorum(int expected, int lostVotes, int qdevice) {
    int remaining = expected - lostVotes;
    boolean survives = 2 * remaining > expected;
    // A one-vote QDevice adds a vote to both sides: 2(R+1) > E+1.
    boolean qdeviceFixes = !survives && qdevice == 0 && 2 * (remaining + 1) > expected + 1;
    // k one-vote nodes: 2(R+k) > E+k, so k > E − 2R.
    int nodes = survives ? 0 : expected - 2 * remaining + 1;
    return new QuorumCheck(expected, remaining, qdevice, survives, qdeviceFixes, nodes);
  }

  private static List<String> remedies(
      String node,
      CpuCheck cpu,
      RamCheck ram,
      List<StorageCheck> storage,
      QuorumCheck quorum,
      Placement placement) {
    List<String> out = new ArrayList<>();
    if (!cpu.ok()) {
      out.add(
          "CPU: add "
              + cpu.coresToAdd()
              + " physical cores, or remove "
              + cpu.vcpusToRemove()
              + " configured vCPUs"
              + (cpu.ratioNeeded() == null
                  ? ""
                  : ", or allow a CPU overcommit of " + cpu.ratioNeeded().toPlainString()));
    }
    if (!ram.ok()) {
      out.add(
          "RAM: add "
              + ram.gibToAdd()
              + " GiB of RAM, or remove "
              + ram.gibToRemove()
              + " GiB of configured guest RAM"
              + (ram.ratioNeeded() == null
                  ? ""
                  : ", or allow a RAM overcommit of " + ram.ratioNeeded().toPlainString()));
    }
    for (StorageCheck s : storage) {
      if (!s.ok()) {
        out.add(
            "storage "
                + s.storage()
                + ": free "
                + s.gibToFree()
                + " GiB"
                + (s.gibToAdd() < 0 ? "" : ", or add " + s.gibToAdd() + " GiB"));
      }
    }
    if (!quorum.survives()) {
      out.add(
          "quorum: "
              + (quorum.qdeviceWouldFix() ? "add a QDevice, or " : "")
              + "add "
              + quorum.nodesToAdd()
              + (quorum.nodesToAdd() == 1 ? " node" : " nodes"));
    }
    if (!placement.complete() && cpu.ok() && ram.ok()) {
      long v = 0;
      long r = 0;
      for (ClusterState.Guest g : placement.notFitting()) {
        v += g.vcpus();
        r += g.ramBytes();
      }
      out.add(
          "placement: "
              + placement.notFitting().size()
              + " guest(s) of "
              + node
              + " fit no single node; make room for "
              + v
              + " vCPUs and "
              + Math.ceilDiv(r, GIB)
              + " GiB on one node, or shrink them");
    }
    if (!placement.cannotMove().isEmpty()) {
      out.add(
          "local storage: "
              + placement.cannotMove().stream().map(ClusterState.Guest::label).toList()
              + " go down with "
              + node
              + "; move their disks to shared storage or replicate them");
    }
    return out;
  }

  /** {@code a / b} rounded up to 2 decimals; null when {@code b} is 0. */
  static BigDecimal ratioUp(long a, long b) {
    if (b <= 0) {
      return null;
    }
    return BigDecimal.valueOf(a).divide(BigDecimal.valueOf(b), 2, RoundingMode.CEILING);
  }
}
