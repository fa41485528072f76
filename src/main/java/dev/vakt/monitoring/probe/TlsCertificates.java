package dev.vakt.monitoring.probe;

import dev.vakt.monitoring.CheckState;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * TLS for the probes: a fresh handshake per check that remembers the server's certificate, the
 * verdict on its remaining days, and a clear reason when the handshake fails (expired, not trusted,
 * not TLS at all).
 *
 * <p>The server name is not matched against the certificate: like the Monitoring-Plugins mail and
 * FTP checks, a probe checks that TLS works and how long the certificate lasts; many mail servers
 * are reached by an address or an internal name the certificate does not carry.
 */
final class TlsCertificates {

  private static final long SECONDS_PER_DAY = 86_400;
  private static final Pattern COMMON_NAME = Pattern.compile("CN=([^,]+)");

  private final X509TrustManager trust;
  private final Clock clock;

  /**
   * @param trust decides which certificates are trusted (the JDK's CAs in production, a test's own
   *     CA in tests)
   * @param clock the time against which days to expiry are counted
   */
  TlsCertificates(X509TrustManager trust, Clock clock) {
    this.trust = Objects.requireNonNull(trust, "trust");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The JDK's default trust: the CA certificates of the running Java. */
  static X509TrustManager systemTrust() {
    try {
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init((KeyStore) null);
      for (TrustManager manager : factory.getTrustManagers()) {
        if (manager instanceof X509TrustManager x509) {
          return x509;
        }
      }
      throw new IllegalStateException("the JDK offers no X.509 trust manager");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot load the JDK's trusted certificates", e);
    }
  }

  /**
   * A new handshake. Each check gets its own SSL context so no TLS session is resumed from an
   * earlier check: a resumed session would skip the certificate and hide a renewed (or expired)
   * one.
   */
  Handshake handshake() {
    return new Handshake();
  }

  /** One TLS handshake: its context, and the certificate the server presented. */
  final class Handshake {
    private volatile X509Certificate[] chain;
    private volatile CertificateException rejected;
    private final SSLContext context;

    private Handshake() {
      try {
        context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new Recording()}, null);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("TLS is not available in this JDK", e);
      }
    }

    SSLContext context() {
      return context;
    }

    /** The server's own certificate, once the handshake got that far; else null. */
    X509Certificate leaf() {
      X509Certificate[] presented = chain;
      return presented == null || presented.length == 0 ? null : presented[0];
    }

    /** Records the chain and whether the trust manager refused it, then decides as before. */
    private final class Recording extends X509ExtendedTrustManager {

      /** One of the trust manager's checks, which may refuse the chain. */
      private interface Decision {
        void decide() throws CertificateException;
      }

      private void record(X509Certificate[] presented, Decision decision)
          throws CertificateException {
        chain = presented.clone();
        try {
          decision.decide();
        } catch (CertificateException e) {
          rejected = e;
          throw e;
        }
      }

      @Override
      public void checkServerTrusted(X509Certificate[] presented, String authType, Socket socket)
          throws CertificateException {
        record(
            presented,
            () -> {
              if (trust instanceof X509ExtendedTrustManager extended) {
                extended.checkServerTrusted(presented, authType, socket);
              } else {
                trust.checkServerTrusted(presented, authType);
              }
            });
      }

      @Override
      public void checkServerTrusted(X509Certificate[] presented, String authType, SSLEngine engine)
          throws CertificateException {
        record(
            presented,
            () -> {
              if (trust instanceof X509ExtendedTrustManager extended) {
                extended.checkServerTrusted(presented, authType, engine);
              } else {
                trust.checkServerTrusted(presented, authType);
              }
            });
      }

      @Override
      public void checkServerTrusted(X509Certificate[] presented, String authType)
          throws CertificateException {
        record(presented, () -> trust.checkServerTrusted(presented, authType));
      }

      @Override
      public void checkClientTrusted(X509Certificate[] presented, String authType, Socket socket)
          throws CertificateException {
        throw new CertificateException("a probe is a TLS client only");
      }

      @Override
      public void checkClientTrusted(X509Certificate[] presented, String authType, SSLEngine engine)
          throws CertificateException {
        throw new CertificateException("a probe is a TLS client only");
      }

      @Override
      public void checkClientTrusted(X509Certificate[] presented, String authType)
          throws CertificateException {
        throw new CertificateException("a probe is a TLS client only");
      }

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        return trust.getAcceptedIssuers();
      }
    }

    /** Why the handshake failed, in one line: expired and untrusted certificates by name. */
    String explain(SSLException failure) {
      X509Certificate leaf = leaf();
      if (leaf != null) {
        Instant now = clock.instant();
        Instant notAfter = leaf.getNotAfter().toInstant();
        if (notAfter.isBefore(now) || causedBy(rejected, CertificateExpiredException.class)) {
          return expired(notAfter, now);
        }
        if (leaf.getNotBefore().toInstant().isAfter(now)) {
          return "certificate " + name(leaf) + " not valid before " + date(leaf.getNotBefore());
        }
        if (rejected != null) {
          boolean selfSigned = leaf.getIssuerX500Principal().equals(leaf.getSubjectX500Principal());
          return "certificate "
              + name(leaf)
              + " is not trusted ("
              + (selfSigned
                  ? "self-signed"
                  : "issued by "
                      + Banners.quote(commonName(leaf.getIssuerX500Principal().getName())))
              + ")";
        }
      }
      return "TLS handshake failed: " + Banners.oneLine(failure);
    }
  }

  /** How the certificate's remaining lifetime rates against the thresholds. */
  record Verdict(CheckState state, long daysLeft, String text) {}

  /**
   * Days left on {@code leaf} and the verdict: CRITICAL when expired or fewer than {@code
   * criticalDays} left, WARNING when fewer than {@code warnDays} left (thresholds may be null: no
   * threshold, but an expired certificate is always CRITICAL).
   */
  Verdict verdict(X509Certificate leaf, Integer warnDays, Integer criticalDays) {
    Instant now = clock.instant();
    Instant notAfter = leaf.getNotAfter().toInstant();
    // Whole days, truncated toward zero: 20.9 days left is 20, expired 370.2 days ago is -370.
    long daysLeft = Duration.between(now, notAfter).toDays();
    if (notAfter.isBefore(now)) {
      return new Verdict(CheckState.CRITICAL, daysLeft, expired(notAfter, now));
    }
    if (leaf.getNotBefore().toInstant().isAfter(now)) {
      return new Verdict(
          CheckState.CRITICAL,
          daysLeft,
          "certificate " + name(leaf) + " not valid before " + date(leaf.getNotBefore()));
    }
    String expires = "certificate expires in " + daysLeft + " days (" + date(leaf.getNotAfter());
    if (criticalDays != null && daysLeft < criticalDays) {
      return new Verdict(
          CheckState.CRITICAL, daysLeft, expires + ", critical below " + criticalDays + ")");
    }
    if (warnDays != null && daysLeft < warnDays) {
      return new Verdict(
          CheckState.WARNING, daysLeft, expires + ", warning below " + warnDays + ")");
    }
    return new Verdict(CheckState.OK, daysLeft, expires + ")");
  }

  private static String expired(Instant notAfter, Instant now) {
    long ago =
        Math.max(
            0, Math.floorDiv(now.getEpochSecond() - notAfter.getEpochSecond(), SECONDS_PER_DAY));
    return "certificate expired on "
        + LocalDate.ofInstant(notAfter, ZoneOffset.UTC)
        + " ("
        + ago
        + (ago == 1 ? " day" : " days")
        + " ago)";
  }

  private static String date(Date date) {
    return LocalDate.ofInstant(date.toInstant(), ZoneOffset.UTC).toString();
  }

  private static String name(X509Certificate leaf) {
    return Banners.quote(commonName(leaf.getSubjectX500Principal().getName()));
  }

  /** The CN of a distinguished name, or the whole name when it has none. */
  private static String commonName(String distinguishedName) {
    Matcher cn = COMMON_NAME.matcher(distinguishedName);
    return Banners.clean(cn.find() ? cn.group(1) : distinguishedName);
  }

  private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }
}
