package dev.vakt.maintenance.runs;

import dev.vakt.maintenance.capacity.PlanStep;
import dev.vakt.proxmox.Guest;
import dev.vakt.proxmox.NodeResource;
import dev.vakt.proxmox.ProxmoxClient;
import dev.vakt.proxmox.ProxmoxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a technician needs when a run stops: which step, why, where the guests and nodes concerned
 * are now (read from the API at that moment), and what to do, in words that depend on how far the
 * node's maintenance had got.
 */
final class Aftermath {

  private Aftermath() {}

  /**
   * @param steps the run's steps
   * @param index the step that failed or was running
   * @param reason why it stopped
   * @param upid the step's task, or null
   * @param interrupted whether Vakt stopped (rather than the step failing)
   */
  static MaintenanceRun.Failure of(
      List<PlanStep> steps,
      int index,
      String reason,
      String upid,
      boolean interrupted,
      ProxmoxClient client) {
    PlanStep step = steps.get(index);
    return new MaintenanceRun.Failure(
        index,
        step.describe(),
        reason,
        whereNow(steps, step.node(), client),
        (interrupted ? interrupted(upid) : advice(step, reason, upid)) + progress(steps, index));
  }

  /** The guests of the node's steps and every node, as the API shows them now. */
  static List<String> whereNow(List<PlanStep> steps, String node, ProxmoxClient client) {
    if (client == null) {
      return List.of();
    }
    Set<Integer> vmids = new LinkedHashSet<>();
    for (PlanStep s : steps) {
      switch (s) {
        case PlanStep.Migrate m when m.node().equals(node) -> vmids.add(m.vmid());
        case PlanStep.Stays st when st.node().equals(node) -> vmids.add(st.vmid());
        case PlanStep.RestartGuest r -> vmids.add(r.vmid());
        default -> {}
      }
    }
    List<String> out = new ArrayList<>();
    try {
      for (Guest g : client.guests()) {
        if (vmids.contains(g.vmid())) {
          out.add(
              g.type() + " " + PlacementCheck.label(g) + ": on " + g.node() + ", " + g.status());
        }
      }
      for (NodeResource n : client.nodeResources()) {
        out.add(
            "node "
                + n.node()
                + ": "
                + n.status()
                + (n.online() && n.uptimeSeconds() >= 0 ? ", up " + n.uptimeSeconds() + " s" : ""));
      }
    } catch (ProxmoxException | RuntimeException e) {
      out.add("the cluster could not be read: " + e.getMessage());
    }
    return out;
  }

  static String interrupted(String upid) {
    return "Vakt stopped while this step was running, so its outcome is unknown to Vakt, and Vakt"
        + " does not resume a run. "
        + (upid == null ? "" : "Look up task " + upid + " in the Proxmox VE task log. ")
        + "Check where the guests are (above, or in the Proxmox VE GUI), finish or undo the step"
        + " by hand, then start a new run: it plans from the cluster as it is then.";
  }

  private static String advice(PlanStep step, String reason, String upid) {
    String task = upid == null ? "" : " (task " + upid + " in the Proxmox VE task log)";
    String node = step.node();
    return switch (step) {
      case PlanStep.VerifyHealth v when v.phase() == PlanStep.Phase.BEFORE ->
          "Nothing was changed on "
              + node
              + ". Bring the cluster to health (or make a new plan if it changed), then start a new"
              + " run.";
      case PlanStep.VerifyHealth v ->
          node
              + " was patched and rebooted, but the cluster is not healthy yet. Its guests stay on"
              + " the nodes shown above and keep running there. Once healthy, return them to "
              + node
              + " by hand (a new run would treat them as guests of their current nodes).";
      case PlanStep.Migrate m when m.purpose() == PlanStep.Purpose.EVACUATE ->
          node
              + " was being emptied and is neither patched nor rebooted. Guests moved before this"
              + " step run on their targets; this one is where shown above"
              + task
              + ". Fix the cause, return the moved guests to "
              + node
              + " by hand, then start a new run.";
      case PlanStep.Migrate m ->
          node
              + " is patched and rebooted; returning its guests stopped here"
              + task
              + ". Guests not yet returned keep running where shown above. Fix the cause, return"
              + " them to "
              + node
              + " by hand, then start a new run for the nodes not done.";
      case PlanStep.Patch p ->
          node
              + " is emptied (its guests run on the nodes shown above) but not fully patched. Log"
              + " in to "
              + node
              + ", repair the package state (dpkg --configure -a; apt-get -f install) and finish"
              + " the upgrade, reboot it, then return its guests by hand.";
      case PlanStep.Reboot r ->
          node
              + " did not come back as expected. Its guests keep running on the nodes shown above."
              + " Check the node's console (out-of-band access), and return its guests by hand once"
              + " it is healthy.";
      case PlanStep.RestartGuest r ->
          "The restart did not finish"
              + task
              + ". Look at the guest's console in Proxmox VE and start it by hand if it is"
              + " stopped.";
      case PlanStep.Stays s -> "Unexpected failure of an informational step: " + reason;
      case PlanStep.Blocked b -> "A person must decide first: " + b.reason();
    };
  }

  /** Which nodes were finished and which not started, for a rolling run. */
  private static String progress(List<PlanStep> steps, int index) {
    List<String> done = new ArrayList<>();
    List<String> notStarted = new ArrayList<>();
    String current = steps.get(index).node();
    for (int i = 0; i < steps.size(); i++) {
      String n = steps.get(i).node();
      if (i < index && !n.equals(current) && !done.contains(n)) {
        done.add(n);
      } else if (i > index && !n.equals(current) && !notStarted.contains(n)) {
        notStarted.add(n);
      }
    }
    if (done.isEmpty() && notStarted.isEmpty()) {
      return "";
    }
    return " Nodes finished in this run: "
        + (done.isEmpty() ? "none" : String.join(", ", done))
        + "; not started: "
        + (notStarted.isEmpty() ? "none" : String.join(", ", notStarted))
        + ".";
  }
}
