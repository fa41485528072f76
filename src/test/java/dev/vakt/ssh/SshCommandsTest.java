package dev.vakt.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.common.SecretRef;
import dev.vakt.reach.Reach;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ACC-1, MON-2, MON-3: the agentless SSH path against a real SSH server (Apache MINA sshd on
 * 127.0.0.1) whose commands answer with recorded outputs of the tools a host check runs.
 */
class SshCommandsTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final SecretRef KEY = SecretRef.parse("secret:ops-key");
  private static final SecretRef WRONG_KEY = SecretRef.parse("secret:other-key");

  @TempDir static Path dir;

  private static TestSshServer server;
  private static SshCommands ssh;
  private static String hostKey;

  @BeforeAll
  static void start() throws Exception {
    server =
        new TestSshServer(dir, "ops")
            .answer("cat /proc/loadavg", TestSshServer.Answer.of("0.42 0.37 0.30 2/311 12345\n"))
            .answer(
                "sudo -n -- cat /proc/mdstat",
                TestSshServer.Answer.of(
                    "Personalities : [raid1]\nmd0 : active raid1 sdb1[1] sda1[0]\n      1046528"
                        + " blocks super 1.2 [2/2] [UU]\n\nunused devices: <none>\n"));
    hostKey = server.hostKey();
    Map<SecretRef, String> secrets =
        Map.of(KEY, server.privateKey(), WRONG_KEY, TestSshServer.otherPrivateKey());
    ssh = new SshCommands(secrets::get);
  }

  @AfterAll
  static void stop() throws Exception {
    ssh.close();
    server.close();
  }

  private static SshCommands.Target target(String pinned, boolean sudo, SecretRef key) {
    return new SshCommands.Target("node1", "127.0.0.1", server.port(), "ops", key, sudo, pinned);
  }

  @Test
  @DisplayName(
      "ACC-1: a pinned host key and the provider's key run the command; one connection is reused")
  void runsOverOneReusedConnection() {
    int before = server.sessions();
    var first = ssh.run(target(hostKey, false, KEY), "cat /proc/loadavg", TIMEOUT);
    var second = ssh.run(target(hostKey, false, KEY), "cat /proc/loadavg", TIMEOUT);
    assertThat(first).isInstanceOf(SshCommands.Outcome.Ran.class);
    var ran1 = (SshCommands.Outcome.Ran) first;
    assertThat(ran1.exitStatus()).isZero();
    assertThat(ran1.stdout()).startsWith("0.42 0.37 0.30");
    assertThat(second).isInstanceOf(SshCommands.Outcome.Ran.class);
    assertThat(server.sessions() - before).isEqualTo(1);
  }

  @Test
  @DisplayName("ACC-1: with sudo the command runs through sudo -n, never a password prompt")
  void sudo() {
    var outcome = ssh.run(target(hostKey, true, KEY), "cat /proc/mdstat", TIMEOUT);
    assertThat(((SshCommands.Outcome.Ran) outcome).stdout()).contains("[UU]");
    assertThat(server.ran()).contains("sudo -n -- cat /proc/mdstat");
  }

  @Test
  @DisplayName("ACC-1: a server's first key is only offered for approval; no command is sent")
  void firstKeyNeedsApproval() {
    int before = server.ran().size();
    var outcome = ssh.run(target(null, false, KEY), "cat /proc/loadavg", TIMEOUT);
    assertThat(outcome).isEqualTo(new SshCommands.Outcome.HostKeyNotApproved(hostKey));
    assertThat(server.ran()).hasSize(before);
  }

  @Test
  @DisplayName("ACC-1: a changed host key is an alarm naming both keys; no command is sent")
  void changedKeyIsAnAlarm() {
    int before = server.ran().size();
    String approved = "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    var outcome = ssh.run(target(approved, false, KEY), "cat /proc/loadavg", TIMEOUT);
    assertThat(outcome).isEqualTo(new SshCommands.Outcome.HostKeyChanged(approved, hostKey));
    assertThat(server.ran()).hasSize(before);
  }

  @Test
  @DisplayName("ACC-2: a refused login is a failure naming the user and host, never the key")
  void refusedLogin() {
    var outcome = ssh.run(target(hostKey, false, WRONG_KEY), "cat /proc/loadavg", TIMEOUT);
    assertThat(outcome).isInstanceOf(SshCommands.Outcome.Failed.class);
    var failed = (SshCommands.Outcome.Failed) outcome;
    assertThat(failed.kind()).isEqualTo(SshCommands.Failure.LOGIN_REFUSED);
    assertThat(failed.reason()).contains("ops@127.0.0.1").doesNotContain("PRIVATE KEY");
  }

  @Test
  @DisplayName("a command's own failure is its exit status and stderr, not a transport failure")
  void exitStatus() {
    var outcome =
        (SshCommands.Outcome.Ran) ssh.run(target(hostKey, false, KEY), "zpool status -x", TIMEOUT);
    assertThat(outcome.exitStatus()).isEqualTo(127);
    assertThat(outcome.stderr()).contains("command not found");
  }

  @Test
  @DisplayName(
      "a command that does not finish in time is a failure, and the next command still runs")
  void commandTimeout() {
    var slow = ssh.run(target(hostKey, false, KEY), "sleep 30", Duration.ofMillis(500));
    assertThat(slow).isInstanceOf(SshCommands.Outcome.Failed.class);
    assertThat(((SshCommands.Outcome.Failed) slow).reason())
        .contains("did not finish within 500 ms");
    assertThat(((SshCommands.Outcome.Failed) slow).kind()).isEqualTo(SshCommands.Failure.COMMAND);
    assertThat(ssh.run(target(hostKey, false, KEY), "cat /proc/loadavg", TIMEOUT))
        .isInstanceOf(SshCommands.Outcome.Ran.class);
  }

  @Test
  @DisplayName("a server that is down is a failure within the timeout")
  void unreachable() throws IOException {
    int port;
    try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    var outcome =
        ssh.run(
            new SshCommands.Target("gone", "127.0.0.1", port, "ops", KEY, false, hostKey),
            "uptime",
            TIMEOUT);
    assertThat(outcome).isInstanceOf(SshCommands.Outcome.Failed.class);
    assertThat(((SshCommands.Outcome.Failed) outcome).kind())
        .isEqualTo(SshCommands.Failure.UNREACHABLE);
  }

  // DPA-3: a check reaches only the address the guard approved (issue 16, F19).
  @Test
  @DisplayName("F19: a host check connects to the approved address, never a new lookup of the name")
  void f19_connectsToTheApprovedAddress() throws IOException {
    // The name resolves nowhere: only the approved address can reach the server.
    var target =
        new SshCommands.Target(
            "node1", "rebind.vakt.test", server.port(), "ops", KEY, false, hostKey);
    var outcome = ssh.run(target, "cat /proc/loadavg", TIMEOUT, InetAddress.getByName("127.0.0.1"));
    assertThat(outcome).as(outcome.toString()).isInstanceOf(SshCommands.Outcome.Ran.class);
    assertThat(((SshCommands.Outcome.Ran) outcome).stdout()).startsWith("0.42");
  }

  // DPA-3: maintenance-run SSH reaches only the address its guard approved (issue 16, F19).
  @Test
  @DisplayName("F19: with a reach, a new session connects to the address the reach approved")
  void f19_theReachsApprovedAddressIsUsed() throws Exception {
    InetAddress approved = InetAddress.getByName("127.0.0.1");
    Map<SecretRef, String> secrets = Map.of(KEY, server.privateKey());
    try (SshCommands guarded =
        new SshCommands(
            secrets::get, t -> new Reach.Decision(java.util.Optional.empty(), approved))) {
      var target =
          new SshCommands.Target(
              "node1", "rebind.vakt.test", server.port(), "ops", KEY, false, hostKey);
      var outcome = guarded.run(target, "cat /proc/loadavg", TIMEOUT);
      assertThat(outcome).as(outcome.toString()).isInstanceOf(SshCommands.Outcome.Ran.class);
    }
  }
}
