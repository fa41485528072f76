package dev.vakt.maintenance.capacity;

import dev.vakt.common.Percent;
import dev.vakt.contract.CapacityTerms;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The limits the N-1 check and the placement hold every node to: the contract's ratios (STW 10.0)
 * and Vakt's own parameters. All comparisons are exact ({@link BigDecimal} and {@code long}).
 *
 * <p>A node {@code n} carrying guests with {@code V} configured vCPUs and {@code R} bytes of
 * configured RAM is within the limits when
 *
 * <pre>
 *   V ≤ cpuOvercommit × cores(n)
 *   R ≤ ramOvercommit × (ram(n) − hostReservedRamBytes)
 * </pre>
 *
 * and a single guest fits a node only when its vCPUs do not exceed the node's logical CPUs and its
 * RAM does not exceed the node's RAM minus the reserve (Proxmox VE cannot start it otherwise).
 *
 * @param cpuOvercommit allowed configured vCPUs per physical core
 * @param ramOvercommit allowed configured guest RAM per byte of physical RAM (after the reserve)
 * @param storageMaxUsed the use shared storage may reach
 * @param hostReservedRamBytes RAM kept for each node's host (Proxmox VE, ZFS ARC, Ceph OSDs), not
 *     given to guests; default 0, which applies the contract's ratio literally
 * @param guestRule which guests count
 * @param assumed what was assumed because the contract did not say
 */
public record CapacityRule(
    BigDecimal cpuOvercommit,
    BigDecimal ramOvercommit,
    Percent storageMaxUsed,
    long hostReservedRamBytes,
    GuestRule guestRule,
    List<String> assumed) {

  /**
   * The default host reserve: none, so the verdict is the contract's ratio and nothing stricter.
   */
  public static final long DEFAULT_HOST_RESERVED_RAM = 0;

  /** The default guest rule. */
  public static final GuestRule DEFAULT_GUEST_RULE = GuestRule.ALL;

  public CapacityRule {
    Objects.requireNonNull(cpuOvercommit, "cpuOvercommit");
    Objects.requireNonNull(ramOvercommit, "ramOvercommit");
    Objects.requireNonNull(storageMaxUsed, "storageMaxUsed");
    Objects.requireNonNull(guestRule, "guestRule");
    if (cpuOvercommit.signum() <= 0 || ramOvercommit.signum() <= 0) {
      throw new IllegalArgumentException("overcommit ratios must be positive");
    }
    if (hostReservedRamBytes < 0) {
      throw new IllegalArgumentException("hostReservedRamBytes must not be negative");
    }
    assumed = assumed == null ? List.of() : List.copyOf(assumed);
  }

  /** Which guests count against capacity. Templates never do. */
  public enum GuestRule {
    /**
     * Every guest that is not a template, stopped ones too: a stopped guest may be started at any
     * time, and the contract's ratios are about configured resources. The default.
     */
    ALL,
    /** Running and paused guests only. */
    RUNNING,
    /** Running and paused guests, and stopped guests the HA stack manages. */
    RUNNING_OR_HA
  }

  /**
   * The rule from the contract's terms; a missing ratio is 1.0 (no overcommit) and a missing
   * storage limit 100 %, each noted in {@link #assumed()}.
   *
   * @param terms the contract's capacity terms, null when the contract has none
   */
  public static CapacityRule of(CapacityTerms terms, long hostReservedRamBytes, GuestRule rule) {
    List<String> assumed = new ArrayList<>();
    BigDecimal cpu = terms == null ? null : terms.cpuOvercommit();
    BigDecimal ram = terms == null ? null : terms.ramOvercommit();
    Percent storage = terms == null ? null : terms.storageMaxUsed();
    if (cpu == null) {
      cpu = BigDecimal.ONE;
      assumed.add("cpuOvercommit 1.0: the contract sets none");
    }
    if (ram == null) {
      ram = BigDecimal.ONE;
      assumed.add("ramOvercommit 1.0: the contract sets none");
    }
    if (storage == null) {
      storage = Percent.of("100");
      assumed.add("storageMaxUsed 100 %: the contract sets none");
    }
    return new CapacityRule(
        cpu, ram, storage, hostReservedRamBytes, rule == null ? DEFAULT_GUEST_RULE : rule, assumed);
  }

  /** A rule with these ratios, 100 % storage, no reserve and the default guest rule. */
  public static CapacityRule of(String cpuOvercommit, String ramOvercommit) {
    return new CapacityRule(
        new BigDecimal(cpuOvercommit),
        new BigDecimal(ramOvercommit),
        Percent.of("100"),
        DEFAULT_HOST_RESERVED_RAM,
        DEFAULT_GUEST_RULE,
        List.of());
  }

  public CapacityRule withReserve(long bytes) {
    return new CapacityRule(
        cpuOvercommit, ramOvercommit, storageMaxUsed, bytes, guestRule, assumed);
  }

  public CapacityRule withGuestRule(GuestRule rule) {
    return new CapacityRule(
        cpuOvercommit, ramOvercommit, storageMaxUsed, hostReservedRamBytes, rule, assumed);
  }

  public CapacityRule withStorageMaxUsed(Percent p) {
    return new CapacityRule(
        cpuOvercommit, ramOvercommit, p, hostReservedRamBytes, guestRule, assumed);
  }

  /** Whether {@code g} counts against capacity. */
  public boolean counts(ClusterState.Guest g) {
    if (g.template()) {
      return false;
    }
    return switch (guestRule) {
      case ALL -> true;
      case RUNNING -> g.running();
      case RUNNING_OR_HA -> g.running() || g.ha();
    };
  }

  /** The node's RAM guests may be given before the ratio: its RAM minus the reserve, at least 0. */
  public long usableRam(ClusterState.Node n) {
    return Math.max(0, n.ramBytes() - hostReservedRamBytes);
  }

  /** The most configured vCPUs {@code n} may carry. */
  public BigDecimal cpuLimit(ClusterState.Node n) {
    return cpuOvercommit.multiply(BigDecimal.valueOf(n.cores()));
  }

  /** The most configured guest RAM {@code n} may carry, in bytes. */
  public BigDecimal ramLimit(ClusterState.Node n) {
    return ramOvercommit.multiply(BigDecimal.valueOf(usableRam(n)));
  }

  /** Whether {@code n} stays within the limits carrying {@code vcpus} and {@code ram}. */
  public boolean within(ClusterState.Node n, long vcpus, long ram) {
    return BigDecimal.valueOf(vcpus).compareTo(cpuLimit(n)) <= 0
        && BigDecimal.valueOf(ram).compareTo(ramLimit(n)) <= 0;
  }

  /** Whether the single guest {@code g} can run on {@code n} at all. */
  public boolean canHost(ClusterState.Node n, ClusterState.Guest g) {
    return g.vcpus() <= n.logicalCpus() && g.ramBytes() <= usableRam(n);
  }
}
