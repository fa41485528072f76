package dev.vakt.monitoring.probe;

import static dev.vakt.monitoring.probe.Banners.quote;

import dev.vakt.monitoring.CheckResult;
import dev.vakt.monitoring.CheckSpec;
import dev.vakt.monitoring.CheckSpec.Tls;
import dev.vakt.monitoring.CheckState;
import dev.vakt.monitoring.Probe;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import javax.net.ssl.X509TrustManager;
import org.apache.commons.net.MalformedServerReplyException;
import org.apache.commons.net.SocketClient;
import org.apache.commons.net.imap.IMAPClient;
import org.apache.commons.net.imap.IMAPSClient;
import org.apache.commons.net.pop3.POP3Client;
import org.apache.commons.net.pop3.POP3SClient;
import org.apache.commons.net.smtp.SMTPClient;
import org.apache.commons.net.smtp.SMTPReply;
import org.apache.commons.net.smtp.SMTPSClient;

/**
 * MON-6: a mail server answers. SMTP: the 220 banner, EHLO, and with {@code tls: starttls} a
 * STARTTLS handshake and a second EHLO over TLS, then QUIT. POP3 and IMAP: the {@code +OK} / {@code
 * * OK} greeting, STLS / STARTTLS when asked, then QUIT / LOGOUT. With TLS (implicit or STARTTLS),
 * the days until the server's certificate expires are reported as {@code cert_days_left} and rated
 * against {@code certWarnDays} / {@code certCriticalDays}.
 *
 * <p>No login and no mail is sent: the check must not need credentials for the mailbox or leave
 * traces in it.
 */
public final class MailProbe implements Probe<CheckSpec.Mail> {

  /** commons-net's IMAP parse error quotes the line: "...from server: '* BYE bye'." */
  private static final Pattern QUOTED = Pattern.compile("server: '(.*)'\\.?$");

  private final TlsCertificates tls;

  /**
   * @param trust the certificates trusted in TLS handshakes
   * @param clock the time against which certificate days are counted
   */
  public MailProbe(X509TrustManager trust, Clock clock) {
    this.tls = new TlsCertificates(trust, clock);
  }

  /** A probe trusting the JDK's CA certificates. */
  public MailProbe(Clock clock) {
    this(TlsCertificates.systemTrust(), clock);
  }

  @Override
  public CheckResult check(CheckSpec.Mail spec) {
    return check(spec, null);
  }

  /** The check connected to {@code approved}; TLS still names the host (SNI), F19. */
  @Override
  public CheckResult check(CheckSpec.Mail spec, InetAddress approved) {
    TlsCertificates.Handshake handshake = spec.tls() == Tls.NONE ? null : tls.handshake();
    return Banners.converse(
        spec.timeout(),
        conversation ->
            switch (spec.protocol()) {
              case SMTP -> smtp(spec, approved, handshake, conversation);
              case POP3 -> pop3(spec, approved, handshake, conversation);
              case IMAP -> imap(spec, approved, handshake, conversation);
            },
        (failure, conversation) -> explain(failure, conversation, spec, handshake));
  }

  private CheckResult smtp(
      CheckSpec.Mail spec,
      InetAddress approved,
      TlsCertificates.Handshake handshake,
      Banners.Conversation talk)
      throws IOException {
    SMTPClient client =
        spec.tls() == Tls.NONE
            ? new SMTPClient()
            : PinnedClients.smtp(spec.tls() == Tls.IMPLICIT, handshake.context(), spec.host());
    prepare(client, talk, spec, "SMTP greeting");
    try {
      PinnedClients.connect(client, spec.host(), spec.port(), approved);
      String banner = Banners.clean(client.getReplyString());
      if (client.getReplyCode() != SMTPReply.SERVICE_READY) {
        return talk.critical("SMTP greeting " + quote(banner) + " is not 220 (service ready)");
      }
      if (!Banners.matches(banner, spec.expectBanner())) {
        return mismatch(talk, "SMTP", banner, spec.expectBanner());
      }
      // RFC 5321: without a meaningful name the client greets with its address literal.
      String helo = addressLiteral(client.getLocalAddress());
      talk.step("waiting for the answer to EHLO");
      if (!SMTPReply.isPositiveCompletion(client.sendCommand("EHLO", helo))) {
        return talk.critical("EHLO refused: " + quote(client.getReplyString()));
      }
      String done = "SMTP " + quote(banner) + ", EHLO";
      if (spec.tls() == Tls.STARTTLS) {
        talk.step("waiting for the answer to STARTTLS");
        if (!((SMTPSClient) client).execTLS()) {
          return talk.critical("STARTTLS refused: " + quote(client.getReplyString()));
        }
        // RFC 3207: after STARTTLS the client starts over with EHLO, now encrypted.
        talk.step("waiting for the answer to EHLO after STARTTLS");
        if (!SMTPReply.isPositiveCompletion(client.sendCommand("EHLO", helo))) {
          return talk.critical("EHLO after STARTTLS refused: " + quote(client.getReplyString()));
        }
        done += ", STARTTLS";
      }
      leave(client, talk, "QUIT", client::quit);
      return verdict(spec, handshake, talk, done);
    } finally {
      quietly(client::disconnect);
    }
  }

  private CheckResult pop3(
      CheckSpec.Mail spec,
      InetAddress approved,
      TlsCertificates.Handshake handshake,
      Banners.Conversation talk)
      throws IOException {
    POP3Client client =
        spec.tls() == Tls.NONE
            ? new POP3Client()
            : PinnedClients.pop3(spec.tls() == Tls.IMPLICIT, handshake.context(), spec.host());
    prepare(client, talk, spec, "POP3 greeting");
    try {
      PinnedClients.connect(client, spec.host(), spec.port(), approved);
      String banner = Banners.clean(client.getReplyString());
      if (!banner.startsWith("+OK")) {
        return talk.critical("POP3 greeting " + quote(banner) + " is not +OK");
      }
      if (!Banners.matches(banner, spec.expectBanner())) {
        return mismatch(talk, "POP3", banner, spec.expectBanner());
      }
      String done = "POP3 " + quote(banner);
      if (spec.tls() == Tls.STARTTLS) {
        talk.step("waiting for the answer to STLS");
        if (!((POP3SClient) client).execTLS()) {
          return talk.critical("STLS refused: " + quote(client.getReplyString()));
        }
        done += ", STLS";
      }
      leave(client, talk, "QUIT", client::logout);
      return verdict(spec, handshake, talk, done);
    } finally {
      quietly(client::disconnect);
    }
  }

  private CheckResult imap(
      CheckSpec.Mail spec,
      InetAddress approved,
      TlsCertificates.Handshake handshake,
      Banners.Conversation talk)
      throws IOException {
    IMAPClient client =
        spec.tls() == Tls.NONE
            ? new IMAPClient()
            : PinnedClients.imap(spec.tls() == Tls.IMPLICIT, handshake.context(), spec.host());
    prepare(client, talk, spec, "IMAP greeting");
    try {
      PinnedClients.connect(client, spec.host(), spec.port(), approved);
      String banner = Banners.clean(client.getReplyString());
      // RFC 3501: OK, or PREAUTH when the connection is already authenticated; BYE is a refusal.
      if (!(banner.startsWith("* OK") || banner.startsWith("* PREAUTH"))) {
        return talk.critical("IMAP greeting " + quote(banner) + " is not * OK");
      }
      if (!Banners.matches(banner, spec.expectBanner())) {
        return mismatch(talk, "IMAP", banner, spec.expectBanner());
      }
      String done = "IMAP " + quote(banner);
      if (spec.tls() == Tls.STARTTLS) {
        talk.step("waiting for the answer to STARTTLS");
        if (!((IMAPSClient) client).execTLS()) {
          return talk.critical("STARTTLS refused: " + quote(client.getReplyString()));
        }
        done += ", STARTTLS";
      }
      leave(client, talk, "LOGOUT", client::logout);
      return verdict(spec, handshake, talk, done);
    } finally {
      quietly(client::disconnect);
    }
  }

  /** Timeouts, and sockets that tell the deadline what they wait for. */
  private static void prepare(
      SocketClient client, Banners.Conversation talk, CheckSpec.Mail spec, String greeting) {
    client.setConnectTimeout(talk.timeoutMillis());
    client.setDefaultTimeout(talk.timeoutMillis());
    client.setSocketFactory(
        talk.sockets(
            spec.tls() == Tls.IMPLICIT
                ? "in the TLS handshake or waiting for the " + greeting
                : "waiting for the " + greeting));
  }

  /** OK, or the certificate's verdict when TLS was used. */
  private CheckResult verdict(
      CheckSpec.Mail spec,
      TlsCertificates.Handshake handshake,
      Banners.Conversation talk,
      String done) {
    if (handshake == null) {
      return talk.result(CheckState.OK, talk.took(done), Map.of());
    }
    X509Certificate leaf = handshake.leaf();
    if (leaf == null) {
      // Cannot happen with a fresh SSL context (no resumed session), but never report OK blindly.
      return talk.unknown(done + ", but the server's certificate was not seen");
    }
    TlsCertificates.Verdict cert = tls.verdict(leaf, spec.certWarnDays(), spec.certCriticalDays());
    Map<String, BigDecimal> metrics = new TreeMap<>();
    metrics.put("cert_days_left", BigDecimal.valueOf(cert.daysLeft()));
    String reason =
        cert.state() == CheckState.OK
            ? talk.took(done) + ", " + cert.text()
            : cert.text() + "; " + talk.took(done);
    return talk.result(cert.state(), reason, metrics);
  }

  private CheckResult explain(
      Throwable failure,
      Banners.Conversation talk,
      CheckSpec.Mail spec,
      TlsCertificates.Handshake handshake) {
    if (failure instanceof SSLException ssl && handshake != null) {
      X509Certificate leaf = handshake.leaf();
      String reason = handshake.explain(ssl);
      if (leaf == null) {
        return talk.critical(reason);
      }
      long days = tls.verdict(leaf, null, null).daysLeft();
      return new CheckResult(
          CheckState.CRITICAL,
          reason,
          talk.elapsed(),
          Map.of("cert_days_left", BigDecimal.valueOf(days)));
    }
    if (failure instanceof MalformedServerReplyException e) {
      String said = said(e);
      if (spec.protocol() == CheckSpec.Mail.Protocol.IMAP
          && said != null
          && said.startsWith("* ")) {
        // A well-formed greeting other than OK/PREAUTH, e.g. "* BYE too many connections".
        return talk.critical("IMAP greeting " + quote(said) + " is not * OK");
      }
      // The port answers, but not in this protocol: often the wrong port or service.
      String article = spec.protocol() == CheckSpec.Mail.Protocol.POP3 ? "a " : "an ";
      return talk.critical(
          "not "
              + article
              + spec.protocol().name()
              + " server? Unexpected answer while "
              + talk.step()
              + ": "
              + Banners.clean(String.valueOf(e.getMessage()).replaceAll("\\s+", " ")));
    }
    return talk.failed(failure);
  }

  /** The server line commons-net quotes in its IMAP parse error, or null. */
  private static String said(MalformedServerReplyException e) {
    Matcher quoted = QUOTED.matcher(String.valueOf(e.getMessage()));
    return quoted.find() ? quoted.group(1) : null;
  }

  private static CheckResult mismatch(
      Banners.Conversation talk, String protocol, String banner, String expected) {
    return talk.mismatch(
        protocol + " banner " + quote(banner) + " does not contain " + quote(expected));
  }

  /** RFC 5321 4.1.3 address literal: [192.0.2.1] or [IPv6:2001:db8::1]. */
  static String addressLiteral(InetAddress local) {
    if (local == null) {
      return "[127.0.0.1]";
    }
    String address = local.getHostAddress();
    int zone = address.indexOf('%');
    if (zone >= 0) {
      address = address.substring(0, zone);
    }
    return local instanceof Inet6Address ? "[IPv6:" + address + "]" : "[" + address + "]";
  }

  @FunctionalInterface
  private interface Step {
    void run() throws IOException;
  }

  /**
   * Says goodbye within half the time left: the verdict is already known, so a server that does not
   * answer QUIT must not turn it into a timeout.
   */
  private static void leave(
      SocketClient client, Banners.Conversation talk, String command, Step goodbye) {
    talk.step("waiting for the answer to " + command);
    try {
      client.setSoTimeout((int) Math.max(1, talk.remaining().toMillis() / 2));
    } catch (IOException e) {
      return; // already closed
    }
    quietly(goodbye);
  }

  /** Best effort: nothing left to learn from a failure here. */
  private static void quietly(Step step) {
    try {
      step.run();
    } catch (IOException | RuntimeException ignored) {
      // QUIT unanswered or the socket already closed: nothing left to learn.
    }
  }
}
