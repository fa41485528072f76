package dev.vakt.maintenance.runs;

import dev.vakt.audit.AuditLog;
import dev.vakt.common.ApiErrors.Conflict;
import dev.vakt.common.ApiErrors.InvalidInput;
import dev.vakt.common.ApiErrors.NotFound;
import dev.vakt.common.Paging;
import dev.vakt.inventory.InventoryService;
import dev.vakt.maintenance.MaintenanceProperties;
import dev.vakt.maintenance.capacity.CapacityService;
import dev.vakt.maintenance.capacity.PlanStep;
import dev.vakt.maintenance.planning.MaintenancePlanner;
import dev.vakt.proxmox.ProxmoxException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rolling maintenance runs of a cluster (MNT-4, MNT-7): the dry run, the start (checked, stored,
 * audited, then executed in the background), and the runs as stored. At most one run per cluster
 * runs at a time. A run starts only when no node it covers is blocked (quorum) or fails the N-1
 * check, and, with SSH patching, every such node has an approved SSH access path; otherwise the
 * refusal names the nodes that can still be done, which the request may then list in {@code nodes}.
 * At start-up, runs a crashed Vakt left running are marked INTERRUPTED and audited, never resumed.
 * See docs/rolling-maintenance.md.
 */
@org.springframework.stereotype.Service
public class MaintenanceRunService {

  private static final Logger LOG = LoggerFactory.getLogger(MaintenanceRunService.class);

  private final CapacityService capacity;
  private final InventoryService inventory;
  private final RunStore store;
  private final RunLauncher launcher;
  private final AuditLog audit;
  private final TransactionTemplate tx;
  private final RunPolicy policy;
  private final Clock clock;
  private final RunWindows windows;

  MaintenanceRunService(
      CapacityService capacity,
      InventoryService inventory,
      RunStore store,
      RunLauncher launcher,
      AuditLog audit,
      TransactionTemplate tx,
      MaintenanceProperties props,
      MaintenancePlanner planner,
      Clock clock) {
    this.windows = new RunWindows(planner, clock);
    this.capacity = capacity;
    this.inventory = inventory;
    this.store = store;
    this.launcher = launcher;
    this.audit = audit;
    this.tx = tx;
    this.policy = new RunPolicy(props);
    this.clock = clock;
  }

  /**
   * What to start.
   *
   * @param reason why, for the audit trail; required for a real run
   * @param nodes the nodes to maintain, null for all
   * @param options the capacity rule's parameters
   * @param planDigest the {@link DryRun#planDigest()} the technician looked at, or null; when
   *     given, the run starts only if its plan is still exactly that one
   * @param maintenance the planned maintenance the run carries out: it must be under way now and
   *     affect the cluster's customer (MNT-1, MNT-2)
   * @param outsideWindows instead of a planned maintenance, why the nodes are patched now anyway
   *     (acute security work, MNT-3); recorded with the run's reason
   */
  public record Start(
      String reason,
      List<String> nodes,
      CapacityService.Options options,
      String planDigest,
      String maintenance,
      String outsideWindows) {

    /** A start without a planned maintenance or override: dry runs and tests of the plan. */
    public Start(
        String reason, List<String> nodes, CapacityService.Options options, String planDigest) {
      this(reason, nodes, options, planDigest, null, null);
    }
  }

  /**
   * The dry run: the plan, and why a real run would be refused (empty when it would start).
   *
   * @param plan the plan of the nodes asked for
   * @param planDigest identifies the plan's steps, to start exactly this plan
   */
  public record DryRun(
      CapacityService.MaintenancePlan plan, List<String> refusals, String planDigest) {}

  /** The dry run of {@code cluster}: reads the cluster, changes nothing. */
  public DryRun dryRun(String cluster, Start start) throws ProxmoxException {
    RunPolicy.Prepared p = prepare(cluster, start);
    return new DryRun(p.view(clock.instant()), p.refusals(), p.digest());
  }

  /**
   * Starts a rolling maintenance of {@code cluster} in the background.
   *
   * @throws Conflict when refused or a run is in progress
   */
  public MaintenanceRun start(String cluster, Start start, String actor) throws ProxmoxException {
    if (start.reason() == null || start.reason().isBlank()) {
      throw new InvalidInput("/reason", "a run needs a reason: it is audited");
    }
    RunPolicy.Prepared p = prepare(cluster, start);
    if (!p.refusals().isEmpty()) {
      throw new Conflict("the run cannot start: " + String.join("; ", p.refusals()));
    }
    String reason = windows.reason(p.input().cluster().customer(), start);
    if (start.planDigest() != null && !start.planDigest().equals(p.digest())) {
      throw new Conflict(
          "the plan changed since the dry run "
              + start.planDigest()
              + " (the cluster changed): look at the new dry run, then start it");
    }
    CapacityService.Input in = p.input();
    NodePatcher patcher = policy.patcher(launcher::ssh, in.nodeServers(), p.order());
    long id =
        create(
            new RunStore.NewRun(
                in.cluster().id(),
                in.cluster().customer(),
                MaintenanceRun.Kind.ROLLING,
                reason,
                actor,
                null,
                p.order(),
                clock.instant()),
            p.steps());
    launcher.launch(
        new RunExecutor.Job(
            id, p.steps(), capacity.client(in.cluster()), patcher, in.state(), in.rule()));
    return store.get(id).orElseThrow();
  }

  /** The cluster's runs, newest first. */
  public Paging.Page<MaintenanceRun> runs(String cluster, Paging.PageRequest page) {
    Paging.Page<MaintenanceRun> runs = store.page(cluster, page);
    if (runs.total() == 0 && inventory.cluster(cluster).isEmpty()) {
      throw new NotFound("cluster " + cluster);
    }
    return runs;
  }

  /** One run of the cluster. */
  public MaintenanceRun run(String cluster, long id) {
    return store
        .get(id)
        .filter(r -> r.cluster().equals(cluster))
        .orElseThrow(() -> new NotFound("maintenance run " + id + " of cluster " + cluster));
  }

  /**
   * Stores a new run with its steps and audits its start, in one transaction.
   *
   * @throws Conflict when the cluster already has a run in progress
   */
  long create(RunStore.NewRun run, List<PlanStep> steps) {
    store
        .running(run.cluster())
        .ifPresent(
            other -> {
              throw inProgress(run.cluster(), other);
            });
    try {
      Long id =
          tx.execute(
              s -> {
                long created = store.create(run, steps);
                Map<String, Object> after = new LinkedHashMap<>();
                after.put("cluster", run.cluster());
                after.put("kind", run.kind());
                after.put("reason", run.reason());
                after.put("server", run.server());
                after.put("order", run.order());
                after.put("steps", steps.size());
                audit.record(
                    run.requestedBy(),
                    "start",
                    "maintenance-run",
                    Long.toString(created),
                    run.customer(),
                    null,
                    after);
                return created;
              });
      return id;
    } catch (DuplicateKeyException e) {
      throw inProgress(run.cluster(), store.running(run.cluster()).orElse(-1L));
    }
  }

  private static Conflict inProgress(String cluster, long other) {
    return new Conflict(
        "cluster "
            + cluster
            + " has maintenance run "
            + other
            + " in progress: one run per cluster at a time");
  }

  private RunPolicy.Prepared prepare(String cluster, Start start) throws ProxmoxException {
    CapacityService.Input in = capacity.input(cluster, start.options());
    return policy.prepare(in, start.nodes());
  }

  @EventListener(ApplicationReadyEvent.class)
  void recoverAtStart() {
    recover(store.owner());
  }

  /**
   * Marks every run left RUNNING by another Vakt process (one that crashed or was killed)
   * INTERRUPTED, with the step it was in, and audits each. Such a run is never resumed.
   *
   * @param owner this process's owner id
   */
  List<MaintenanceRun> recover(String owner) {
    List<MaintenanceRun> out = new ArrayList<>();
    tx.executeWithoutResult(
        s -> {
          MaintenanceRun.Failure generic =
              new MaintenanceRun.Failure(
                  -1, null, RunPolicy.CUT_OFF, List.of(), Aftermath.interrupted(null));
          for (MaintenanceRun r : store.interruptOthers(owner, clock.instant(), generic)) {
            MaintenanceRun.Failure f = RunPolicy.cutOff(r);
            store.failure(r.id(), f);
            MaintenanceRun now = store.get(r.id()).orElseThrow();
            AuditedJournal.auditEnd(audit, AuditedJournal.VAKT, now);
            LOG.warn(
                "maintenance run {} of cluster {} was interrupted (Vakt stopped during it): {}",
                r.id(),
                r.cluster(),
                f.stepText());
            out.add(now);
          }
        });
    return out;
  }
}
