package dev.vakt.maintenance.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.common.SecretRef;
import dev.vakt.maintenance.MaintenanceProperties;
import dev.vakt.ssh.SshCommands;
import dev.vakt.ssh.TestSshServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The patch step over SSH (MNT-7): the Proxmox VE API cannot run {@code apt-get dist-upgrade}, so
 * the node is patched through Vakt's SSH access path against a real SSH server (Apache MINA) on
 * 127.0.0.1 that answers the patch commands as a node would.
 */
class SshPatcherTest {

  static final SecretRef KEY = SecretRef.parse("secret:node-key");
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  @TempDir Path dir;
  TestSshServer server;
  SshCommands ssh;

  @BeforeEach
  void start() throws Exception {
    server = new TestSshServer(dir, "vakt");
    String key = server.privateKey();
    ssh = new SshCommands(ref -> key);
  }

  @AfterEach
  void stop() throws Exception {
    ssh.close();
    server.close();
  }

  SshPatcher patcher(String hostKey) {
    return new SshPatcher(
        ssh,
        Map.of(
            "pve1",
            new SshCommands.Target(
                "acme-pve1", "127.0.0.1", server.port(), "vakt", KEY, true, hostKey)),
        MaintenanceProperties.defaults().patchCommands());
  }

  @Test
  void runsUpdateThenDistUpgradeThroughSudo_MNT7() throws Exception {
    server
        .answer("sudo -n -- " + MaintenanceProperties.UPDATE, TestSshServer.Answer.of("Done\n"))
        .answer("sudo -n -- " + MaintenanceProperties.UPGRADE, TestSshServer.Answer.of("Done\n"));

    NodePatcher.Result r = patcher(server.hostKey()).patch("pve1", TIMEOUT);

    assertThat(r.ok()).as(r.detail()).isTrue();
    assertThat(server.ran())
        .containsExactly(
            "sudo -n -- apt-get -q update",
            "sudo -n -- env DEBIAN_FRONTEND=noninteractive apt-get -q -y -o"
                + " Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold"
                + " dist-upgrade");
  }

  @Test
  void theFirstFailingCommandStopsThePatchWithItsLastLines() throws Exception {
    server.answer(
        "sudo -n -- " + MaintenanceProperties.UPDATE,
        new TestSshServer.Answer(
            100, "", "E: Could not get lock /var/lib/apt/lists/lock\nE: Unable to lock\n"));

    NodePatcher.Result r = patcher(server.hostKey()).patch("pve1", TIMEOUT);

    assertThat(r.ok()).isFalse();
    assertThat(r.detail())
        .isEqualTo(
            "'apt-get -q update' exited 100 on acme-pve1: E: Could not get lock"
                + " /var/lib/apt/lists/lock | E: Unable to lock");
    assertThat(server.ran()).hasSize(1);
  }

  @Test
  void anUnapprovedHostKeyRunsNothing_ACC1() throws Exception {
    NodePatcher.Result r = patcher(null).patch("pve1", TIMEOUT);

    assertThat(r.ok()).isFalse();
    assertThat(r.detail()).contains("is not approved yet").contains("nothing was run");
    assertThat(server.ran()).isEmpty();
    assertThat(patcher(null).patch("pve9", TIMEOUT).detail())
        .isEqualTo("node pve9 has no SSH access path in the inventory");
  }
}
