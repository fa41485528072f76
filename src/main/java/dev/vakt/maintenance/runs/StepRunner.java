package dev.vakt.maintenance.runs;

import dev.vakt.maintenance.MaintenanceProperties;
import dev.vakt.maintenance.capacity.PlanStep;
import dev.vakt.maintenance.runs.Poller.Abandoned;
import dev.vakt.maintenance.runs.Poller.Poll;
import dev.vakt.maintenance.runs.Poller.StepFailed;
import dev.vakt.proxmox.Guest;
import dev.vakt.proxmox.NodeResource;
import dev.vakt.proxmox.ProxmoxException;
import dev.vakt.proxmox.TaskStatus;
import dev.vakt.proxmox.Upid;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Carries out one {@link PlanStep} through the Proxmox VE API and verifies it: a move is done when
 * its task stopped with OK <em>and</em> the guest runs on its target (an HA-managed guest's task
 * only asks the HA stack); a reboot when the node is online again with a lower uptime than before
 * (the node's own reboot has no task, and the node answering the API may be the one rebooting); a
 * restart when its task stopped with OK and the guest runs again. Returns what happened in words,
 * or throws {@link StepFailed} with why.
 */
final class StepRunner {

  /** Receives a step's task id as soon as it is known, so that a crash leaves it on record. */
  @FunctionalInterface
  interface TaskSink {
    void started(Upid upid) throws Abandoned;
  }

  private final RunExecutor.Job job;
  private final Poller poller;
  private final MaintenanceProperties props;
  private final HealthChecks health;

  StepRunner(RunExecutor.Job job, Poller poller, MaintenanceProperties props) {
    this.job = job;
    this.poller = poller;
    this.props = props;
    this.health = new HealthChecks(job.client(), poller, props.healthTimeout());
  }

  String run(PlanStep step, TaskSink sink)
      throws StepFailed, ProxmoxException, InterruptedException, Abandoned {
    return switch (step) {
      case PlanStep.VerifyHealth v when v.phase() == PlanStep.Phase.BEFORE -> before(v.node());
      case PlanStep.VerifyHealth v -> health.after(v.node());
      case PlanStep.Migrate m -> migrate(m, sink);
      case PlanStep.Patch p -> patch(p.node());
      case PlanStep.Reboot r -> reboot(r.node());
      case PlanStep.Stays s ->
          "stays on "
              + s.node()
              + (s.reason() == PlanStep.StayReason.LOCAL_STORAGE
                  ? " (local storage)"
                  : " (no room elsewhere)")
              + (s.downtime() ? ": down during the reboot" : "");
      case PlanStep.Blocked b -> throw new StepFailed("blocked: " + b.reason());
      case PlanStep.RestartGuest r -> restart(r, sink);
    };
  }

  private String before(String node)
      throws StepFailed, ProxmoxException, InterruptedException, Abandoned {
    String seen = health.before(node);
    List<PlanStep.Migrate> moves =
        job.steps().stream()
            .filter(s -> s instanceof PlanStep.Migrate m && m.node().equals(node))
            .map(s -> (PlanStep.Migrate) s)
            .filter(m -> m.purpose() == PlanStep.Purpose.EVACUATE)
            .toList();
    String problem =
        PlacementCheck.problem(job.planned(), job.rule(), node, moves, job.client().guests());
    if (problem != null) {
      throw new StepFailed(problem);
    }
    return seen + "; the plan's placement still fits";
  }

  private String migrate(PlanStep.Migrate m, TaskSink sink)
      throws StepFailed, ProxmoxException, InterruptedException, Abandoned {
    Instant deadline = poller.now().plus(props.migrationTimeout());
    Guest g = guest(m.vmid());
    if (!m.source().equals(g.node())) {
      throw new StepFailed(
          "guest " + PlacementCheck.label(g) + " is on " + g.node() + ", not on " + m.source());
    }
    boolean running = g.running();
    Upid upid = job.client().migrate(m.source(), g.type(), m.vmid(), m.target(), running);
    sink.started(upid);
    TaskStatus done = awaitTask(upid, deadline, props.migrationTimeout());
    String what = PlacementCheck.label(g) + " running on " + m.target();
    poller.awaitUntil(
        deadline,
        props.migrationTimeout(),
        what,
        () -> {
          Guest now = guest(m.vmid());
          boolean there = m.target().equals(now.node()) && (!running || now.running());
          return there
              ? Poll.done(now)
              : Poll.notYet("guest is on " + now.node() + ", " + now.status());
        });
    return (running ? what : PlacementCheck.label(g) + " (stopped) on " + m.target())
        + "; task "
        + done.exitStatus();
  }

  private String patch(String node) throws StepFailed, InterruptedException {
    NodePatcher.Result r = job.patcher().patch(node, props.patchTimeout());
    if (!r.ok()) {
      throw new StepFailed(r.detail());
    }
    return r.detail();
  }

  private String reboot(String node)
      throws StepFailed, ProxmoxException, InterruptedException, Abandoned {
    NodeResource before = node(node);
    if (before == null || !before.online() || before.uptimeSeconds() < 0) {
      throw new StepFailed(
          node + " is not online with a known uptime, so its reboot could not be verified");
    }
    long was = before.uptimeSeconds();
    job.client().rebootNode(node);
    long uptime =
        poller.await(
            props.rebootTimeout(),
            node + " back online after its reboot",
            () -> {
              NodeResource n = node(node);
              if (n == null || !n.online()) {
                return Poll.notYet(node + " is " + (n == null ? "not listed" : n.status()));
              }
              if (n.uptimeSeconds() < 0 || n.uptimeSeconds() >= was) {
                return Poll.notYet(
                    node + " has not rebooted yet (uptime " + n.uptimeSeconds() + " s)");
              }
              return Poll.done(n.uptimeSeconds());
            });
    return node + " back online, uptime " + uptime + " s (was " + was + " s)";
  }

  private String restart(PlanStep.RestartGuest r, TaskSink sink)
      throws StepFailed, ProxmoxException, InterruptedException, Abandoned {
    Instant deadline = poller.now().plus(props.restartTimeout());
    Guest g = guest(r.vmid());
    if (!g.running()) {
      throw new StepFailed(
          "guest " + PlacementCheck.label(g) + " is " + g.status() + ", not running");
    }
    long was = g.uptimeSeconds();
    Upid upid = job.client().rebootGuest(g.node(), g.type(), g.vmid());
    sink.started(upid);
    TaskStatus done = awaitTask(upid, deadline, props.restartTimeout());
    poller.awaitUntil(
        deadline,
        props.restartTimeout(),
        PlacementCheck.label(g) + " running again",
        () -> {
          Guest now = guest(r.vmid());
          boolean again = now.running() && (was < 0 || now.uptimeSeconds() < was);
          return again ? Poll.done(now) : Poll.notYet("guest is " + now.status());
        });
    return PlacementCheck.label(g) + " restarted on " + g.node() + "; task " + done.exitStatus();
  }

  private TaskStatus awaitTask(Upid upid, Instant deadline, Duration budget)
      throws StepFailed, InterruptedException, Abandoned {
    TaskStatus done =
        poller.awaitUntil(
            deadline,
            budget,
            "task " + upid.type() + " " + upid.id() + " to end",
            () -> {
              TaskStatus t = job.client().taskStatus(upid);
              return t.running() ? Poll.notYet("task still running") : Poll.done(t);
            });
    if (!done.succeeded()) {
      String log;
      try {
        log = String.join(" | ", job.client().taskLogTail(upid, 5));
      } catch (ProxmoxException e) {
        log = "task log not readable: " + e.getMessage();
      }
      throw new StepFailed(
          "task "
              + upid.type()
              + " "
              + upid.id()
              + " ended with '"
              + done.exitStatus()
              + "': "
              + log);
    }
    return done;
  }

  private Guest guest(int vmid) throws ProxmoxException, StepFailed {
    for (Guest g : job.client().guests()) {
      if (g.vmid() == vmid) {
        return g;
      }
    }
    throw new StepFailed("guest " + vmid + " does not exist in the cluster");
  }

  private NodeResource node(String name) throws ProxmoxException {
    for (NodeResource n : job.client().nodeResources()) {
      if (name.equals(n.node())) {
        return n;
      }
    }
    return null;
  }
}
