package dev.vakt.maintenance.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.inventory.Server;
import dev.vakt.maintenance.MaintenanceProperties;
import dev.vakt.maintenance.capacity.CapacityRule;
import dev.vakt.maintenance.capacity.ClusterState;
import dev.vakt.maintenance.capacity.PlanStep;
import dev.vakt.maintenance.capacity.PveAdapter;
import dev.vakt.maintenance.capacity.RollingPlan;
import dev.vakt.maintenance.runs.MaintenanceRun.State;
import dev.vakt.maintenance.runs.MaintenanceRun.StepState;
import dev.vakt.proxmox.FakePve;
import dev.vakt.proxmox.FakePveCluster;
import dev.vakt.proxmox.ProxmoxClient;
import dev.vakt.proxmox.TlsTrust;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The executor of maintenance runs (MNT-4, MNT-7, MNT-12), plain Java, against the Proxmox VE API.
 * <b>Proxmox VE cannot run here</b>: every test runs against {@link FakePveCluster}, a local HTTPS
 * server answering as the documented Proxmox VE API does (migrations and reboots as tasks polled
 * until they stop, a node reboot without a task, the node offline for a while and back with a lower
 * uptime). Polling waits 1 ms here instead of 2 s.
 *
 * <p>The cluster: pve1 (primary), pve2 and pve3 (secondary), 16 cores and 128 GiB each; VMs 100
 * (web01, pve1), 101 (db01, pve2), 103 (app01, pve2), container 200 (mail01, pve3) on shared
 * storage, and VM 102 (build01, pve2) on pve2's local storage.
 */
@DisplayName("Maintenance runs: the executor (MNT-4, MNT-7, MNT-12)")
class RollingRunTest {

  static final String TOKEN = "vakt@pve!maintenance=aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
  static final MaintenanceProperties FAST =
      MaintenanceProperties.defaults().withTiming(Duration.ofMillis(1), Duration.ofSeconds(10));

  @TempDir static Path dir;
  FakePve pve;
  FakePveCluster sim;
  ProxmoxClient client;
  ClusterState state;
  CapacityRule rule = CapacityRule.of("4.0", "1.0");
  MemoryJournal journal;
  final List<String> patched = new CopyOnWriteArrayList<>();
  final NodePatcher patcher =
      (node, timeout) -> {
        patched.add(node);
        return new NodePatcher.Result(true, "patched " + node);
      };

  @BeforeEach
  void start() throws Exception {
    pve = FakePve.start(dir, "dns:pve1.example.invalid");
    sim =
        new FakePveCluster(pve, "lab")
            .node("pve1", "127.0.0.1", 16, 128)
            .node("pve2", "127.0.0.2", 16, 128)
            .node("pve3", "127.0.0.3", 16, 128)
            .guest(100, "qemu", "web01", "pve1", 4, 16)
            .guest(101, "qemu", "db01", "pve2", 8, 32)
            .guest(103, "qemu", "app01", "pve2", 2, 4)
            .guest(200, "lxc", "mail01", "pve3", 2, 4)
            .localGuest(102, "build01", "pve2", 8)
            .taskPolls(2)
            .offlineReads(2);
    client =
        new ProxmoxClient(
            pve.api(), TOKEN, TlsTrust.pinned(pve.fingerprint()), Duration.ofSeconds(5));
  }

  @AfterEach
  void stop() throws Exception {
    pve.close();
  }

  List<PlanStep> plan() throws Exception {
    PveAdapter.Result r =
        PveAdapter.state(
            PveAdapter.fetch(client),
            Map.of(
                "pve1", Server.Role.PRIMARY,
                "pve2", Server.Role.SECONDARY,
                "pve3", Server.Role.SECONDARY));
    state = r.state();
    return RollingPlan.of(state, rule).steps();
  }

  State run(List<PlanStep> steps, NodePatcher p, MaintenanceProperties props) {
    journal = new MemoryJournal(steps.size());
    RunExecutor executor = new RunExecutor(journal, props, Clock.systemUTC(), d -> Thread.sleep(1));
    return executor.execute(new RunExecutor.Job(1, steps, client, p, state, rule));
  }

  static int indexOf(List<PlanStep> steps, Class<?> type, String node) {
    for (int i = 0; i < steps.size(); i++) {
      if (type.isInstance(steps.get(i)) && steps.get(i).node().equals(node)) {
        return i;
      }
    }
    throw new AssertionError("no " + type.getSimpleName() + " of " + node);
  }

  @Test
  void aFullRollingRunOfThreeNodesEndsWithEveryGuestHome_MNT7_MNT4() throws Exception {
    List<PlanStep> steps = plan();
    assertThat(pve.requests()).allSatisfy(r -> assertThat(r.method()).isEqualTo("GET"));

    assertThat(run(steps, patcher, FAST)).isEqualTo(State.SUCCEEDED);

    assertThat(journal.states()).containsOnly(StepState.DONE);
    assertThat(journal.failure).isNull();
    // MNT-7: every guest that left its node is back on it; the local one never moved.
    assertThat(List.of(100, 101, 102, 103, 200).stream().map(sim::nodeOf))
        .containsExactly("pve1", "pve2", "pve2", "pve2", "pve3");
    // MNT-4: secondary nodes first, one at a time, each patched before its reboot.
    assertThat(sim.posts().stream().filter(p -> p.endsWith("command=reboot")))
        .containsExactly(
            "POST /nodes/pve2/status command=reboot",
            "POST /nodes/pve3/status command=reboot",
            "POST /nodes/pve1/status command=reboot");
    assertThat(patched).containsExactly("pve2", "pve3", "pve1");
    assertThat(List.of("pve1", "pve2", "pve3").stream().map(sim::uptime)).containsOnly(42L);
    // A running container moves by restart migration, a running VM live.
    assertThat(sim.posts()).contains("POST /nodes/pve3/lxc/200/migrate target=pve1&restart=1");
    assertThat(sim.posts())
        .filteredOn(p -> p.contains("/qemu/"))
        .isNotEmpty()
        .allMatch(p -> p.endsWith("online=1"));
    // Each move's task id was recorded as soon as it was known.
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i) instanceof PlanStep.Migrate) {
        assertThat(journal.steps.get(i).upid()).startsWith("UPID:");
      }
    }
    assertThat(journal.steps.get(indexOf(steps, PlanStep.Reboot.class, "pve2")).detail())
        .isEqualTo("pve2 back online, uptime 42 s (was 2592000 s)");
  }

  @Test
  void aFailingMigrationStopsTheRunThereAndNothingAfterItIsSent_MNT7() throws Exception {
    sim.failMigration(103, "migration aborted (duration 00:00:02): target storage full");
    List<PlanStep> steps = plan();

    assertThat(run(steps, patcher, FAST)).isEqualTo(State.FAILED);

    // pve2 is first: db01 (largest) moved, then app01's move failed; nothing else was sent.
    assertThat(sim.posts()).hasSize(2);
    assertThat(sim.posts().getLast()).startsWith("POST /nodes/pve2/qemu/103/migrate");
    assertThat(patched).isEmpty();
    int failed = journal.failure.step();
    assertThat(steps.get(failed)).isInstanceOf(PlanStep.Migrate.class);
    assertThat(journal.states().get(failed)).isEqualTo(StepState.FAILED);
    assertThat(journal.states().subList(failed + 1, steps.size())).containsOnly(StepState.NOT_RUN);
    assertThat(journal.failure.reason())
        .contains("ended with 'migration aborted (duration 00:00:02): target storage full'")
        .contains("TASK ERROR: migration aborted");
    String movedTo = sim.nodeOf(101);
    assertThat(movedTo).isNotEqualTo("pve2");
    assertThat(journal.failure.whereNow())
        .contains(
            "qemu 101 (db01): on " + movedTo + ", running",
            "qemu 103 (app01): on pve2, running",
            "qemu 102 (build01): on pve2, running");
    assertThat(journal.failure.advice())
        .contains("pve2 was being emptied and is neither patched nor rebooted")
        .contains("Nodes finished in this run: none; not started: pve3, pve1.");
  }

  @Test
  void aNodeThatDoesNotComeBackFailsItsRebootAndTheRunStops() throws Exception {
    sim.neverReturns("pve2");
    List<PlanStep> steps = plan();
    MaintenanceProperties props =
        MaintenanceProperties.defaults().withTiming(Duration.ofMillis(1), Duration.ofMillis(400));

    assertThat(run(steps, patcher, props)).isEqualTo(State.FAILED);

    assertThat(journal.failure.step()).isEqualTo(indexOf(steps, PlanStep.Reboot.class, "pve2"));
    assertThat(journal.failure.reason())
        .isEqualTo(
            "pve2 back online after its reboot did not happen within 400 ms: pve2 is offline");
    assertThat(sim.posts().getLast()).isEqualTo("POST /nodes/pve2/status command=reboot");
    assertThat(journal.failure.whereNow()).contains("node pve2: offline");
    assertThat(journal.failure.advice()).contains("console");
  }

  @Test
  void aFailedPatchStopsTheRunBeforeTheReboot() throws Exception {
    List<PlanStep> steps = plan();
    NodePatcher broken =
        (node, timeout) ->
            new NodePatcher.Result(false, "'apt-get -q update' exited 100 on pve2: E: lock");

    assertThat(run(steps, broken, FAST)).isEqualTo(State.FAILED);

    assertThat(journal.failure.step()).isEqualTo(indexOf(steps, PlanStep.Patch.class, "pve2"));
    assertThat(sim.posts()).noneMatch(p -> p.contains("reboot"));
    assertThat(journal.failure.advice()).contains("dpkg --configure -a");
  }

  @Test
  void aGuestThatCameAfterThePlanStopsTheRunBeforeAnythingIsSent() throws Exception {
    List<PlanStep> steps = plan();
    sim.guest(104, "qemu", "new01", "pve2", 2, 4);

    assertThat(run(steps, patcher, FAST)).isEqualTo(State.FAILED);

    assertThat(journal.failure.step()).isZero();
    assertThat(journal.failure.reason()).contains("guest 104 (new01) came to pve2 after the plan");
    assertThat(sim.posts()).isEmpty();
    assertThat(journal.failure.advice()).startsWith("Nothing was changed on pve2.");
  }

  @Test
  void aPlannedMoveThatNoLongerFitsItsTargetStopsTheRunBeforeAnythingIsSent_MNT7()
      throws Exception {
    List<PlanStep> steps = plan();
    // db01 (32 GiB) is planned onto pve3, the node with most room; now pve3 carries 104 GiB.
    assertThat(steps)
        .contains(
            new PlanStep.Migrate(
                101,
                "qemu",
                "db01",
                "pve2",
                "pve3",
                PlanStep.Mode.LIVE,
                PlanStep.Purpose.EVACUATE,
                "pve2"));
    sim.guest(105, "qemu", "late01", "pve3", 2, 100);

    assertThat(run(steps, patcher, FAST)).isEqualTo(State.FAILED);

    assertThat(journal.failure.step()).isZero();
    assertThat(journal.failure.reason())
        .isEqualTo(
            "moving 101 (db01) to pve3 would exceed its limits now (12 vCPUs, 136 GiB"
                + " configured): the cluster changed since the plan; make a new plan");
    assertThat(sim.posts()).isEmpty();
  }

  @Test
  void aGuestRestartIsAOneStepRunThroughTheSamePath_MNT12() throws Exception {
    List<PlanStep> steps = List.of(new PlanStep.RestartGuest(100, "qemu", "web01", "pve1"));

    assertThat(run(steps, NodePatcher.SKIP, FAST)).isEqualTo(State.SUCCEEDED);

    assertThat(sim.posts()).containsExactly("POST /nodes/pve1/qemu/100/status/reboot");
    assertThat(journal.steps.getFirst().detail()).startsWith("100 (web01) restarted on pve1");
  }

  @Test
  void stoppingVaktDuringATaskRecordsTheRunAsInterrupted() throws Exception {
    List<PlanStep> steps = plan();
    sim.taskPolls(Integer.MAX_VALUE);
    AtomicReference<State> result = new AtomicReference<>();
    Thread t = Thread.ofVirtual().start(() -> result.set(run(steps, patcher, FAST)));
    awaitTask();
    int posts = sim.posts().size();

    t.interrupt();
    t.join(5_000);

    assertThat(result.get()).isEqualTo(State.INTERRUPTED);
    assertThat(journal.state).isEqualTo(State.INTERRUPTED);
    int step = journal.failure.step();
    assertThat(journal.states().get(step)).isEqualTo(StepState.INTERRUPTED);
    assertThat(journal.steps.get(step).upid()).startsWith("UPID:pve2:");
    assertThat(journal.failure.advice()).contains("does not resume a run");
    assertThat(sim.posts()).hasSize(posts);
  }

  @Test
  void aRunTakenAwayByARestartedVaktStopsWithoutWritingOrSending() throws Exception {
    List<PlanStep> steps = plan();
    sim.taskPolls(Integer.MAX_VALUE);
    AtomicReference<State> result = new AtomicReference<>();
    Thread t = Thread.ofVirtual().start(() -> result.set(run(steps, patcher, FAST)));
    awaitTask();
    int posts = sim.posts().size();

    journal.owned.set(false); // what the restarted process's recovery does to the stored run
    t.join(5_000);

    assertThat(result.get()).isEqualTo(State.INTERRUPTED);
    assertThat(journal.state).isEqualTo(State.RUNNING); // the new process writes its end, not this
    assertThat(sim.posts()).hasSize(posts);
  }

  /** Until the first task is sent and its UPID is in the journal: the run is mid-task. */
  private void awaitTask() throws InterruptedException {
    for (int i = 0; i < 500 && !taskRecorded(); i++) {
      Thread.sleep(10);
    }
    assertThat(sim.posts()).isNotEmpty();
  }

  private boolean taskRecorded() {
    if (journal == null || sim.posts().isEmpty()) {
      return false;
    }
    synchronized (journal) {
      return journal.steps.stream().anyMatch(s -> s.upid() != null);
    }
  }
}
