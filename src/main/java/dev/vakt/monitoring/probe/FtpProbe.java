package dev.vakt.monitoring.probe;

import static dev.vakt.monitoring.probe.Banners.quote;

import dev.vakt.common.SecretRef;
import dev.vakt.monitoring.CheckResult;
import dev.vakt.monitoring.CheckSpec;
import dev.vakt.monitoring.CheckSpec.Tls;
import dev.vakt.monitoring.CheckState;
import dev.vakt.monitoring.Probe;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import javax.net.ssl.X509TrustManager;
import org.apache.commons.net.MalformedServerReplyException;
import org.apache.commons.net.ProtocolCommandEvent;
import org.apache.commons.net.ProtocolCommandListener;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPReply;

/**
 * MON-6: an FTP server greets with 220 (optionally containing {@code expectBanner}), optionally
 * accepts a login, then QUIT. With {@code tls: starttls} the control connection is secured with
 * AUTH TLS before the login; with {@code tls: implicit} (FTPS, port 990) from the first byte. With
 * TLS, the certificate's days to expiry are reported as {@code cert_days_left}. No data connection
 * is opened: availability and login are what the agreements name.
 */
public final class FtpProbe implements Probe<CheckSpec.Ftp> {

  /** An FTP reply line: three digits, then a space or a dash. */
  private static final Pattern REPLY = Pattern.compile("^\\d{3}[ -].*", Pattern.DOTALL);

  private final Function<SecretRef, String> secrets;
  private final TlsCertificates tls;

  /**
   * @param secrets resolves the password reference; the password is never logged nor shown
   * @param trust the certificates trusted in TLS handshakes
   * @param clock the time against which certificate days are counted
   */
  public FtpProbe(Function<SecretRef, String> secrets, X509TrustManager trust, Clock clock) {
    this.secrets = Objects.requireNonNull(secrets, "secrets");
    this.tls = new TlsCertificates(trust, clock);
  }

  /** A probe trusting the JDK's CA certificates. */
  public FtpProbe(Function<SecretRef, String> secrets, Clock clock) {
    this(secrets, TlsCertificates.systemTrust(), clock);
  }

  @Override
  public CheckResult check(CheckSpec.Ftp spec) {
    return check(spec, null);
  }

  /** The check connected to {@code approved}; TLS still names the host (SNI), F19. */
  @Override
  public CheckResult check(CheckSpec.Ftp spec, InetAddress approved) {
    String password;
    try {
      password = password(spec);
    } catch (RuntimeException e) {
      return CheckResult.unknown(
          "cannot read the password " + spec.password() + ": " + Banners.oneLine(e), null);
    }
    TlsCertificates.Handshake handshake = spec.tls() == Tls.NONE ? null : tls.handshake();
    Greeting greeting = new Greeting();
    return Banners.converse(
        spec.timeout(),
        talk -> talk(spec, approved, password, handshake, greeting, talk),
        (failure, talk) -> explain(failure, talk, handshake, greeting));
  }

  /** The password, "" for a user without one (anonymous FTP), null without a login. */
  private String password(CheckSpec.Ftp spec) {
    if (spec.user() == null) {
      return null;
    }
    if (spec.password() == null) {
      return "";
    }
    String password = secrets.apply(spec.password());
    if (password == null) {
      throw new IllegalStateException("the secret is not set");
    }
    return password;
  }

  private CheckResult talk(
      CheckSpec.Ftp spec,
      InetAddress approved,
      String password,
      TlsCertificates.Handshake handshake,
      Greeting greeting,
      Banners.Conversation talk)
      throws IOException {
    FTPClient client =
        spec.tls() == Tls.NONE
            ? new FTPClient()
            : PinnedClients.ftp(spec.tls() == Tls.IMPLICIT, handshake.context(), spec.host());
    client.addProtocolCommandListener(greeting);
    client.setConnectTimeout(talk.timeoutMillis());
    client.setDefaultTimeout(talk.timeoutMillis());
    client.setSocketFactory(
        talk.sockets(
            spec.tls() == Tls.IMPLICIT
                ? "in the TLS handshake or waiting for the FTP greeting"
                : "waiting for the FTP greeting"));
    try {
      // With AUTH TLS, commons-net secures the connection inside connect(), after the greeting.
      PinnedClients.connect(client, spec.host(), spec.port(), approved);
      String banner = greeting.text();
      if (greeting.code() != FTPReply.SERVICE_READY) {
        return talk.critical("FTP greeting " + quote(banner) + " is not 220 (service ready)");
      }
      if (!Banners.matches(banner, spec.expectBanner())) {
        return talk.mismatch(
            "FTP banner " + quote(banner) + " does not contain " + quote(spec.expectBanner()));
      }
      String done = "FTP " + quote(banner) + (spec.tls() == Tls.STARTTLS ? ", AUTH TLS" : "");
      if (spec.user() != null) {
        talk.step("waiting for the answer to the login");
        if (!client.login(spec.user(), password)) {
          return talk.critical(
              "login as " + quote(spec.user()) + " refused: " + quote(client.getReplyString()));
        }
        done += ", login as " + quote(spec.user());
      }
      talk.step("waiting for the answer to QUIT");
      try {
        // Within half the time left: a server that does not answer QUIT must not turn the
        // known verdict into a timeout.
        client.setSoTimeout((int) Math.max(1, talk.remaining().toMillis() / 2));
        client.logout();
      } catch (IOException ignored) {
        // Leaving politely is best effort.
      }
      return verdict(spec, handshake, talk, done);
    } finally {
      try {
        client.disconnect();
      } catch (IOException ignored) {
        // Already closed.
      }
    }
  }

  private CheckResult verdict(
      CheckSpec.Ftp spec,
      TlsCertificates.Handshake handshake,
      Banners.Conversation talk,
      String done) {
    if (handshake == null) {
      return talk.result(CheckState.OK, talk.took(done), Map.of());
    }
    X509Certificate leaf = handshake.leaf();
    if (leaf == null) {
      return talk.unknown(done + ", but the server's certificate was not seen");
    }
    // The FTP spec has no certificate thresholds: only expiry itself is CRITICAL.
    TlsCertificates.Verdict cert = tls.verdict(leaf, null, null);
    String reason =
        cert.state() == CheckState.OK
            ? talk.took(done) + ", " + cert.text()
            : cert.text() + "; " + talk.took(done);
    return talk.result(
        cert.state(), reason, Map.of("cert_days_left", BigDecimal.valueOf(cert.daysLeft())));
  }

  private CheckResult explain(
      Throwable failure,
      Banners.Conversation talk,
      TlsCertificates.Handshake handshake,
      Greeting greeting) {
    // A refusing greeting (421 too many users) makes the AUTH TLS that follows fail: say why.
    if (greeting.code() != 0 && greeting.code() != FTPReply.SERVICE_READY) {
      return talk.critical(
          "FTP greeting " + quote(greeting.text()) + " is not 220 (service ready)");
    }
    if (failure instanceof SSLException ssl && handshake != null) {
      X509Certificate leaf = handshake.leaf();
      if (leaf == null && ssl.getMessage() != null && REPLY.matcher(ssl.getMessage()).matches()) {
        // commons-net reports a refused AUTH TLS as an SSLException carrying the reply.
        return talk.critical("AUTH TLS refused: " + quote(ssl.getMessage()));
      }
      String reason = handshake.explain(ssl);
      if (leaf == null) {
        return talk.critical(reason);
      }
      return new CheckResult(
          CheckState.CRITICAL,
          reason,
          talk.elapsed(),
          Map.of("cert_days_left", BigDecimal.valueOf(tls.verdict(leaf, null, null).daysLeft())));
    }
    if (failure instanceof MalformedServerReplyException e) {
      return talk.critical(
          "not an FTP server? Unexpected answer while "
              + talk.step()
              + ": "
              + Banners.clean(String.valueOf(e.getMessage()).replaceAll("\\s+", " ")));
    }
    return talk.failed(failure);
  }

  /** Remembers the server's first reply: the greeting, even when AUTH TLS follows at once. */
  private static final class Greeting implements ProtocolCommandListener {
    private volatile int code;
    private volatile String text = "";

    @Override
    public void protocolCommandSent(ProtocolCommandEvent event) {}

    @Override
    public void protocolReplyReceived(ProtocolCommandEvent event) {
      // 120 means "ready in a few minutes", followed by the real greeting.
      if (code == 0 || code == FTPReply.SERVICE_NOT_READY) {
        text = Banners.clean(event.getMessage());
        code = event.getReplyCode();
      }
    }

    int code() {
      return code;
    }

    String text() {
      return text;
    }
  }
}
