package dev.vakt.maintenance.runs;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A maintenance run as stored: a rolling maintenance of a cluster (MNT-4, MNT-7) or the restart of
 * one guest (MNT-12), each step with its state, times, Proxmox VE task id and outcome.
 *
 * @param id the run's number
 * @param cluster the inventory cluster
 * @param customer the customer it was done for (the cluster's, or the restarted server's)
 * @param kind rolling maintenance or restart
 * @param state running, or how it ended
 * @param reason why it was started, as given
 * @param requestedBy who started it
 * @param server for a restart: the inventory server restarted
 * @param startedAt when it started
 * @param endedAt when it ended; null while running
 * @param order the nodes in maintenance order (empty for a restart)
 * @param failure why it stopped, where things are and what to do; null unless failed or interrupted
 * @param steps every step, in order
 */
public record MaintenanceRun(
    long id,
    String cluster,
    String customer,
    Kind kind,
    State state,
    String reason,
    String requestedBy,
    String server,
    Instant startedAt,
    Instant endedAt,
    List<String> order,
    Failure failure,
    List<Step> steps) {

  public MaintenanceRun {
    order = List.copyOf(order);
    steps = List.copyOf(steps);
  }

  /** What a run does. */
  public enum Kind {
    ROLLING,
    RESTART
  }

  /** A run's state. Only RUNNING changes, and only once. */
  public enum State {
    RUNNING,
    SUCCEEDED,
    /** A step failed; nothing after it was done. */
    FAILED,
    /** Vakt stopped (shut down, or crashed and restarted) during the run; it is not resumed. */
    INTERRUPTED
  }

  /** A step's state. */
  public enum StepState {
    PENDING,
    RUNNING,
    DONE,
    FAILED,
    /** Not started because an earlier step failed or the run was interrupted. */
    NOT_RUN,
    /** Vakt stopped while the step was running: its outcome is unknown to Vakt. */
    INTERRUPTED
  }

  /**
   * One step.
   *
   * @param index its position, from 0
   * @param kind e.g. "migrate", "reboot"
   * @param node the node it is about
   * @param vmid the guest, for guest steps
   * @param text the step in words
   * @param plan the typed step as the dry run shows it
   * @param upid the Proxmox VE task it started, if any
   * @param detail what happened, or why it failed
   */
  public record Step(
      int index,
      String kind,
      String node,
      Integer vmid,
      String text,
      Map<String, Object> plan,
      StepState state,
      Instant startedAt,
      Instant endedAt,
      String upid,
      String detail) {}

  /**
   * Why a run stopped and what a technician should do.
   *
   * @param step the step that failed or was running, -1 when none
   * @param stepText that step in words
   * @param reason why
   * @param whereNow the guests and nodes concerned, as the API showed them when the run stopped
   * @param advice what to do next, in words
   */
  public record Failure(
      int step, String stepText, String reason, List<String> whereNow, String advice) {
    public Failure {
      whereNow = whereNow == null ? List.of() : List.copyOf(whereNow);
    }
  }
}
