package dev.vakt.maintenance.runs;

import dev.vakt.maintenance.MaintenanceProperties;
import dev.vakt.maintenance.capacity.CapacityRule;
import dev.vakt.maintenance.capacity.ClusterState;
import dev.vakt.maintenance.capacity.PlanStep;
import dev.vakt.maintenance.runs.MaintenanceRun.State;
import dev.vakt.maintenance.runs.MaintenanceRun.StepState;
import dev.vakt.maintenance.runs.Poller.Abandoned;
import dev.vakt.maintenance.runs.Poller.StepFailed;
import dev.vakt.proxmox.ProxmoxClient;
import dev.vakt.proxmox.ProxmoxException;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * Executes a run's steps strictly in order (MNT-4, MNT-7, MNT-12) and stops at the first that
 * fails: the failed step and the reason are recorded, every later step stays NOT_RUN, nothing after
 * it is sent to the cluster, and the run's failure says where the guests are and what a technician
 * should do. Progress is written to the {@link RunJournal} as it happens (each task's UPID as soon
 * as it is known). Interrupted (Vakt shutting down), it records the run as INTERRUPTED; finding the
 * run taken away (marked interrupted by a restarted Vakt), it stops without writing. Plain Java:
 * clock, sleeper and settings are given.
 */
final class RunExecutor {

  /**
   * What to execute.
   *
   * @param runId the stored run
   * @param steps the steps, in order
   * @param client the cluster's API
   * @param patcher how the patch step runs
   * @param planned the cluster as planned, for re-checking placements; empty for a restart
   * @param rule the capacity rule the plan used
   */
  record Job(
      long runId,
      List<PlanStep> steps,
      ProxmoxClient client,
      NodePatcher patcher,
      ClusterState planned,
      CapacityRule rule) {
    Job {
      steps = List.copyOf(steps);
      Objects.requireNonNull(client, "client");
      Objects.requireNonNull(patcher, "patcher");
    }
  }

  private final RunJournal journal;
  private final MaintenanceProperties props;
  private final Clock clock;
  private final Poller.Sleeper sleeper;

  RunExecutor(
      RunJournal journal, MaintenanceProperties props, Clock clock, Poller.Sleeper sleeper) {
    this.journal = journal;
    this.props = props;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /** Runs the job to its end; returns how it ended (INTERRUPTED also when taken away). */
  State execute(Job job) {
    long run = job.runId();
    Poller poller = new Poller(clock, sleeper, props.pollInterval(), () -> journal.owned(run));
    StepRunner runner = new StepRunner(job, poller, props);
    for (int i = 0; i < job.steps().size(); i++) {
      int index = i;
      String[] upid = new String[1];
      try {
        if (Thread.interrupted()) {
          throw new InterruptedException();
        }
        if (!journal.stepStarted(run, index, clock.instant())) {
          return State.INTERRUPTED;
        }
        String detail =
            runner.run(
                job.steps().get(index),
                u -> {
                  upid[0] = u.text();
                  if (!journal.stepTask(run, index, u.text())) {
                    throw new Abandoned();
                  }
                });
        if (!journal.stepEnded(run, index, StepState.DONE, clock.instant(), detail)) {
          return State.INTERRUPTED;
        }
      } catch (StepFailed | ProxmoxException e) {
        // A refused or unanswered write is not retried: it may have been carried out. A failure
        // caused by an interrupt (a socket closed under it) is the interrupt's.
        return Thread.interrupted()
            ? interrupted(job, index, upid[0])
            : fail(job, index, e.getMessage(), upid[0]);
      } catch (InterruptedException e) {
        return interrupted(job, index, upid[0]);
      } catch (Abandoned e) {
        return State.INTERRUPTED;
      } catch (RuntimeException e) {
        return Thread.interrupted()
            ? interrupted(job, index, upid[0])
            : fail(job, index, "internal error: " + e, upid[0]);
      }
    }
    journal.runEnded(run, State.SUCCEEDED, clock.instant(), null);
    return State.SUCCEEDED;
  }

  /**
   * Records the run as interrupted. The interrupt flag is clear while writing (an interrupted
   * virtual thread's socket operations fail at once) and set again afterwards.
   */
  private State interrupted(Job job, int index, String upid) {
    Thread.interrupted();
    try {
      MaintenanceRun.Failure f =
          Aftermath.of(
              job.steps(), index, "Vakt was stopped during the step", upid, true, job.client());
      journal.stepEnded(job.runId(), index, StepState.INTERRUPTED, clock.instant(), f.reason());
      journal.runEnded(job.runId(), State.INTERRUPTED, clock.instant(), f);
    } finally {
      Thread.currentThread().interrupt();
    }
    return State.INTERRUPTED;
  }

  private State fail(Job job, int index, String reason, String upid) {
    MaintenanceRun.Failure f = Aftermath.of(job.steps(), index, reason, upid, false, job.client());
    if (journal.stepEnded(job.runId(), index, StepState.FAILED, clock.instant(), reason)) {
      journal.runEnded(job.runId(), State.FAILED, clock.instant(), f);
      return State.FAILED;
    }
    return State.INTERRUPTED;
  }
}
