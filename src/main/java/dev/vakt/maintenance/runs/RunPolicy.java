package dev.vakt.maintenance.runs;

import dev.vakt.common.ApiErrors.InvalidInput;
import dev.vakt.inventory.Server;
import dev.vakt.maintenance.MaintenanceProperties;
import dev.vakt.maintenance.capacity.CapacityService;
import dev.vakt.maintenance.capacity.NMinusOne;
import dev.vakt.maintenance.capacity.PlanStep;
import dev.vakt.maintenance.capacity.RollingPlan;
import dev.vakt.ssh.SshCommands;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * When a rolling maintenance may start, on which nodes, and how its nodes are patched. Plain Java.
 *
 * <p>A node may be maintained when its reboot keeps quorum (no {@link PlanStep.Blocked} step), its
 * loss passes the N-1 check (its guests fit elsewhere within the limits, and the cluster's CPU,
 * RAM, storage and quorum hold without it: verdict OK or LOCAL_GUESTS, whose staying guests the
 * plan names), and, when patching over SSH, the inventory gives it an SSH access path with an
 * approved host key. A run covers the nodes asked for (all by default) and starts only if every one
 * of them may be maintained; a refusal names those that may, so they can be asked for alone.
 */
final class RunPolicy {

  /** The reason recorded for a run found RUNNING at start-up. */
  static final String CUT_OFF =
      "Vakt stopped (crash, kill or power loss) while the run was in progress";

  private final MaintenanceProperties props;

  RunPolicy(MaintenanceProperties props) {
    this.props = props;
  }

  /**
   * A run ready to start, or to be shown as a dry run.
   *
   * @param order the nodes covered, in maintenance order
   * @param steps their steps, in order
   * @param refusals why it may not start; empty when it may
   */
  record Prepared(
      CapacityService.Input input,
      NMinusOne.Verdict verdict,
      List<String> order,
      List<PlanStep> steps,
      List<String> refusals) {

    /** SHA-256 of the steps in words: the same plan gives the same digest. */
    String digest() {
      try {
        java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
        for (PlanStep s : steps) {
          md.update(s.describe().getBytes(java.nio.charset.StandardCharsets.UTF_8));
          md.update((byte) '\n');
        }
        return java.util.HexFormat.of().formatHex(md.digest());
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    CapacityService.MaintenancePlan view(Instant at) {
      RollingPlan plan = new RollingPlan(order, steps);
      return new CapacityService.MaintenancePlan(
          input.cluster().id(), at, verdict, plan, plan.lines(), input.warnings());
    }
  }

  /** The plan of {@code nodes} (null: every node) and whether it may start. */
  Prepared prepare(CapacityService.Input in, List<String> nodes) {
    RollingPlan plan = RollingPlan.of(in.state(), in.rule());
    NMinusOne.Report report = NMinusOne.check(in.state(), in.rule());
    List<String> order = plan.order();
    if (nodes != null) {
      if (nodes.isEmpty()) {
        throw new InvalidInput("/nodes", "name at least one node, or leave nodes out for all");
      }
      for (String n : nodes) {
        if (!order.contains(n)) {
          throw new InvalidInput(
              "/nodes", "'" + n + "' is no node of the cluster; its nodes are " + order);
        }
      }
      order = order.stream().filter(nodes::contains).toList();
    }
    List<String> covered = order;
    List<PlanStep> steps = plan.steps().stream().filter(s -> covered.contains(s.node())).toList();
    List<String> refusals = new ArrayList<>();
    List<String> possible = new ArrayList<>();
    for (String node : plan.order()) {
      List<String> why = why(node, plan, report, in.nodeServers());
      if (why.isEmpty()) {
        possible.add(node);
      } else if (covered.contains(node)) {
        refusals.addAll(why);
      }
    }
    if (!refusals.isEmpty()) {
      refusals.add(
          possible.isEmpty()
              ? "no node can be maintained now"
              : "nodes that can be maintained now: "
                  + String.join(", ", possible)
                  + " (name them in \"nodes\")");
    }
    return new Prepared(in, report.verdict(), order, steps, List.copyOf(refusals));
  }

  private List<String> why(
      String node, RollingPlan plan, NMinusOne.Report report, Map<String, Server> servers) {
    List<String> why = new ArrayList<>();
    for (PlanStep s : plan.steps()) {
      if (s instanceof PlanStep.Blocked b && b.node().equals(node)) {
        why.add("node " + node + " is blocked: " + b.reason());
      }
    }
    NMinusOne.NodeLoss loss = report.loss(node);
    if (loss != null && loss.verdict() == NMinusOne.Verdict.SHORTFALL) {
      why.add("node " + node + " fails the N-1 check (" + String.join("; ", loss.remedies()) + ")");
    }
    if (props.patchMode() == MaintenanceProperties.PatchMode.SSH) {
      Server s = servers.get(node);
      Server.Ssh ssh = s == null || s.access() == null ? null : s.access().ssh();
      if (s == null) {
        why.add(
            "node "
                + node
                + " has no inventory server of this cluster with its address or name, so Vakt"
                + " cannot patch it over SSH");
      } else if (ssh == null) {
        why.add("node " + node + " (" + s.id() + ") has no SSH access path in the inventory");
      } else if (ssh.hostKey() == null) {
        why.add(
            "node "
                + node
                + " ("
                + s.id()
                + ") has no approved SSH host key yet: approve it first (ACC-1)");
      }
    }
    return why;
  }

  /** How the nodes are patched: over SSH (their access paths), or not at all. */
  NodePatcher patcher(Supplier<SshCommands> ssh, Map<String, Server> servers, List<String> nodes) {
    if (props.patchMode() == MaintenanceProperties.PatchMode.SKIP) {
      return NodePatcher.SKIP;
    }
    Map<String, SshCommands.Target> targets = new LinkedHashMap<>();
    for (String node : nodes) {
      Server s = servers.get(node);
      Server.Ssh a = s.access().ssh();
      targets.put(
          node,
          new SshCommands.Target(
              s.id(),
              s.address(),
              a.port() == null ? 22 : a.port(),
              a.user(),
              a.key(),
              Boolean.TRUE.equals(a.sudo()),
              a.hostKey()));
    }
    return new SshPatcher(ssh.get(), targets, props.patchCommands());
  }

  /** The failure record of a run found RUNNING at start-up: the step it was in, and its task. */
  static MaintenanceRun.Failure cutOff(MaintenanceRun r) {
    for (MaintenanceRun.Step s : r.steps()) {
      if (s.state() == MaintenanceRun.StepState.INTERRUPTED) {
        return new MaintenanceRun.Failure(
            s.index(), s.text(), CUT_OFF, List.of(), Aftermath.interrupted(s.upid()));
      }
    }
    return new MaintenanceRun.Failure(-1, null, CUT_OFF, List.of(), Aftermath.interrupted(null));
  }
}
