package dev.vakt.maintenance.capacity;

import static dev.vakt.maintenance.capacity.NMinusOne.GIB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.maintenance.capacity.ClusterState.Guest;
import dev.vakt.maintenance.capacity.ClusterState.Node;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Properties of the placement and the N-1 check for any cluster (MNT-7, MNT-8; SLA-9 rests on the
 * verdict being right).
 */
class CapacityProperties {

  record Case(ClusterState state, CapacityRule rule) {}

  @Provide
  Arbitrary<Case> clusters() {
    Arbitrary<List<Node>> nodes =
        Combinators.combine(
                Arbitraries.integers().between(1, 64),
                Arbitraries.longs().between(1, 512),
                Arbitraries.of(1, 1, 1, 2, 0),
                Arbitraries.longs().between(0, GIB - 1))
            .as((cores, gib, votes, extra) -> new long[] {cores, gib, votes, extra})
            .list()
            .ofMinSize(1)
            .ofMaxSize(5)
            .map(
                specs -> {
                  List<Node> out = new ArrayList<>();
                  for (int i = 0; i < specs.size(); i++) {
                    long[] s = specs.get(i);
                    out.add(
                        new Node(
                            "pve" + i,
                            (int) s[0],
                            (int) s[0] * 2,
                            s[1] * GIB + s[3],
                            (int) s[2],
                            null,
                            null));
                  }
                  return out;
                });
    Arbitrary<long[]> guestSpecs =
        Combinators.combine(
                Arbitraries.integers().between(0, 4), // node index (mod node count)
                Arbitraries.integers().between(0, 32), // vCPUs
                Arbitraries.longs().between(0, 48 * GIB), // RAM, any byte count
                Arbitraries.integers().between(0, 99)) // flags
            .as((n, v, r, f) -> new long[] {n, v, r, f});
    Arbitrary<CapacityRule> rules =
        Combinators.combine(
                Arbitraries.of("1", "1.5", "2", "3", "3.5", "4", "8"),
                Arbitraries.of("1", "1.2", "1.5", "2"),
                Arbitraries.of(0L, 2 * GIB, 4 * GIB + 7),
                Arbitraries.of(CapacityRule.GuestRule.class))
            .as(
                (cpu, ram, reserve, gr) ->
                    CapacityRule.of(cpu, ram).withReserve(reserve).withGuestRule(gr));
    return Combinators.combine(
            nodes, guestSpecs.list().ofMaxSize(30), rules, Arbitraries.integers().between(0, 1))
        .as(
            (ns, gs, rule, qdevice) -> {
              List<Guest> guests = new ArrayList<>();
              for (int i = 0; i < gs.size(); i++) {
                long[] g = gs.get(i);
                long f = g[3];
                guests.add(
                    new Guest(
                        100 + i,
                        null,
                        f % 7 == 0 ? "lxc" : "qemu",
                        ns.get((int) (g[0] % ns.size())).name(),
                        (int) g[1],
                        g[2],
                        0,
                        f < 10, // 10 % on local storage
                        f >= 20, // 80 % running
                        f % 3 == 0,
                        f == 50 || f == 51)); // a few templates
              }
              return new Case(new ClusterState(ns, guests, List.of(), qdevice), rule);
            });
  }

  /** Loads of the counted guests per node, after applying {@code moves}. */
  static Map<String, long[]> loadsAfter(Case c, Placement p) {
    Map<Integer, String> where = new HashMap<>();
    for (Guest g : c.state().guests()) {
      where.put(g.vmid(), g.node());
    }
    for (Placement.Move m : p.moves()) {
      where.put(m.guest().vmid(), m.target());
    }
    Map<String, long[]> loads = new HashMap<>();
    for (Guest g : c.state().guests()) {
      if (c.rule().counts(g)) {
        long[] l = loads.computeIfAbsent(where.get(g.vmid()), k -> new long[2]);
        l[0] += g.vcpus();
        l[1] += g.ramBytes();
      }
    }
    return loads;
  }

  @Property
  void aPlacementNeverPushesATargetPastItsCpuOrRamLimit_MNT7(@ForAll("clusters") Case c) {
    for (Node source : c.state().nodes()) {
      Placement p = Placer.place(c.state(), c.rule(), source.name());
      Map<String, long[]> after = loadsAfter(c, p);
      Set<String> targets = new HashSet<>();
      for (Placement.Move m : p.moves()) {
        assertThat(m.target()).isNotEqualTo(source.name());
        assertThat(c.rule().canHost(c.state().node(m.target()), m.guest())).isTrue();
        targets.add(m.target());
      }
      for (String t : targets) {
        Node n = c.state().node(t);
        long[] l = after.get(t);
        // Exact check, independent of CapacityRule.within.
        assertThat(BigDecimal.valueOf(l[0]))
            .isLessThanOrEqualTo(c.rule().cpuOvercommit().multiply(BigDecimal.valueOf(n.cores())));
        assertThat(BigDecimal.valueOf(l[1]))
            .isLessThanOrEqualTo(
                c.rule()
                    .ramOvercommit()
                    .multiply(
                        BigDecimal.valueOf(
                            Math.max(0, n.ramBytes() - c.rule().hostReservedRamBytes()))));
      }
    }
  }

  @Property
  void everyGuestOfTheNodeIsPlacedOrReportedExactlyOnce_MNT7(@ForAll("clusters") Case c) {
    for (Node source : c.state().nodes()) {
      Placement p = Placer.place(c.state(), c.rule(), source.name());
      List<Integer> seen = new ArrayList<>();
      p.moves().forEach(m -> seen.add(m.guest().vmid()));
      p.notFitting().forEach(g -> seen.add(g.vmid()));
      p.cannotMove().forEach(g -> seen.add(g.vmid()));
      p.notCounted().forEach(g -> seen.add(g.vmid()));
      assertThat(seen)
          .containsExactlyInAnyOrderElementsOf(
              c.state().guestsOn(source.name()).stream().map(Guest::vmid).toList());
      for (Guest g : c.state().guestsOn(source.name())) {
        boolean movable = c.rule().counts(g) && !g.localStorage();
        boolean placedOrNot =
            p.moves().stream().anyMatch(m -> m.guest().equals(g)) || p.notFitting().contains(g);
        assertThat(placedOrNot).isEqualTo(movable);
        assertThat(p.cannotMove().contains(g)).isEqualTo(c.rule().counts(g) && g.localStorage());
      }
    }
  }

  @Property
  void nMinusOneOkMeansEveryNodeCanBeEmptied_MNT8(@ForAll("clusters") Case c) {
    NMinusOne.Report r = NMinusOne.check(c.state(), c.rule());
    Statistics.label("verdict").collect(r.verdict());
    if (r.verdict() != NMinusOne.Verdict.SHORTFALL) {
      for (Node n : c.state().nodes()) {
        Placement p = Placer.place(c.state(), c.rule(), n.name());
        assertThat(p.complete()).isTrue();
        // ...and every node that carries the moved guests stays within the limits.
        Map<String, long[]> after = loadsAfter(c, p);
        for (Placement.Move m : p.moves()) {
          long[] l = after.get(m.target());
          assertThat(c.rule().within(c.state().node(m.target()), l[0], l[1])).isTrue();
        }
        assertThat(r.loss(n.name()).quorum().survives()).isTrue();
      }
    }
  }

  @Property
  void remediesAreTheSmallestWholeAmountThatFixesTheShortfall_MNT8(@ForAll("clusters") Case c) {
    for (NMinusOne.NodeLoss l : NMinusOne.check(c.state(), c.rule()).losses()) {
      NMinusOne.CpuCheck cpu = l.cpu();
      if (!cpu.ok()) {
        BigDecimal r = c.rule().cpuOvercommit();
        long enough = cpu.cores() + cpu.coresToAdd();
        assertThat(r.multiply(BigDecimal.valueOf(enough)))
            .isGreaterThanOrEqualTo(BigDecimal.valueOf(cpu.vcpus()));
        assertThat(r.multiply(BigDecimal.valueOf(enough - 1)))
            .isLessThan(BigDecimal.valueOf(cpu.vcpus()));
        assertThat(NMinusOne.cpu(cpu.vcpus() - cpu.vcpusToRemove(), cpu.cores(), r).ok()).isTrue();
        assertThat(NMinusOne.cpu(cpu.vcpus() - cpu.vcpusToRemove() + 1, cpu.cores(), r).ok())
            .isFalse();
      }
      NMinusOne.RamCheck ram = l.ram();
      if (!ram.ok()) {
        BigDecimal r = c.rule().ramOvercommit();
        assertThat(
                NMinusOne.ram(ram.guestRamBytes(), ram.usableRamBytes() + ram.gibToAdd() * GIB, r)
                    .ok())
            .isTrue();
        assertThat(
                NMinusOne.ram(
                        ram.guestRamBytes(), ram.usableRamBytes() + (ram.gibToAdd() - 1) * GIB, r)
                    .ok())
            .isFalse();
        assertThat(
                NMinusOne.ram(
                        ram.guestRamBytes() - ram.gibToRemove() * GIB, ram.usableRamBytes(), r)
                    .ok())
            .isTrue();
      }
      NMinusOne.QuorumCheck q = l.quorum();
      if (!q.survives()) {
        int k = q.nodesToAdd();
        assertThat(2 * (q.remainingVotes() + k)).isGreaterThan(q.expectedVotes() + k);
        assertThat(2 * (q.remainingVotes() + k - 1)).isLessThanOrEqualTo(q.expectedVotes() + k - 1);
      }
    }
  }

  @Property
  void thePlanIsDeterministic_MNT7(@ForAll("clusters") Case c) {
    assertThat(RollingPlan.of(c.state(), c.rule())).isEqualTo(RollingPlan.of(c.state(), c.rule()));
  }
}
