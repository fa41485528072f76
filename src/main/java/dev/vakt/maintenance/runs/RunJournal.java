package dev.vakt.maintenance.runs;

import java.time.Instant;

/**
 * Where an executing run records its progress as it goes, so that the state survives a crash. Every
 * write says whether this process still owns the run: after a crash and restart the run is marked
 * interrupted by the new process, and an executor that finds it no longer owns its run stops at
 * once, so a run is never continued twice.
 */
interface RunJournal {

  /** Whether the run is still running and executed by this process. */
  boolean owned(long run);

  /** Marks step {@code index} running. */
  boolean stepStarted(long run, int index, Instant at);

  /** Records the Proxmox VE task the step started, as soon as it is known. */
  boolean stepTask(long run, int index, String upid);

  /** Marks step {@code index} ended in {@code state}. */
  boolean stepEnded(long run, int index, MaintenanceRun.StepState state, Instant at, String detail);

  /**
   * Ends the run; steps still pending become NOT_RUN. Audited.
   *
   * @param failure null on success
   */
  void runEnded(long run, MaintenanceRun.State state, Instant at, MaintenanceRun.Failure failure);
}
