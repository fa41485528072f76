package dev.vakt.maintenance.capacity;

import static dev.vakt.maintenance.capacity.NMinusOne.GIB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.common.Percent;
import dev.vakt.maintenance.capacity.ClusterState.Guest;
import dev.vakt.maintenance.capacity.ClusterState.Node;
import dev.vakt.maintenance.capacity.ClusterState.SharedStorage;
import dev.vakt.maintenance.capacity.NMinusOne.Verdict;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The N-1 check on hand-computed clusters (MNT-8, STW 10.0). Every expected number is worked out in
 * the comment above it; a shortfall here is what SLA-9 classifies as the customer's risk.
 */
class NMinusOneTest {

  static Node node(String name, int cores, long ramGib) {
    return Node.of(name, cores, ramGib * GIB);
  }

  static Guest vm(int id, String node, int vcpus, long ramGib) {
    return Guest.vm(id, node, vcpus, ramGib * GIB);
  }

  static ClusterState cluster(List<Node> nodes, List<Guest> guests) {
    return new ClusterState(nodes, guests, List.of(), 0);
  }

  @Test
  void threeNodesWithRoomPassEveryLoss_MNT8() {
    // 3 × (16 cores, 128 GiB), cpuOvercommit 4, ramOvercommit 1.0.
    // Guests: 24 vCPUs and 96 GiB in all. Losing pve1 leaves 32 cores (limit 128 vCPUs) and
    // 256 GiB: both fit.
    ClusterState c =
        cluster(
            List.of(node("pve1", 16, 128), node("pve2", 16, 128), node("pve3", 16, 128)),
            List.of(
                vm(100, "pve1", 8, 32), vm(101, "pve1", 4, 16),
                vm(102, "pve2", 8, 32), vm(103, "pve3", 4, 16)));
    NMinusOne.Report r = NMinusOne.check(c, CapacityRule.of("4", "1"));
    assertThat(r.verdict()).isEqualTo(Verdict.OK);
    NMinusOne.NodeLoss l = r.loss("pve1");
    assertThat(l.cpu().vcpus()).isEqualTo(24);
    assertThat(l.cpu().cores()).isEqualTo(32);
    assertThat(l.cpu().limit()).isEqualByComparingTo("128");
    // 24 / 32 = 0.75
    assertThat(l.cpu().ratioNeeded()).isEqualByComparingTo("0.75");
    assertThat(l.ram().usableRamBytes()).isEqualTo(256 * GIB);
    // Placement (MNT-7): 100 (32 GiB) first, to the node with most RAM headroom: pve3 has
    // 128 − 16 = 112 GiB, pve2 128 − 32 = 96 GiB → pve3. Then 101 (16 GiB): pve2 96 GiB,
    // pve3 112 − 32 = 80 GiB → pve2.
    assertThat(l.placement().moves())
        .extracting(m -> m.guest().vmid() + "->" + m.target())
        .containsExactly("100->pve3", "101->pve2");
    assertThat(l.quorum().survives()).isTrue();
    assertThat(l.remedies()).isEmpty();
  }

  @Test
  void threeNodesOverCommittedSoOneLossBreaksRam_MNT8_SLA9() {
    // 3 × (16 cores, 64 GiB), ramOvercommit 1.0; each node carries 2 × 24 GiB = 48 GiB.
    // All guests: 144 GiB. Losing a node leaves 128 GiB: 16 GiB short.
    // RAM to add: 144 / 1.0 − 128 = 16 GiB; guest RAM to remove: 144 − 128 = 16 GiB;
    // overcommit needed: 144 / 128 = 1.125 → rounded up 1.13.
    ClusterState c =
        cluster(
            List.of(node("pve1", 16, 64), node("pve2", 16, 64), node("pve3", 16, 64)),
            List.of(
                vm(100, "pve1", 4, 24), vm(101, "pve1", 4, 24),
                vm(102, "pve2", 4, 24), vm(103, "pve2", 4, 24),
                vm(104, "pve3", 4, 24), vm(105, "pve3", 4, 24)));
    NMinusOne.Report r = NMinusOne.check(c, CapacityRule.of("4", "1"));
    assertThat(r.verdict()).isEqualTo(Verdict.SHORTFALL);
    assertThat(r.now()).allMatch(NMinusOne.NodeNow::withinLimits);
    for (NMinusOne.NodeLoss l : r.losses()) {
      assertThat(l.verdict()).isEqualTo(Verdict.SHORTFALL);
      assertThat(l.cpu().ok()).isTrue();
      assertThat(l.ram().ok()).isFalse();
      assertThat(l.ram().gibToAdd()).isEqualTo(16);
      assertThat(l.ram().gibToRemove()).isEqualTo(16);
      assertThat(l.ram().ratioNeeded()).isEqualByComparingTo("1.13");
      // Each other node has 64 − 48 = 16 GiB free: neither 24 GiB guest fits.
      assertThat(l.placement().notFitting()).hasSize(2);
    }
    assertThat(r.loss("pve1").remedies())
        .containsExactly(
            "RAM: add 16 GiB of RAM, or remove 16 GiB of configured guest RAM,"
                + " or allow a RAM overcommit of 1.13");

    // With 2 GiB reserved per host: usable 2 × 62 = 124 GiB, so 144 − 124 = 20 GiB to add.
    NMinusOne.Report reserved = NMinusOne.check(c, CapacityRule.of("4", "1").withReserve(2 * GIB));
    assertThat(reserved.loss("pve2").ram().gibToAdd()).isEqualTo(20);
  }

  @Test
  void cpuShortfallIsRoundedUpToWholeCores_MNT8() {
    // 3 × 4 cores, 64 GiB; cpuOvercommit 3.5; each node 3 × 4 vCPUs = 12, all 36.
    // Losing one: 8 cores, limit 3.5 × 8 = 28 < 36.
    // Cores needed: 36 / 3.5 = 10.29 → 11, so 11 − 8 = 3 to add (10 cores give 35 < 36).
    // vCPUs to remove: 36 − 28 = 8. Overcommit needed: 36 / 8 = 4.50.
    ClusterState c =
        cluster(
            List.of(node("a", 4, 64), node("b", 4, 64), node("c", 4, 64)),
            List.of(
                vm(1, "a", 4, 1),
                vm(2, "a", 4, 1),
                vm(3, "a", 4, 1),
                vm(4, "b", 4, 1),
                vm(5, "b", 4, 1),
                vm(6, "b", 4, 1),
                vm(7, "c", 4, 1),
                vm(8, "c", 4, 1),
                vm(9, "c", 4, 1)));
    NMinusOne.NodeLoss l = NMinusOne.check(c, CapacityRule.of("3.5", "1")).loss("a");
    assertThat(l.cpu().ok()).isFalse();
    assertThat(l.cpu().coresToAdd()).isEqualTo(3);
    assertThat(l.cpu().vcpusToRemove()).isEqualTo(8);
    assertThat(l.cpu().ratioNeeded()).isEqualByComparingTo("4.50");
    assertThat(l.remedies().getFirst())
        .isEqualTo(
            "CPU: add 3 physical cores, or remove 8 configured vCPUs,"
                + " or allow a CPU overcommit of 4.50");
  }

  @Test
  void aQuarterCoreShortIsOneCoreToAdd_MNT8() {
    // 41 vCPUs on 10 cores at 4.0: 41 / 4 = 10.25 cores needed → 11 → 1 to add; remove 1 vCPU.
    NMinusOne.CpuCheck c = NMinusOne.cpu(41, 10, new BigDecimal("4.0"));
    assertThat(c.ok()).isFalse();
    assertThat(c.coresToAdd()).isEqualTo(1);
    assertThat(c.vcpusToRemove()).isEqualTo(1);
    assertThat(c.ratioNeeded()).isEqualByComparingTo("4.10");
    // One byte too much RAM is still a whole GiB to add.
    NMinusOne.RamCheck r = NMinusOne.ram(64 * GIB + 1, 64 * GIB, BigDecimal.ONE);
    assertThat(r.gibToAdd()).isEqualTo(1);
    assertThat(r.gibToRemove()).isEqualTo(1);
  }

  @Test
  void twoNodesWithAQDeviceKeepQuorum_MNT8() {
    // Votes: 1 + 1 + QDevice 1 = 3. Losing a node leaves 2; 2 × 2 = 4 > 3: quorate.
    ClusterState c =
        new ClusterState(
            List.of(node("pve1", 32, 256), node("pve2", 32, 256)),
            List.of(vm(100, "pve1", 8, 32), vm(101, "pve2", 8, 32)),
            List.of(),
            1);
    NMinusOne.Report r = NMinusOne.check(c, CapacityRule.of("4", "1"));
    assertThat(r.verdict()).isEqualTo(Verdict.OK);
    NMinusOne.QuorumCheck q = r.loss("pve1").quorum();
    assertThat(q.expectedVotes()).isEqualTo(3);
    assertThat(q.remainingVotes()).isEqualTo(2);
    assertThat(q.survives()).isTrue();
  }

  @Test
  void twoNodesWithoutAQDeviceLoseQuorum_MNT8() {
    // Votes: 2. Losing a node leaves 1; 2 × 1 = 2, not > 2: no quorum, capacity aside.
    // A QDevice fixes it (2 × 2 > 3); so would 1 node (E − 2R + 1 = 2 − 2 + 1 = 1: 2 × 2 > 3).
    ClusterState c =
        cluster(
            List.of(node("pve1", 32, 256), node("pve2", 32, 256)),
            List.of(vm(100, "pve1", 8, 32), vm(101, "pve2", 8, 32)));
    NMinusOne.Report r = NMinusOne.check(c, CapacityRule.of("4", "1"));
    assertThat(r.verdict()).isEqualTo(Verdict.SHORTFALL);
    NMinusOne.NodeLoss l = r.loss("pve2");
    assertThat(l.cpu().ok()).isTrue();
    assertThat(l.ram().ok()).isTrue();
    assertThat(l.quorum().survives()).isFalse();
    assertThat(l.quorum().qdeviceWouldFix()).isTrue();
    assertThat(l.quorum().nodesToAdd()).isEqualTo(1);
    assertThat(l.remedies()).containsExactly("quorum: add a QDevice, or add 1 node");
  }

  @Test
  void fourNodesWhereOneHasTwoVotes_MNT8() {
    // Votes 2 + 1 + 1 + 1 = 5. Losing the 2-vote node leaves 3 > 2.5: quorate.
    ClusterState c =
        cluster(
            List.of(
                node("a", 8, 64).withVotes(2),
                node("b", 8, 64),
                node("c", 8, 64),
                node("d", 8, 64)),
            List.of());
    assertThat(NMinusOne.check(c, CapacityRule.of("4", "1")).verdict()).isEqualTo(Verdict.OK);
    // Two-node-class failure: votes 3 + 1 → losing "a" leaves 1 of 4: 3 nodes needed
    // (E − 2R + 1 = 4 − 2 + 1 = 3: 2 × (1 + 3) = 8 > 7); a QDevice alone does not do (4 > 5 no).
    NMinusOne.QuorumCheck q = NMinusOne.quorum(4, 3, 0);
    assertThat(q.survives()).isFalse();
    assertThat(q.qdeviceWouldFix()).isFalse();
    assertThat(q.nodesToAdd()).isEqualTo(3);
  }

  @Test
  void guestsOnLocalStorageCannotMoveAndAreReported_MNT8() {
    // pve1 carries 110 on local ZFS: it goes down with pve1 and is not counted as demand on the
    // others. Capacity suffices, so the verdict is LOCAL_GUESTS, not a shortfall.
    ClusterState c =
        cluster(
            List.of(node("pve1", 16, 128), node("pve2", 16, 128), node("pve3", 16, 128)),
            List.of(
                vm(100, "pve1", 4, 16),
                vm(110, "pve1", 4, 64).onLocalStorage(),
                vm(102, "pve2", 4, 16)));
    NMinusOne.Report r = NMinusOne.check(c, CapacityRule.of("4", "1"));
    assertThat(r.verdict()).isEqualTo(Verdict.LOCAL_GUESTS);
    NMinusOne.NodeLoss l = r.loss("pve1");
    assertThat(l.verdict()).isEqualTo(Verdict.LOCAL_GUESTS);
    assertThat(l.placement().cannotMove()).extracting(Guest::vmid).containsExactly(110);
    assertThat(l.placement().moves()).extracting(m -> m.guest().vmid()).containsExactly(100);
    // Demand without 110: 100 + 102 = 8 vCPUs, 32 GiB.
    assertThat(l.cpu().vcpus()).isEqualTo(8);
    assertThat(l.ram().guestRamBytes()).isEqualTo(32 * GIB);
    assertThat(l.notHaManaged()).containsExactly(100);
    assertThat(r.loss("pve2").verdict()).isEqualTo(Verdict.OK);
  }

  @Test
  void enoughInSumButNoSingleNodeHasRoom_MNT7_MNT8() {
    // 3 × 64 GiB. Losing pve1: 48 + 32 + 32 = 112 ≤ 128 GiB in sum, but pve2 and pve3 have
    // 32 GiB free each: the 48 GiB guest fits nowhere.
    ClusterState c =
        cluster(
            List.of(node("pve1", 16, 64), node("pve2", 16, 64), node("pve3", 16, 64)),
            List.of(vm(100, "pve1", 4, 48), vm(101, "pve2", 4, 32), vm(102, "pve3", 4, 32)));
    NMinusOne.NodeLoss l = NMinusOne.check(c, CapacityRule.of("4", "1")).loss("pve1");
    assertThat(l.ram().ok()).isTrue();
    assertThat(l.verdict()).isEqualTo(Verdict.SHORTFALL);
    assertThat(l.placement().notFitting()).extracting(Guest::vmid).containsExactly(100);
    assertThat(l.remedies())
        .containsExactly(
            "placement: 1 guest(s) of pve1 fit no single node; make room for 4 vCPUs and 48 GiB"
                + " on one node, or shrink them");
  }

  @Test
  void sharedStorageLimitAndHyperconvergedShare_MNT8() {
    // ceph: 1000 GiB usable, pve1 contributes 200 GiB of it; 700 GiB used; limit 80 %.
    // Losing pve1: 800 GiB left, limit 640 GiB < 700: free 60 GiB, or add 700 / 0.8 − 800 = 75.
    // Losing pve2 (contributes nothing here): 1000 GiB, limit 800 ≥ 700: fine.
    // nfs: 100 GiB, 85 GiB used: over 80 GiB on any loss: free 5 GiB or add 85/0.8 − 100 =
    // 6.25 → 7 GiB.
    ClusterState c =
        new ClusterState(
            List.of(node("pve1", 16, 128), node("pve2", 16, 128), node("pve3", 16, 128)),
            List.of(),
            List.of(
                new SharedStorage("ceph", 1000 * GIB, 700 * GIB, Map.of("pve1", 200 * GIB)),
                new SharedStorage("nfs", 100 * GIB, 85 * GIB, Map.of())),
            0);
    CapacityRule rule = CapacityRule.of("4", "1").withStorageMaxUsed(Percent.of("80"));
    NMinusOne.Report r = NMinusOne.check(c, rule);
    NMinusOne.StorageCheck ceph1 = r.loss("pve1").storage().get(0);
    assertThat(ceph1.ok()).isFalse();
    assertThat(ceph1.totalBytes()).isEqualTo(800 * GIB);
    assertThat(ceph1.gibToFree()).isEqualTo(60);
    assertThat(ceph1.gibToAdd()).isEqualTo(75);
    assertThat(r.loss("pve2").storage().get(0).ok()).isTrue();
    NMinusOne.StorageCheck nfs = r.loss("pve2").storage().get(1);
    assertThat(nfs.ok()).isFalse();
    assertThat(nfs.gibToFree()).isEqualTo(5);
    assertThat(nfs.gibToAdd()).isEqualTo(7);
    assertThat(r.verdict()).isEqualTo(Verdict.SHORTFALL);
  }

  @Test
  void theGuestRuleDecidesWhetherStoppedGuestsCount_MNT8() {
    // 2 × 32 GiB + QDevice. pve1: a running 16 GiB VM and a stopped 24 GiB one; pve2: 16 GiB.
    // ALL: losing pve1 puts 16 + 24 + 16 = 56 GiB on 32: short 24 GiB.
    // RUNNING: 16 + 16 = 32 ≤ 32: fine; the stopped guest stays (not counted).
    ClusterState c =
        new ClusterState(
            List.of(node("pve1", 8, 32), node("pve2", 8, 32)),
            List.of(
                vm(100, "pve1", 2, 16), vm(101, "pve1", 2, 24).stopped(), vm(102, "pve2", 2, 16)),
            List.of(),
            1);
    NMinusOne.NodeLoss all = NMinusOne.check(c, CapacityRule.of("4", "1")).loss("pve1");
    assertThat(all.ram().gibToAdd()).isEqualTo(24);
    NMinusOne.NodeLoss running =
        NMinusOne.check(c, CapacityRule.of("4", "1").withGuestRule(CapacityRule.GuestRule.RUNNING))
            .loss("pve1");
    assertThat(running.verdict()).isEqualTo(Verdict.OK);
    assertThat(running.placement().notCounted()).extracting(Guest::vmid).containsExactly(101);
  }

  @Test
  void aGuestWiderThanTheTargetCannotBePlaced_MNT7() {
    // 24 vCPUs on a node with 16 logical CPUs cannot start, whatever the overcommit says.
    ClusterState c =
        cluster(
            List.of(node("big", 32, 256), node("small", 16, 256), node("small2", 16, 256)),
            List.of(vm(100, "big", 24, 8)));
    Placement p = Placer.place(c, CapacityRule.of("4", "1"), "big");
    assertThat(p.notFitting()).extracting(Guest::vmid).containsExactly(100);
  }

  @Test
  void contractWithoutRatiosAssumesNoOvercommit_MNT8() {
    CapacityRule r = CapacityRule.of(null, 0, null);
    assertThat(r.cpuOvercommit()).isEqualByComparingTo("1");
    assertThat(r.guestRule()).isEqualTo(CapacityRule.GuestRule.ALL);
    assertThat(r.assumed()).hasSize(3);
  }
}
