package dev.vakt.monitoring.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.vakt.monitoring.CheckResult;
import dev.vakt.monitoring.CheckSpec;
import dev.vakt.monitoring.CheckSpec.Mail.Protocol;
import dev.vakt.monitoring.CheckSpec.Tls;
import dev.vakt.monitoring.CheckState;
import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * MON-6: SMTP, POP3 and IMAP, plain and TLS, against GreenMail on 127.0.0.1. GreenMail offers no
 * STARTTLS/STLS, so those, an expired certificate, a silent server and a wrong service are played
 * by {@link FixtureLineServer}; the integration stage repeats the checks against Debian's postfix
 * and dovecot.
 */
class MailProbeTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final Duration SHORT = Duration.ofMillis(500);

  private static GreenMail greenMail;
  private static MailProbe trustingGreenMail;
  private static MailProbe trustingTestCa;

  @BeforeAll
  static void start() {
    greenMail =
        new GreenMail(
            new ServerSetup[] {
              new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
              new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS),
              new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_POP3),
              new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_POP3S),
              new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP),
              new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAPS)
            });
    greenMail.start();
    trustingGreenMail =
        new MailProbe(
            FixtureCertificates.trusting(FixtureCertificates.greenMailCertificate()),
            Clock.systemUTC());
    trustingTestCa = new MailProbe(FixtureCertificates.get().trust(), Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    greenMail.stop();
  }

  private static CheckSpec.Mail spec(Protocol protocol, int port, Tls tls, String expectBanner) {
    return new CheckSpec.Mail(protocol, "127.0.0.1", port, tls, TIMEOUT, expectBanner, 30, 7);
  }

  private static int port(Protocol protocol, boolean implicitTls) {
    return switch (protocol) {
      case SMTP -> (implicitTls ? greenMail.getSmtps() : greenMail.getSmtp()).getPort();
      case POP3 -> (implicitTls ? greenMail.getPop3s() : greenMail.getPop3()).getPort();
      case IMAP -> (implicitTls ? greenMail.getImaps() : greenMail.getImap()).getPort();
    };
  }

  @DisplayName("MON-6: GreenMail's plain SMTP, POP3 and IMAP greet: OK with the banner and time_ms")
  @ParameterizedTest
  @EnumSource(Protocol.class)
  void plainHealthy(Protocol protocol) {
    CheckResult result =
        trustingGreenMail.check(spec(protocol, port(protocol, false), Tls.NONE, "GreenMail"));
    assertThat(result.state()).as(result.reason()).isEqualTo(CheckState.OK);
    assertThat(result.reason()).startsWith(protocol.name() + " '").contains("GreenMail");
    assertThat(result.metrics()).containsKey("time_ms").doesNotContainKey("cert_days_left");
    if (protocol == Protocol.SMTP) {
      assertThat(result.reason()).contains(", EHLO");
    }
  }

  @DisplayName("MON-6: SMTPS, POP3S and IMAPS (implicit TLS): OK with cert_days_left")
  @ParameterizedTest
  @EnumSource(Protocol.class)
  void implicitTlsHealthy(Protocol protocol) {
    CheckResult result =
        trustingGreenMail.check(spec(protocol, port(protocol, true), Tls.IMPLICIT, null));
    assertThat(result.state()).as(result.reason()).isEqualTo(CheckState.OK);
    long daysLeft =
        ChronoUnit.DAYS.between(
            Instant.now(), FixtureCertificates.greenMailCertificate().getNotAfter().toInstant());
    assertThat(result.metrics().get("cert_days_left").longValue())
        .isBetween(daysLeft - 1, daysLeft + 1);
    assertThat(result.reason()).contains("certificate expires in");
  }

  @Test
  @DisplayName("MON-6: certificate days are rated against certWarnDays and certCriticalDays")
  void certificateThresholds() {
    X509Certificate certificate = FixtureCertificates.greenMailCertificate();
    Function<Long, MailProbe> probeDaysBeforeExpiry =
        days ->
            new MailProbe(
                FixtureCertificates.trusting(certificate),
                Clock.fixed(
                    certificate
                        .getNotAfter()
                        .toInstant()
                        .minus(Duration.ofDays(days))
                        .minusSeconds(60),
                    ZoneOffset.UTC));
    CheckSpec.Mail smtps = spec(Protocol.SMTP, port(Protocol.SMTP, true), Tls.IMPLICIT, null);

    CheckResult warning = probeDaysBeforeExpiry.apply(20L).check(smtps);
    assertThat(warning.state()).as(warning.reason()).isEqualTo(CheckState.WARNING);
    assertThat(warning.reason())
        .startsWith("certificate expires in 20 days")
        .contains("warning below 30");
    assertThat(warning.metrics().get("cert_days_left")).isEqualByComparingTo("20");

    CheckResult critical = probeDaysBeforeExpiry.apply(3L).check(smtps);
    assertThat(critical.state()).isEqualTo(CheckState.CRITICAL);
    assertThat(critical.reason())
        .startsWith("certificate expires in 3 days")
        .contains("critical below 7");
  }

  @Test
  @DisplayName("MON-6: a certificate from an unknown CA is CRITICAL: not trusted")
  void untrustedCertificate() {
    MailProbe systemTrust = new MailProbe(Clock.systemUTC());
    CheckResult result =
        systemTrust.check(spec(Protocol.IMAP, port(Protocol.IMAP, true), Tls.IMPLICIT, null));
    assertThat(result.state()).isEqualTo(CheckState.CRITICAL);
    assertThat(result.reason()).contains("is not trusted");
  }

  @Test
  @DisplayName("MON-6: a banner without the expected text is WARNING, as check_smtp -e says")
  void wrongBanner() {
    CheckResult result =
        trustingGreenMail.check(
            spec(Protocol.SMTP, port(Protocol.SMTP, false), Tls.NONE, "Postfix"));
    assertThat(result.state()).isEqualTo(CheckState.WARNING);
    assertThat(result.reason())
        .startsWith("SMTP banner '220 ")
        .endsWith("does not contain 'Postfix'");
  }

  @Test
  @DisplayName("MON-6: STARTTLS on a server that does not offer it (GreenMail) is CRITICAL")
  void startTlsRefused() {
    CheckResult result =
        trustingGreenMail.check(
            spec(Protocol.SMTP, port(Protocol.SMTP, false), Tls.STARTTLS, null));
    assertThat(result.state()).isEqualTo(CheckState.CRITICAL);
    assertThat(result.reason()).startsWith("STARTTLS refused: '5");
  }

  @DisplayName("MON-6: STARTTLS / STLS with a valid certificate: OK with cert_days_left")
  @ParameterizedTest
  @EnumSource(Protocol.class)
  void startTlsHealthy(Protocol protocol) throws Exception {
    SSLContext tls = FixtureCertificates.serverContext(FixtureCertificates.get().valid);
    try (var server = FixtureLineServer.startTls(tls, greeting(protocol), script(protocol))) {
      CheckResult result = trustingTestCa.check(spec(protocol, server.port(), Tls.STARTTLS, null));
      assertThat(result.state()).as(result.reason()).isEqualTo(CheckState.OK);
      assertThat(result.reason()).contains(protocol == Protocol.POP3 ? ", STLS" : ", STARTTLS");
      assertThat(result.metrics().get("cert_days_left").longValue()).isBetween(398L, 400L);
    }
  }

  @DisplayName("MON-6: STARTTLS / STLS with an expired certificate is CRITICAL: expired")
  @ParameterizedTest
  @EnumSource(Protocol.class)
  void startTlsExpired(Protocol protocol) throws Exception {
    SSLContext tls = FixtureCertificates.serverContext(FixtureCertificates.get().expired);
    try (var server = FixtureLineServer.startTls(tls, greeting(protocol), script(protocol))) {
      CheckResult result = trustingTestCa.check(spec(protocol, server.port(), Tls.STARTTLS, null));
      assertThat(result.state()).isEqualTo(CheckState.CRITICAL);
      assertThat(result.reason()).startsWith("certificate expired on ").endsWith("(370 days ago)");
      assertThat(result.metrics().get("cert_days_left").longValue()).isEqualTo(-370L);
    }
  }

  @DisplayName("MON-6: implicit TLS with an expired certificate is CRITICAL: expired")
  @ParameterizedTest
  @EnumSource(Protocol.class)
  void implicitTlsExpired(Protocol protocol) throws Exception {
    SSLContext tls = FixtureCertificates.serverContext(FixtureCertificates.get().expired);
    try (var server = FixtureLineServer.implicitTls(tls, greeting(protocol), script(protocol))) {
      CheckResult result = trustingTestCa.check(spec(protocol, server.port(), Tls.IMPLICIT, null));
      assertThat(result.state()).isEqualTo(CheckState.CRITICAL);
      assertThat(result.reason()).startsWith("certificate expired on ");
    }
  }

  @DisplayName("MON-6: a stopped server (connection refused) is CRITICAL")
  @ParameterizedTest
  @EnumSource(Protocol.class)
  void refused(Protocol protocol) throws Exception {
    CheckResult result =
        trustingGreenMail.check(spec(protocol, FixtureLineServer.refusedPort(), Tls.NONE, null));
    assertThat(result.state()).isEqualTo(CheckState.CRITICAL);
    assertThat(result.reason()).isEqualTo("connection refused");
  }

  @Test
  @DisplayName("MON-6: GreenMail up is OK; after it stops, CRITICAL")
  void serverStopped() {
    GreenMail own = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_POP3));
    own.start();
    CheckSpec.Mail pop3 = spec(Protocol.POP3, own.getPop3().getPort(), Tls.NONE, null);
    try {
      assertThat(trustingGreenMail.check(pop3).state()).isEqualTo(CheckState.OK);
    } finally {
      own.stop();
    }
    CheckResult after = trustingGreenMail.check(pop3);
    assertThat(after.state()).isEqualTo(CheckState.CRITICAL);
    assertThat(after.reason()).isEqualTo("connection refused");
  }

  @DisplayName("MON-6: a silent server is CRITICAL at the timeout, naming what was awaited")
  @ParameterizedTest
  @EnumSource(Protocol.class)
  void silent(Protocol protocol) throws Exception {
    try (var server = FixtureLineServer.silent()) {
      for (Tls tls : new Tls[] {Tls.NONE, Tls.IMPLICIT}) {
        long start = System.nanoTime();
        CheckResult result =
            trustingGreenMail.check(
                new CheckSpec.Mail(
                    protocol, "127.0.0.1", server.port(), tls, SHORT, null, null, null));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(result.state()).isEqualTo(CheckState.CRITICAL);
        assertThat(result.reason())
            .startsWith("timed out after 500 ms ")
            .endsWith("waiting for the " + protocol.name() + " greeting");
        assertThat(took).isLessThan(Duration.ofMillis(1_500));
      }
    }
  }

  @Test
  @DisplayName("MON-6: another service on the port (an SSH banner on SMTP) is CRITICAL")
  void wrongService() throws Exception {
    try (var ssh = FixtureLineServer.plain("SSH-2.0-OpenSSH_9.2p1", line -> null)) {
      CheckResult result = trustingGreenMail.check(spec(Protocol.SMTP, ssh.port(), Tls.NONE, null));
      assertThat(result.state()).isEqualTo(CheckState.CRITICAL);
      assertThat(result.reason())
          .startsWith("not an SMTP server?")
          .contains("SSH-2.0-OpenSSH_9.2p1");
    }
    try (var smtp = FixtureLineServer.plain("220 mx ESMTP", line -> null)) {
      CheckResult result =
          trustingGreenMail.check(spec(Protocol.POP3, smtp.port(), Tls.NONE, null));
      assertThat(result.state()).isEqualTo(CheckState.CRITICAL);
      assertThat(result.reason()).startsWith("not a POP3 server?").contains("220 mx ESMTP");
    }
  }

  @Test
  @DisplayName("MON-6: a refusing greeting (SMTP 554, IMAP BYE, POP3 -ERR) is CRITICAL")
  void refusingGreeting() throws Exception {
    try (var smtp = FixtureLineServer.plain("554 mx no service for you", line -> null);
        var imap = FixtureLineServer.plain("* BYE too many connections", line -> null);
        var pop3 = FixtureLineServer.plain("-ERR maintenance", line -> null)) {
      assertThat(trustingGreenMail.check(spec(Protocol.SMTP, smtp.port(), Tls.NONE, null)).reason())
          .isEqualTo("SMTP greeting '554 mx no service for you' is not 220 (service ready)");
      assertThat(trustingGreenMail.check(spec(Protocol.IMAP, imap.port(), Tls.NONE, null)).reason())
          .isEqualTo("IMAP greeting '* BYE too many connections' is not * OK");
      assertThat(trustingGreenMail.check(spec(Protocol.POP3, pop3.port(), Tls.NONE, null)).reason())
          .isEqualTo("POP3 greeting '-ERR maintenance' is not +OK");
    }
  }

  @Test
  @DisplayName("MON-6: a server that never answers QUIT is still OK, within the timeout")
  void unansweredQuit() throws Exception {
    try (var server =
        FixtureLineServer.plain(
            "220 fixture.test ESMTP",
            line ->
                line.startsWith("EHLO") ? FixtureLineServer.Reply.say("250 fixture.test") : null)) {
      long start = System.nanoTime();
      CheckResult result =
          trustingGreenMail.check(
              new CheckSpec.Mail(
                  Protocol.SMTP,
                  "127.0.0.1",
                  server.port(),
                  Tls.NONE,
                  Duration.ofSeconds(1),
                  null,
                  null,
                  null));
      assertThat(result.state()).as(result.reason()).isEqualTo(CheckState.OK);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }
  }

  // DPA-3: a check reaches only the address the guard approved (issue 16, F19).
  @DisplayName(
      "F19: mail with TLS connects to the approved address, never a new lookup, and names the"
          + " host in SNI")
  @ParameterizedTest
  @EnumSource(Tls.class)
  void f19_connectsToTheApprovedAddressKeepingTheNameForTls(Tls tls) throws Exception {
    List<String> sni = new CopyOnWriteArrayList<>();
    SSLContext context =
        FixtureCertificates.serverContext(FixtureCertificates.get().valid, sni::add);
    Protocol protocol = Protocol.SMTP;
    try (var server =
        tls == Tls.IMPLICIT
            ? FixtureLineServer.implicitTls(context, greeting(protocol), script(protocol))
            : tls == Tls.STARTTLS
                ? FixtureLineServer.startTls(context, greeting(protocol), script(protocol))
                : FixtureLineServer.plain(greeting(protocol), script(protocol))) {
      // The name resolves nowhere: only the approved address can reach the server.
      CheckSpec.Mail spec =
          new CheckSpec.Mail(
              protocol, "rebind.vakt.test", server.port(), tls, TIMEOUT, null, 30, 7);
      CheckResult result = trustingTestCa.check(spec, InetAddress.getByName("127.0.0.1"));
      assertThat(result.state()).as(result.reason()).isEqualTo(CheckState.OK);
    }
    if (tls != Tls.NONE) {
      assertThat(sni).containsExactly("rebind.vakt.test");
    }
  }

  private static String greeting(Protocol protocol) {
    return switch (protocol) {
      case SMTP -> "220 fixture.test ESMTP";
      case POP3 -> "+OK fixture POP3 ready";
      case IMAP -> "* OK fixture IMAP4rev1 ready";
    };
  }

  /** Just enough of each protocol for a STARTTLS check. */
  private static Function<String, FixtureLineServer.Reply> script(Protocol protocol) {
    return line -> {
      String command = line.toUpperCase(Locale.ROOT);
      return switch (protocol) {
        case SMTP -> {
          if (command.startsWith("EHLO")) {
            yield FixtureLineServer.Reply.say("250-fixture.test\r\n250 STARTTLS");
          } else if (command.equals("STARTTLS")) {
            yield FixtureLineServer.Reply.startTls("220 2.0.0 Ready to start TLS");
          } else if (command.equals("QUIT")) {
            yield FixtureLineServer.Reply.bye("221 2.0.0 Bye");
          }
          yield FixtureLineServer.Reply.say("502 5.5.2 Error: command not recognized");
        }
        case POP3 -> {
          if (command.equals("STLS")) {
            yield FixtureLineServer.Reply.startTls("+OK Begin TLS negotiation");
          } else if (command.equals("QUIT")) {
            yield FixtureLineServer.Reply.bye("+OK Bye");
          }
          yield FixtureLineServer.Reply.say("-ERR unknown command");
        }
        case IMAP -> {
          String tag = line.split(" ", 2)[0];
          if (command.endsWith(" STARTTLS")) {
            yield FixtureLineServer.Reply.startTls(tag + " OK Begin TLS negotiation now");
          } else if (command.endsWith(" LOGOUT")) {
            yield FixtureLineServer.Reply.bye(
                "* BYE Logging out\r\n" + tag + " OK Logout completed");
          }
          yield FixtureLineServer.Reply.say(tag + " BAD unknown command");
        }
      };
    };
  }
}
