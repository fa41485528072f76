package dev.vakt.monitoring.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.common.SecretRef;
import dev.vakt.monitoring.probe.SshKeys;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
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

  private static SshServer server;
  private static SshCommands ssh;
  private static String hostKey;
  private static final List<String> ran = new CopyOnWriteArrayList<>();
  private static final AtomicInteger sessions = new AtomicInteger();

  /** What the server's commands print, as the real tools do. */
  private static final Map<String, String> OUTPUTS =
      Map.of(
          "cat /proc/loadavg",
          "0.42 0.37 0.30 2/311 12345\n",
          "sudo -n -- cat /proc/mdstat",
          "Personalities : [raid1]\nmd0 : active raid1 sdb1[1] sda1[0]\n      1046528 blocks"
              + " super 1.2 [2/2] [UU]\n\nunused devices: <none>\n");

  @BeforeAll
  static void start() throws Exception {
    KeyPair accepted = generate();
    server = SshServer.setUpDefaultServer();
    server.setHost("127.0.0.1");
    server.setPort(0);
    server.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(dir.resolve("host.key")));
    server.setPublickeyAuthenticator(
        (user, key, session) ->
            "ops".equals(user) && KeyUtils.compareKeys(key, accepted.getPublic()));
    server.setCommandFactory((channel, command) -> new Canned(command));
    server.addSessionListener(
        new SessionListener() {
          @Override
          public void sessionCreated(Session session) {
            sessions.incrementAndGet();
          }
        });
    server.start();
    hostKey =
        SshKeys.fingerprint(
            server.getKeyPairProvider().loadKeys(null).iterator().next().getPublic());
    Map<SecretRef, String> secrets = Map.of(KEY, openSsh(accepted), WRONG_KEY, openSsh(generate()));
    ssh = new SshCommands(secrets::get);
  }

  @AfterAll
  static void stop() throws Exception {
    ssh.close();
    server.stop(true);
  }

  private static SshCommands.Target target(String pinned, boolean sudo, SecretRef key) {
    return new SshCommands.Target("node1", "127.0.0.1", server.getPort(), "ops", key, sudo, pinned);
  }

  @Test
  @DisplayName(
      "ACC-1: a pinned host key and the provider's key run the command; one connection is reused")
  void runsOverOneReusedConnection() {
    int before = sessions.get();
    var first = ssh.run(target(hostKey, false, KEY), "cat /proc/loadavg", TIMEOUT);
    var second = ssh.run(target(hostKey, false, KEY), "cat /proc/loadavg", TIMEOUT);
    assertThat(first).isInstanceOf(SshCommands.Outcome.Ran.class);
    var ran1 = (SshCommands.Outcome.Ran) first;
    assertThat(ran1.exitStatus()).isZero();
    assertThat(ran1.stdout()).startsWith("0.42 0.37 0.30");
    assertThat(second).isInstanceOf(SshCommands.Outcome.Ran.class);
    assertThat(sessions.get() - before).isEqualTo(1);
  }

  @Test
  @DisplayName("ACC-1: with sudo the command runs through sudo -n, never a password prompt")
  void sudo() {
    var outcome = ssh.run(target(hostKey, true, KEY), "cat /proc/mdstat", TIMEOUT);
    assertThat(((SshCommands.Outcome.Ran) outcome).stdout()).contains("[UU]");
    assertThat(ran).contains("sudo -n -- cat /proc/mdstat");
  }

  @Test
  @DisplayName("ACC-1: a server's first key is only offered for approval; no command is sent")
  void firstKeyNeedsApproval() {
    ran.clear();
    var outcome = ssh.run(target(null, false, KEY), "cat /proc/loadavg", TIMEOUT);
    assertThat(outcome).isEqualTo(new SshCommands.Outcome.HostKeyNotApproved(hostKey));
    assertThat(ran).isEmpty();
  }

  @Test
  @DisplayName("ACC-1: a changed host key is an alarm naming both keys; no command is sent")
  void changedKeyIsAnAlarm() {
    ran.clear();
    String approved = "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    var outcome = ssh.run(target(approved, false, KEY), "cat /proc/loadavg", TIMEOUT);
    assertThat(outcome).isEqualTo(new SshCommands.Outcome.HostKeyChanged(approved, hostKey));
    assertThat(ran).isEmpty();
  }

  @Test
  @DisplayName("ACC-2: a refused login is a failure naming the user and host, never the key")
  void refusedLogin() {
    var outcome = ssh.run(target(hostKey, false, WRONG_KEY), "cat /proc/loadavg", TIMEOUT);
    assertThat(outcome).isInstanceOf(SshCommands.Outcome.Failed.class);
    String reason = ((SshCommands.Outcome.Failed) outcome).reason();
    assertThat(reason).contains("ops@127.0.0.1").doesNotContain("PRIVATE KEY");
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
  }

  private static KeyPair generate() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    return generator.generateKeyPair();
  }

  private static String openSsh(KeyPair key) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(
        key, "ops@test", (OpenSSHKeyEncryptionContext) null, out);
    return out.toString(StandardCharsets.US_ASCII);
  }

  /** A command answering from {@link #OUTPUTS}, as a shell would: unknown commands exit 127. */
  private static final class Canned implements Command {
    private final String command;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;

    Canned(String command) {
      this.command = command;
    }

    @Override
    public void setInputStream(InputStream in) {}

    @Override
    public void setOutputStream(OutputStream out) {
      this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
      this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
      this.exit = callback;
    }

    @Override
    public void start(ChannelSession channel, Environment env) {
      ran.add(command);
      Thread.ofVirtual()
          .start(
              () -> {
                try {
                  if (command.startsWith("sleep")) {
                    Thread.sleep(30_000);
                  }
                  String text = OUTPUTS.get(command);
                  if (text == null) {
                    err.write(
                        ("sh: 1: " + command.split(" ")[0] + ": command not found\n")
                            .getBytes(StandardCharsets.UTF_8));
                    err.flush();
                    exit.onExit(127);
                  } else {
                    out.write(text.getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    exit.onExit(0);
                  }
                } catch (IOException | InterruptedException e) {
                  exit.onExit(1);
                }
              });
    }

    @Override
    public void destroy(ChannelSession channel) {}
  }
}
