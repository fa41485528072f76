package dev.vakt.monitoring.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.common.SecretRef;
import dev.vakt.monitoring.CheckResult;
import dev.vakt.monitoring.CheckSpec;
import dev.vakt.monitoring.CheckState;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Map;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MON-1: SSH availability (banner) and key login, against an Apache MINA sshd server on 127.0.0.1
 * that accepts exactly one generated key for user "monitor".
 */
class SshProbeTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final SecretRef KEY = SecretRef.parse("secret:monitor-key");
  private static final SecretRef OTHER_KEY = SecretRef.parse("secret:other-key");
  private static final SecretRef GARBAGE = SecretRef.parse("secret:garbage");
  private static final SecretRef UNSET = SecretRef.parse("env:UNSET_KEY");

  @TempDir static Path dir;

  private static SshServer server;
  private static SshProbe probe;

  @BeforeAll
  static void start() throws Exception {
    KeyPair accepted = generate();
    server = server(accepted);
    Map<SecretRef, String> secrets =
        Map.of(KEY, openSsh(accepted), OTHER_KEY, openSsh(generate()), GARBAGE, "not a key at all");
    probe = new SshProbe(secrets::get);
  }

  @AfterAll
  static void stop() throws Exception {
    probe.close();
    server.stop(true);
  }

  private static SshServer server(KeyPair accepted) throws Exception {
    SshServer sshd = SshServer.setUpDefaultServer();
    sshd.setHost("127.0.0.1");
    sshd.setPort(0);
    sshd.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(dir.resolve("host.key")));
    // Announce itself as OpenSSH does, so the banner tests read like production.
    CoreModuleProperties.SERVER_IDENTIFICATION.set(sshd, "OpenSSH_9.2p1");
    sshd.setPublickeyAuthenticator(
        (user, key, session) ->
            "monitor".equals(user) && KeyUtils.compareKeys(key, accepted.getPublic()));
    sshd.start();
    return sshd;
  }

  private static KeyPair generate() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    return generator.generateKeyPair();
  }

  /** The key as ssh-keygen writes it: "-----BEGIN OPENSSH PRIVATE KEY-----". */
  private static String openSsh(KeyPair key) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(
        key, "monitor@test", (OpenSSHKeyEncryptionContext) null, out);
    return out.toString(StandardCharsets.US_ASCII);
  }

  private static CheckSpec.Ssh spec(int port, String banner, String user, SecretRef key) {
    return new CheckSpec.Ssh("127.0.0.1", port, TIMEOUT, banner, user, key);
  }

  @Test
  @DisplayName("MON-1: an SSH server's identification is OK, with the banner and time_ms")
  void banner() {
    CheckResult result = probe.check(spec(server.getPort(), "OpenSSH_9.2", null, null));
    assertThat(result.state()).as(result.reason()).isEqualTo(CheckState.OK);
    assertThat(result.reason()).startsWith("SSH 'SSH-2.0-OpenSSH_9.2p1' in ");
    assertThat(result.metrics()).containsKey("time_ms");
  }

  @Test
  @DisplayName("MON-1: a banner without the expected text is CRITICAL")
  void wrongBanner() {
    CheckResult result = probe.check(spec(server.getPort(), "dropbear", null, null));
    assertThat(result.state()).isEqualTo(CheckState.CRITICAL);
    assertThat(result.reason())
        .isEqualTo("SSH banner 'SSH-2.0-OpenSSH_9.2p1' does not contain 'dropbear'");
  }

  @Test
  @DisplayName("MON-1: a key login with the accepted OpenSSH key is OK")
  void keyLogin() {
    CheckResult result = probe.check(spec(server.getPort(), null, "monitor", KEY));
    assertThat(result.state()).as(result.reason()).isEqualTo(CheckState.OK);
    assertThat(result.reason()).contains("key login as 'monitor'");
  }

  @Test
  @DisplayName("MON-1: a key or user the server does not accept is CRITICAL")
  void keyRefused() {
    for (CheckSpec.Ssh spec :
        new CheckSpec.Ssh[] {
          spec(server.getPort(), null, "monitor", OTHER_KEY),
          spec(server.getPort(), null, "root", KEY)
        }) {
      CheckResult result = probe.check(spec);
      assertThat(result.state()).isEqualTo(CheckState.CRITICAL);
      assertThat(result.reason()).startsWith("key login as '" + spec.user() + "' refused");
    }
  }

  @Test
  @DisplayName("MON-1: a key that cannot be read is UNKNOWN and its text is never shown")
  void unreadableKey() {
    CheckResult garbage = probe.check(spec(server.getPort(), null, "monitor", GARBAGE));
    assertThat(garbage.state()).isEqualTo(CheckState.UNKNOWN);
    assertThat(garbage.reason())
        .startsWith("cannot read a private key from secret:garbage")
        .doesNotContain("not a key at all");
    CheckResult unset = probe.check(spec(server.getPort(), null, "monitor", UNSET));
    assertThat(unset.state()).isEqualTo(CheckState.UNKNOWN);
    assertThat(unset.reason()).contains("env:UNSET_KEY");
  }

  @Test
  @DisplayName("MON-1: a stopped server (connection refused) is CRITICAL")
  void stopped() throws Exception {
    KeyPair key = generate();
    SshServer own = server(key);
    int port = own.getPort();
    assertThat(probe.check(spec(port, null, null, null)).state()).isEqualTo(CheckState.OK);
    own.stop(true);
    CheckResult result = probe.check(spec(port, null, null, null));
    assertThat(result.state()).isEqualTo(CheckState.CRITICAL);
    assertThat(result.reason()).isEqualTo("connection refused");
  }

  @Test
  @DisplayName("MON-1: a silent server is CRITICAL at the timeout")
  void silent() throws Exception {
    try (var silent = FixtureLineServer.silent()) {
      long start = System.nanoTime();
      CheckResult result =
          probe.check(
              new CheckSpec.Ssh(
                  "127.0.0.1", silent.port(), Duration.ofMillis(500), null, null, null));
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(result.state()).isEqualTo(CheckState.CRITICAL);
      assertThat(result.reason())
          .isEqualTo("timed out after 500 ms waiting for the SSH identification");
      assertThat(took).isLessThan(Duration.ofMillis(1_500));
    }
  }

  @Test
  @DisplayName("MON-1: another service on the port is CRITICAL and quoted")
  void wrongService() throws Exception {
    try (var smtp = FixtureLineServer.plain("220 mx ESMTP Postfix", line -> null);
        var http =
            FixtureLineServer.plain(
                null, line -> FixtureLineServer.Reply.bye("HTTP/1.1 400 Bad Request\r\n"))) {
      CheckResult waiting =
          probe.check(
              new CheckSpec.Ssh(
                  "127.0.0.1", smtp.port(), Duration.ofMillis(500), null, null, null));
      assertThat(waiting.state()).isEqualTo(CheckState.CRITICAL);
      assertThat(waiting.reason())
          .isEqualTo(
              "timed out after 500 ms waiting for the SSH identification; not an SSH server? It"
                  + " said '220 mx ESMTP Postfix'");
      CheckResult closed = probe.check(spec(http.port(), null, null, null));
      assertThat(closed.state()).isEqualTo(CheckState.CRITICAL);
      assertThat(closed.reason())
          .startsWith("connection closed before the SSH identification")
          .contains("HTTP/1.1 400 Bad Request");
    }
  }
}
