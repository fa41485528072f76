package dev.vakt.proxmox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client's write calls and task polling (MNT-7, MNT-12). <b>Proxmox VE cannot run here</b>:
 * they run against {@link FakePveCluster}, a local HTTPS server answering as the documented Proxmox
 * VE API does (form-encoded POSTs answered with a UPID; task status "running", then "stopped" with
 * an exit status; a node reboot answered with {@code null}).
 */
@DisplayName("Proxmox VE API client: writes and tasks (MNT-7, MNT-12)")
class ProxmoxTasksTest {

  static final String TOKEN = "vakt@pve!maintenance=aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";

  @TempDir static Path dir;
  FakePve pve;
  FakePveCluster cluster;
  ProxmoxClient client;

  @BeforeEach
  void start() throws Exception {
    pve = FakePve.start(dir, "dns:pve1.example.invalid");
    cluster =
        new FakePveCluster(pve, "lab")
            .node("pve1", "127.0.0.1", 8, 64)
            .node("pve2", "127.0.0.2", 8, 64)
            .guest(100, "qemu", "web01", "pve1", 2, 4)
            .guest(200, "lxc", "mail01", "pve1", 1, 2)
            .taskPolls(2);
    client =
        new ProxmoxClient(
            pve.api(), TOKEN, TlsTrust.pinned(pve.fingerprint()), Duration.ofSeconds(5));
  }

  @AfterEach
  void stop() throws Exception {
    pve.close();
  }

  @Test
  void liveMigrationIsAFormPostWithTheTokenAndNoCsrfToken_MNT7() throws Exception {
    Upid upid = client.migrate("pve1", "qemu", 100, "pve2", true);
    assertThat(upid.node()).isEqualTo("pve1");
    assertThat(upid.type()).isEqualTo("qmigrate");
    assertThat(upid.id()).isEqualTo("100");
    FakePve.Request r = pve.requests().getLast();
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.target()).isEqualTo("/api2/json/nodes/pve1/qemu/100/migrate");
    assertThat(r.body()).isEqualTo("target=pve2&online=1");
    assertThat(r.headers())
        .containsEntry("content-type", "application/x-www-form-urlencoded")
        .containsEntry("authorization", "PVEAPIToken=" + TOKEN)
        .doesNotContainKey("csrfpreventiontoken");
  }

  @Test
  void aRunningContainerMovesByRestartMigrationAndAStoppedGuestOffline() throws Exception {
    client.migrate("pve1", "lxc", 200, "pve2", true);
    assertThat(pve.requests().getLast().body()).isEqualTo("target=pve2&restart=1");
    client.migrate("pve1", "qemu", 100, "pve2", false);
    assertThat(pve.requests().getLast().body()).isEqualTo("target=pve2");
  }

  @Test
  void aTaskIsPolledOnItsOwnNodeUntilItStops() throws Exception {
    Upid upid = client.migrate("pve1", "qemu", 100, "pve2", true);
    assertThat(client.taskStatus(upid).running()).isTrue();
    assertThat(client.taskStatus(upid).running()).isTrue();
    assertThat(cluster.nodeOf(100)).isEqualTo("pve1");
    TaskStatus done = client.taskStatus(upid);
    assertThat(done.running()).isFalse();
    assertThat(done.succeeded()).isTrue();
    assertThat(done.exitStatus()).isEqualTo("OK");
    assertThat(cluster.nodeOf(100)).isEqualTo("pve2");
    // The UPID holds ':', '@' and '!': it travels percent-encoded in the path.
    assertThat(pve.requests().getLast().target())
        .startsWith("/api2/json/nodes/pve1/tasks/UPID%3Apve1%3A")
        .endsWith("%3Avakt%40pve%21maintenance%3A/status");
    assertThat(client.clusterTasks())
        .singleElement()
        .satisfies(t -> assertThat(t.running()).isFalse());
  }

  @Test
  void aFailedTaskSaysWhyInItsExitStatusAndLog() throws Exception {
    cluster.taskPolls(0).failMigration(100, "migration aborted");
    Upid upid = client.migrate("pve1", "qemu", 100, "pve2", true);
    TaskStatus done = client.taskStatus(upid);
    assertThat(done.succeeded()).isFalse();
    assertThat(done.exitStatus()).isEqualTo("migration aborted");
    assertThat(client.taskLogTail(upid, 1)).containsExactly("TASK ERROR: migration aborted");
    assertThat(cluster.nodeOf(100)).isEqualTo("pve1");
  }

  @Test
  void aNodeRebootAnswersNullAndTheNodeReturnsWithALowerUptime() throws Exception {
    cluster.offlineReads(1);
    long before = uptime("pve2");
    client.rebootNode("pve2");
    assertThat(pve.requests().getLast().body()).isEqualTo("command=reboot");
    assertThat(status("pve2")).isEqualTo("offline");
    assertThat(status("pve2")).isEqualTo("online");
    assertThat(uptime("pve2")).isLessThan(before);
  }

  @Test
  void aGuestRebootIsATask_MNT12() throws Exception {
    Upid upid = client.rebootGuest("pve1", "qemu", 100);
    assertThat(upid.type()).isEqualTo("qmreboot");
    assertThat(pve.requests().getLast().target())
        .isEqualTo("/api2/json/nodes/pve1/qemu/100/status/reboot");
  }

  @Test
  void errorsAndBadInput() {
    assertThatThrownBy(() -> client.migrate("pve1", "qemu", 100, "nowhere", true))
        .isInstanceOf(ProxmoxException.class)
        .hasMessageContaining("HTTP 500 target node is not online");
    assertThatThrownBy(() -> client.migrate("pve1", "openvz", 100, "pve2", true))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> client.migrate("pve1", "qemu", 100, "pve2; reboot", true))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Upid.parse("not-a-upid")).isInstanceOf(IllegalArgumentException.class);
  }

  private String status(String node) throws Exception {
    return client.nodeResources().stream()
        .filter(n -> n.node().equals(node))
        .findFirst()
        .orElseThrow()
        .status();
  }

  private long uptime(String node) throws Exception {
    return client.nodeResources().stream()
        .filter(n -> n.node().equals(node))
        .findFirst()
        .orElseThrow()
        .uptimeSeconds();
  }
}
