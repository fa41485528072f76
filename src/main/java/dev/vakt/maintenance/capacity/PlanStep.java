package dev.vakt.maintenance.capacity;

import java.util.List;
import java.util.Objects;

/**
 * One step of a rolling maintenance (MNT-4, MNT-7). Each step carries what an executor needs to run
 * it (node, guest id and type, source and target) and says in words what it does for the dry run.
 * Steps run strictly in order; an executor stops at the first that fails.
 */
public sealed interface PlanStep
    permits PlanStep.VerifyHealth,
        PlanStep.Migrate,
        PlanStep.Patch,
        PlanStep.Reboot,
        PlanStep.Stays,
        PlanStep.Blocked,
        PlanStep.RestartGuest {

  /** The node the step is about. */
  String node();

  /** The step in words, for the dry run. */
  String describe();

  /** When a health check runs. */
  enum Phase {
    /** Before the node is emptied. */
    BEFORE,
    /** After the node came back from its reboot, before guests return. */
    AFTER_REBOOT
  }

  /** How a guest moves. */
  enum Mode {
    /** A running VM: live migration, no downtime. */
    LIVE,
    /** A running container: restart migration (stop, move, start), a short downtime. */
    RESTART,
    /** A stopped guest: offline migration of its configuration. */
    OFFLINE
  }

  /** Why a guest moves. */
  enum Purpose {
    EVACUATE,
    RETURN
  }

  /** Why a guest stays on the node while it reboots. */
  enum StayReason {
    /** A disk, mount point, ISO or device is local to the node. */
    LOCAL_STORAGE,
    /** No other node has room within the limits. */
    NO_ROOM
  }

  /**
   * Check health: before, that the cluster is quorate with every node online; after the reboot,
   * that the node is back online, the cluster quorate and (with Ceph) healthy.
   *
   * @param checks what to check, in words
   */
  record VerifyHealth(String node, Phase phase, List<String> checks) implements PlanStep {
    public VerifyHealth {
      Objects.requireNonNull(node, "node");
      checks = List.copyOf(checks);
    }

    @Override
    public String describe() {
      return (phase == Phase.BEFORE ? "verify before " : "verify after reboot of ")
          + node
          + ": "
          + String.join(", ", checks);
    }
  }

  /**
   * Move one guest.
   *
   * @param vmid the guest id
   * @param guestType "qemu" or "lxc", for the API path
   * @param name the guest's name, null if none
   * @param source the node it is on
   * @param target the node it goes to
   * @param node the node under maintenance
   */
  record Migrate(
      int vmid,
      String guestType,
      String name,
      String source,
      String target,
      Mode mode,
      Purpose purpose,
      String node)
      implements PlanStep {
    @Override
    public String describe() {
      return (purpose == Purpose.EVACUATE ? "move " : "return ")
          + guestType
          + " "
          + vmid
          + (name == null ? "" : " (" + name + ")")
          + " "
          + source
          + " -> "
          + target
          + " ("
          + switch (mode) {
            case LIVE -> "live migration";
            case RESTART -> "restart migration, short downtime";
            case OFFLINE -> "offline";
          }
          + ")";
    }
  }

  /**
   * Install the pending updates on the node (apt full-upgrade from the configured repositories).
   */
  record Patch(String node) implements PlanStep {
    @Override
    public String describe() {
      return "patch " + node;
    }
  }

  /** Reboot the node, e.g. into a new kernel. */
  record Reboot(String node) implements PlanStep {
    @Override
    public String describe() {
      return "reboot " + node;
    }
  }

  /**
   * A guest that stays on the node during its maintenance.
   *
   * @param downtime whether it is running, so down while the node reboots (to be announced)
   */
  record Stays(int vmid, String name, String node, StayReason reason, boolean downtime)
      implements PlanStep {
    @Override
    public String describe() {
      return "guest "
          + vmid
          + (name == null ? "" : " (" + name + ")")
          + " stays on "
          + node
          + (reason == StayReason.LOCAL_STORAGE ? " (local storage)" : " (no room elsewhere)")
          + (downtime ? ": down during the reboot" : "");
    }
  }

  /**
   * The node's maintenance must not start without a person's decision.
   *
   * @param reason why, in words
   */
  record Blocked(String node, String reason) implements PlanStep {
    @Override
    public String describe() {
      return "BLOCKED " + node + ": " + reason;
    }
  }

  /**
   * Restart one guest where it runs (MNT-12: the customer's restart of its server): shut down and
   * started again by Proxmox VE, on the same node.
   *
   * @param vmid the guest id
   * @param guestType "qemu" or "lxc", for the API path
   * @param name the guest's name, null if none
   * @param node the node it runs on
   */
  record RestartGuest(int vmid, String guestType, String name, String node) implements PlanStep {
    public RestartGuest {
      Objects.requireNonNull(guestType, "guestType");
      Objects.requireNonNull(node, "node");
    }

    @Override
    public String describe() {
      return "restart "
          + guestType
          + " "
          + vmid
          + (name == null ? "" : " (" + name + ")")
          + " on "
          + node;
    }
  }
}
