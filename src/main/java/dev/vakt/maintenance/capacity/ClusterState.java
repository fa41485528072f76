package dev.vakt.maintenance.capacity;

import dev.vakt.inventory.Server;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A Proxmox VE cluster as the N-1 check sees it: plain values, no API types. Sizes are bytes.
 *
 * @param nodes the member nodes, each once
 * @param guests every VM and container, templates included (they never count)
 * @param sharedStorages the storages all nodes reach (Ceph RBD, NFS, iSCSI, ...), each once
 * @param qdeviceVotes the votes of a corosync QDevice, 0 without one (1 with the usual "ffsplit"
 *     algorithm)
 */
public record ClusterState(
    List<Node> nodes, List<Guest> guests, List<SharedStorage> sharedStorages, int qdeviceVotes) {

  public ClusterState {
    nodes = List.copyOf(nodes);
    guests = List.copyOf(guests);
    sharedStorages = sharedStorages == null ? List.of() : List.copyOf(sharedStorages);
    if (qdeviceVotes < 0) {
      throw new IllegalArgumentException("qdeviceVotes must not be negative");
    }
    Set<String> names = new HashSet<>();
    for (Node n : nodes) {
      if (!names.add(n.name())) {
        throw new IllegalArgumentException("node " + n.name() + " appears twice");
      }
    }
    Set<Integer> ids = new HashSet<>();
    for (Guest g : guests) {
      if (!ids.add(g.vmid())) {
        throw new IllegalArgumentException("guest " + g.vmid() + " appears twice");
      }
    }
  }

  /** The node called {@code name}, or null. */
  public Node node(String name) {
    for (Node n : nodes) {
      if (n.name().equals(name)) {
        return n;
      }
    }
    return null;
  }

  /** The guests on {@code node}, in vmid order. */
  public List<Guest> guestsOn(String node) {
    List<Guest> on = new ArrayList<>();
    for (Guest g : guests) {
      if (g.node().equals(node)) {
        on.add(g);
      }
    }
    on.sort(java.util.Comparator.comparingInt(Guest::vmid));
    return on;
  }

  /** All quorum votes: the nodes' and the QDevice's. */
  public int expectedVotes() {
    int v = qdeviceVotes;
    for (Node n : nodes) {
      v += n.votes();
    }
    return v;
  }

  /**
   * A node.
   *
   * @param name node name as Proxmox VE knows it
   * @param cores physical cores (sockets × cores per socket), what the CPU overcommit is against
   * @param logicalCpus logical CPUs (threads); a guest with more vCPUs cannot start on the node
   * @param ramBytes physical memory
   * @param votes corosync quorum votes, usually 1
   * @param localStorage the node's local guest storage, null when unknown or none
   * @param role patch order (BDN SLA 1.1.1.3), null when the inventory does not say
   */
  public record Node(
      String name,
      int cores,
      int logicalCpus,
      long ramBytes,
      int votes,
      LocalStorage localStorage,
      Server.Role role) {

    public Node {
      Objects.requireNonNull(name, "name");
      if (cores < 0 || ramBytes < 0 || votes < 0) {
        throw new IllegalArgumentException("node " + name + ": negative cores, RAM or votes");
      }
      logicalCpus = Math.max(logicalCpus, cores);
    }

    /** A node with one vote, logical CPUs = cores, no local storage and no role. */
    public static Node of(String name, int cores, long ramBytes) {
      return new Node(name, cores, cores, ramBytes, 1, null, null);
    }

    public Node withVotes(int v) {
      return new Node(name, cores, logicalCpus, ramBytes, v, localStorage, role);
    }

    public Node withRole(Server.Role r) {
      return new Node(name, cores, logicalCpus, ramBytes, votes, localStorage, r);
    }
  }

  /**
   * A guest.
   *
   * @param vmid the guest id
   * @param name its name, null if none
   * @param type "qemu" or "lxc"
   * @param node the node it is on
   * @param vcpus configured vCPUs
   * @param ramBytes configured memory
   * @param diskBytes configured disk size
   * @param localStorage whether a disk, mount point, ISO or passed-through device is local to its
   *     node: such a guest cannot move to another node, neither on a failure nor for maintenance
   * @param running running or paused (holds its memory)
   * @param ha managed by the HA stack, which restarts it on another node when its node fails
   * @param template a template, which never runs
   */
  public record Guest(
      int vmid,
      String name,
      String type,
      String node,
      int vcpus,
      long ramBytes,
      long diskBytes,
      boolean localStorage,
      boolean running,
      boolean ha,
      boolean template) {

    public Guest {
      Objects.requireNonNull(node, "node");
      type = type == null ? "qemu" : type;
      if (vcpus < 0 || ramBytes < 0) {
        throw new IllegalArgumentException("guest " + vmid + ": negative vCPUs or RAM");
      }
    }

    /** A running, non-HA QEMU VM on shared storage. */
    public static Guest vm(int vmid, String node, int vcpus, long ramBytes) {
      return new Guest(vmid, null, "qemu", node, vcpus, ramBytes, 0, false, true, false, false);
    }

    public Guest onLocalStorage() {
      return new Guest(
          vmid, name, type, node, vcpus, ramBytes, diskBytes, true, running, ha, template);
    }

    public Guest stopped() {
      return new Guest(
          vmid, name, type, node, vcpus, ramBytes, diskBytes, localStorage, false, ha, template);
    }

    public Guest on(String other) {
      return new Guest(
          vmid, name, type, other, vcpus, ramBytes, diskBytes, localStorage, running, ha, template);
    }

    /** "100 (web01)" or "100". */
    public String label() {
      return name == null || name.isBlank() ? Integer.toString(vmid) : vmid + " (" + name + ")";
    }
  }

  /**
   * A node's local guest storage (ZFS, LVM-thin, directory), summed over its local storages.
   *
   * @param totalBytes size
   * @param usedBytes used
   */
  public record LocalStorage(long totalBytes, long usedBytes) {}

  /**
   * A shared storage.
   *
   * @param id storage id, e.g. "ceph-vm"
   * @param totalBytes usable size now
   * @param usedBytes used now
   * @param capacityOnNode for storage served by the nodes themselves (hyperconverged Ceph): the
   *     usable size each node contributes, lost with it; empty for external storage (NFS, SAN),
   *     which a node's loss does not change
   */
  public record SharedStorage(
      String id, long totalBytes, long usedBytes, Map<String, Long> capacityOnNode) {
    public SharedStorage {
      Objects.requireNonNull(id, "id");
      capacityOnNode = capacityOnNode == null ? Map.of() : Map.copyOf(capacityOnNode);
    }
  }
}
