package dev.vakt.maintenance.capacity;

import static dev.vakt.maintenance.capacity.NMinusOne.GIB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.inventory.Server;
import dev.vakt.maintenance.capacity.ClusterState.Guest;
import dev.vakt.maintenance.capacity.ClusterState.Node;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The dry run of a rolling maintenance (MNT-4: secondary nodes first; MNT-7: no downtime). */
class RollingPlanTest {

  @Test
  void secondaryNodesFirstThenPrimaryEachEmptiedPatchedRebootedAndRefilled_MNT4_MNT7() {
    ClusterState c =
        new ClusterState(
            List.of(
                Node.of("pve1", 16, 128 * GIB).withRole(Server.Role.PRIMARY),
                Node.of("pve2", 16, 128 * GIB).withRole(Server.Role.SECONDARY),
                Node.of("pve3", 16, 128 * GIB).withRole(Server.Role.SECONDARY)),
            List.of(
                Guest.vm(100, "pve1", 4, 32 * GIB),
                Guest.vm(101, "pve2", 4, 16 * GIB),
                new Guest(200, "mail", "lxc", "pve2", 2, 2 * GIB, 0, false, true, false, false),
                Guest.vm(102, "pve3", 2, 8 * GIB).stopped(),
                Guest.vm(110, "pve3", 2, 8 * GIB).onLocalStorage()),
            List.of(),
            0);
    RollingPlan plan = RollingPlan.of(c, CapacityRule.of("4", "1"));
    assertThat(plan.order()).containsExactly("pve2", "pve3", "pve1");
    assertThat(plan.blocked()).isFalse();
    // pve2: 101 (16 GiB) → pve1 has 96 GiB free, pve3 112 GiB → pve3; then 200 (2 GiB): pve3 has
    // 96 left, pve1 96: tie on RAM, then CPU headroom: pve1 64 − 4 = 60, pve3 64 − 8 = 56 → pve1.
    assertThat(plan.lines().subList(0, 8))
        .containsExactly(
            "1. verify before pve2: cluster quorate, every node online, no migration or HA action"
                + " running",
            "2. move qemu 101 pve2 -> pve3 (live migration)",
            "3. move lxc 200 (mail) pve2 -> pve1 (restart migration, short downtime)",
            "4. patch pve2",
            "5. reboot pve2",
            "6. verify after reboot of pve2: pve2 online, cluster quorate, storage active,"
                + " Ceph healthy if used",
            "7. return lxc 200 (mail) pve1 -> pve2 (restart migration, short downtime)",
            "8. return qemu 101 pve3 -> pve2 (live migration)");
    List<PlanStep> pve3 = plan.steps().stream().filter(s -> s.node().equals("pve3")).toList();
    assertThat(pve3)
        .filteredOn(s -> s instanceof PlanStep.Migrate m && m.vmid() == 102)
        .extracting(s -> ((PlanStep.Migrate) s).mode())
        .containsOnly(PlanStep.Mode.OFFLINE);
    assertThat(pve3)
        .filteredOn(s -> s instanceof PlanStep.Stays)
        .extracting(PlanStep::describe)
        .containsExactly("guest 110 stays on pve3 (local storage): down during the reboot");
  }

  @Test
  void aTwoNodeClusterWithoutQDeviceIsBlocked_MNT8() {
    ClusterState c =
        new ClusterState(
            List.of(Node.of("a", 8, 64 * GIB), Node.of("b", 8, 64 * GIB)),
            List.of(Guest.vm(100, "a", 2, 4 * GIB)),
            List.of(),
            0);
    RollingPlan plan = RollingPlan.of(c, CapacityRule.of("4", "1"));
    assertThat(plan.blocked()).isTrue();
    assertThat(plan.steps().getFirst()).isInstanceOf(PlanStep.Blocked.class);
    assertThat(plan.steps().getFirst().describe())
        .startsWith("BLOCKED a: the cluster loses quorum while a reboots (1 of 2 votes left)");
  }
}
