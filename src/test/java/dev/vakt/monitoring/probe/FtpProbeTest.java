package dev.vakt.monitoring.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.common.SecretRef;
import dev.vakt.monitoring.CheckResult;
import dev.vakt.monitoring.CheckSpec;
import dev.vakt.monitoring.CheckSpec.Tls;
import dev.vakt.monitoring.CheckState;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import org.apache.ftpserver.FtpServer;
import org.apache.ftpserver.FtpServerFactory;
import org.apache.ftpserver.ftplet.Authority;
import org.apache.ftpserver.listener.ListenerFactory;
import org.apache.ftpserver.ssl.SslConfigurationFactory;
import org.apache.ftpserver.usermanager.ClearTextPasswordEncryptor;
import org.apache.ftpserver.usermanager.PropertiesUserManagerFactory;
import org.apache.ftpserver.usermanager.impl.BaseUser;
import org.apache.ftpserver.usermanager.impl.WritePermission;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * MON-6: FTP greeting and login, plain, explicit (AUTH TLS) and implicit TLS, against Apache
 * FtpServer on 127.0.0.1 with a user in a temporary home.
 */
class FtpProbeTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final SecretRef PASSWORD = SecretRef.parse("env:FTP_PASSWORD");
  private static final SecretRef WRONG = SecretRef.parse("env:WRONG_PASSWORD");
  private static final SecretRef UNSET = SecretRef.parse("env:UNSET_PASSWORD");

  @TempDir static Path home;

  /** A started server and the port it listens on. */
  private record Running(FtpServer server, int port) {}

  private static Running plain;
  private static Running explicitTls;
  private static Running implicitTls;
  private static Running implicitExpired;
  private static int plainPort;
  private static int explicitPort;
  private static int implicitPort;
  private static int expiredPort;

  private static FtpProbe probe;

  @BeforeAll
  static void start() throws Exception {
    FixtureCertificates certificates = FixtureCertificates.get();
    plain = server(null, false);
    plainPort = plain.port();
    explicitTls = server(certificates.valid, false);
    explicitPort = explicitTls.port();
    implicitTls = server(certificates.valid, true);
    implicitPort = implicitTls.port();
    implicitExpired = server(certificates.expired, true);
    expiredPort = implicitExpired.port();
    Map<SecretRef, String> secrets = Map.of(PASSWORD, "s3cret!", WRONG, "guess");
    probe = new FtpProbe(secrets::get, certificates.trust(), Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    for (Running running : List.of(plain, explicitTls, implicitTls, implicitExpired)) {
      running.server().stop();
    }
  }

  /** An Apache FtpServer on 127.0.0.1 and a free port, with user "monitor" in a temp home. */
  private static Running server(Path keystore, boolean implicit) throws Exception {
    Path users = Files.createTempFile(home, "users", ".properties");
    PropertiesUserManagerFactory userFactory = new PropertiesUserManagerFactory();
    userFactory.setFile(users.toFile());
    userFactory.setPasswordEncryptor(new ClearTextPasswordEncryptor());
    var userManager = userFactory.createUserManager();
    BaseUser user = new BaseUser();
    user.setName("monitor");
    user.setPassword("s3cret!");
    user.setHomeDirectory(home.toString());
    user.setAuthorities(List.<Authority>of(new WritePermission()));
    userManager.save(user);

    ListenerFactory listener = new ListenerFactory();
    listener.setServerAddress("127.0.0.1");
    // A free port: taken from a socket just closed (the race with other processes is negligible).
    int port = FixtureLineServer.refusedPort();
    listener.setPort(port);
    if (keystore != null) {
      SslConfigurationFactory ssl = new SslConfigurationFactory();
      ssl.setKeystoreFile(keystore.toFile());
      ssl.setKeystoreType("PKCS12");
      ssl.setKeystorePassword(FixtureCertificates.PASSWORD);
      ssl.setKeyAlias(FixtureCertificates.ALIAS);
      listener.setSslConfiguration(ssl.createSslConfiguration());
      listener.setImplicitSsl(implicit);
    }
    FtpServerFactory factory = new FtpServerFactory();
    factory.addListener("default", listener.createListener());
    factory.setUserManager(userManager);
    FtpServer server = factory.createServer();
    server.start();
    return new Running(server, port);
  }

  private static CheckSpec.Ftp spec(int port, Tls tls, String banner, String user, SecretRef pw) {
    return new CheckSpec.Ftp("127.0.0.1", port, TIMEOUT, tls, banner, user, pw);
  }

  @Test
  @DisplayName("MON-6: the FTP greeting alone is OK, with the banner and time_ms")
  void greeting() {
    CheckResult result = probe.check(spec(plainPort, Tls.NONE, "220", null, null));
    assertThat(result.state()).as(result.reason()).isEqualTo(CheckState.OK);
    assertThat(result.reason()).startsWith("FTP '220 ");
    assertThat(result.metrics()).containsKey("time_ms");
  }

  @Test
  @DisplayName("MON-6: a login with the right password is OK")
  void login() {
    CheckResult result = probe.check(spec(plainPort, Tls.NONE, null, "monitor", PASSWORD));
    assertThat(result.state()).as(result.reason()).isEqualTo(CheckState.OK);
    assertThat(result.reason()).contains("login as 'monitor'").doesNotContain("s3cret");
  }

  @Test
  @DisplayName("MON-6: a wrong password is CRITICAL, and the password is never shown")
  void wrongPassword() {
    CheckResult result = probe.check(spec(plainPort, Tls.NONE, null, "monitor", WRONG));
    assertThat(result.state()).isEqualTo(CheckState.CRITICAL);
    assertThat(result.reason())
        .startsWith("login as 'monitor' refused: '530")
        .doesNotContain("guess");
  }

  @Test
  @DisplayName("MON-6: a password secret that cannot be read is UNKNOWN, without connecting")
  void unreadableSecret() {
    CheckResult result = probe.check(spec(plainPort, Tls.NONE, null, "monitor", UNSET));
    assertThat(result.state()).isEqualTo(CheckState.UNKNOWN);
    assertThat(result.reason()).startsWith("cannot read the password env:UNSET_PASSWORD");
  }

  @Test
  @DisplayName("MON-6: a banner without the expected text is WARNING, as check_ftp -e says")
  void wrongBanner() {
    CheckResult result = probe.check(spec(plainPort, Tls.NONE, "ProFTPD", null, null));
    assertThat(result.state()).isEqualTo(CheckState.WARNING);
    assertThat(result.reason()).endsWith("does not contain 'ProFTPD'");
  }

  @Test
  @DisplayName("MON-6: explicit TLS (AUTH TLS) and a login over it: OK with cert_days_left")
  void explicitTls() {
    CheckResult result = probe.check(spec(explicitPort, Tls.STARTTLS, null, "monitor", PASSWORD));
    assertThat(result.state()).as(result.reason()).isEqualTo(CheckState.OK);
    assertThat(result.reason()).contains(", AUTH TLS, login as 'monitor'");
    assertThat(result.metrics().get("cert_days_left").longValue()).isBetween(398L, 400L);
  }

  @Test
  @DisplayName("MON-6: implicit FTPS and a login: OK with cert_days_left")
  void implicitTls() {
    CheckResult result = probe.check(spec(implicitPort, Tls.IMPLICIT, null, "monitor", PASSWORD));
    assertThat(result.state()).as(result.reason()).isEqualTo(CheckState.OK);
    assertThat(result.metrics()).containsKey("cert_days_left");
  }

  @Test
  @DisplayName("MON-6: implicit FTPS with an expired certificate is CRITICAL: expired")
  void expiredCertificate() {
    CheckResult result = probe.check(spec(expiredPort, Tls.IMPLICIT, null, null, null));
    assertThat(result.state()).isEqualTo(CheckState.CRITICAL);
    assertThat(result.reason()).startsWith("certificate expired on ").endsWith("(370 days ago)");
  }

  @Test
  @DisplayName("MON-6: AUTH TLS against a server without TLS is CRITICAL")
  void authTlsRefused() {
    CheckResult result = probe.check(spec(plainPort, Tls.STARTTLS, null, null, null));
    assertThat(result.state()).isEqualTo(CheckState.CRITICAL);
    assertThat(result.reason()).startsWith("AUTH TLS refused: '");
  }

  @Test
  @DisplayName("MON-6: a stopped server (connection refused) is CRITICAL")
  void refused() throws Exception {
    CheckResult result =
        probe.check(spec(FixtureLineServer.refusedPort(), Tls.NONE, null, null, null));
    assertThat(result.state()).isEqualTo(CheckState.CRITICAL);
    assertThat(result.reason()).isEqualTo("connection refused");
  }

  @Test
  @DisplayName("MON-6: FtpServer up is OK; after it stops, CRITICAL")
  void serverStopped() throws Exception {
    Running own = server(null, false);
    CheckSpec.Ftp ftp = spec(own.port(), Tls.NONE, null, "monitor", PASSWORD);
    try {
      assertThat(probe.check(ftp).state()).isEqualTo(CheckState.OK);
    } finally {
      own.server().stop();
    }
    CheckResult after = probe.check(ftp);
    assertThat(after.state()).isEqualTo(CheckState.CRITICAL);
    assertThat(after.reason()).isEqualTo("connection refused");
  }

  @Test
  @DisplayName("MON-6: a silent server is CRITICAL at the timeout")
  void silent() throws Exception {
    try (var server = FixtureLineServer.silent()) {
      long start = System.nanoTime();
      CheckResult result =
          probe.check(
              new CheckSpec.Ftp(
                  "127.0.0.1", server.port(), Duration.ofMillis(500), Tls.NONE, null, null, null));
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(result.state()).isEqualTo(CheckState.CRITICAL);
      assertThat(result.reason()).isEqualTo("timed out after 500 ms waiting for the FTP greeting");
      assertThat(took).isLessThan(Duration.ofMillis(1_500));
    }
  }

  @Test
  @DisplayName("MON-6: a refusing greeting (421) or another service on the port is CRITICAL")
  void wrongGreeting() throws Exception {
    try (var busy =
            FixtureLineServer.plain(
                "421 Too many users, try later",
                line -> FixtureLineServer.Reply.bye("421 Closing control connection"));
        var ssh = FixtureLineServer.plain("SSH-2.0-OpenSSH_9.2p1", line -> null)) {
      assertThat(probe.check(spec(busy.port(), Tls.NONE, null, null, null)).reason())
          .isEqualTo("FTP greeting '421 Too many users, try later' is not 220 (service ready)");
      assertThat(probe.check(spec(busy.port(), Tls.STARTTLS, null, null, null)).reason())
          .isEqualTo("FTP greeting '421 Too many users, try later' is not 220 (service ready)");
      CheckResult other = probe.check(spec(ssh.port(), Tls.NONE, null, null, null));
      assertThat(other.state()).isEqualTo(CheckState.CRITICAL);
      assertThat(other.reason()).startsWith("not an FTP server?").contains("SSH-2.0-OpenSSH_9.2p1");
    }
  }

  // DPA-3: a check reaches only the address the guard approved (issue 16, F19).
  @DisplayName("F19: FTP, plain or TLS, connects to the approved address, never a new lookup")
  @ParameterizedTest
  @EnumSource(Tls.class)
  void f19_connectsToTheApprovedAddress(Tls tls) throws Exception {
    int port =
        switch (tls) {
          case NONE -> plainPort;
          case STARTTLS -> explicitPort;
          case IMPLICIT -> implicitPort;
        };
    // The name resolves nowhere: only the approved address can reach the server.
    CheckSpec.Ftp spec =
        new CheckSpec.Ftp("rebind.vakt.test", port, TIMEOUT, tls, "220", "monitor", PASSWORD);
    CheckResult result = probe.check(spec, InetAddress.getByName("127.0.0.1"));
    assertThat(result.state()).as(result.reason()).isEqualTo(CheckState.OK);
    assertThat(result.reason()).contains("login as 'monitor'");
  }

  @Test
  @DisplayName("F19: FTPS connected to the approved address still names the host in SNI")
  void f19_tlsKeepsTheHostName() throws Exception {
    List<String> sni = new CopyOnWriteArrayList<>();
    SSLContext context =
        FixtureCertificates.serverContext(FixtureCertificates.get().valid, sni::add);
    try (var server =
        FixtureLineServer.implicitTls(
            context,
            "220 fixture FTP ready",
            line -> line.startsWith("QUIT") ? FixtureLineServer.Reply.bye("221 bye") : null)) {
      CheckSpec.Ftp spec =
          new CheckSpec.Ftp(
              "rebind.vakt.test", server.port(), TIMEOUT, Tls.IMPLICIT, null, null, null);
      CheckResult result = probe.check(spec, InetAddress.getByName("127.0.0.1"));
      assertThat(result.state()).as(result.reason()).isEqualTo(CheckState.OK);
    }
    assertThat(sni).containsExactly("rebind.vakt.test");
  }
}
