package dev.vakt.monitoring.probe;

import dev.vakt.monitoring.CheckState;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * The certificate side of an HTTPS check: days until the presented chain expires, and a clear
 * reason when the handshake refused the certificate (expired, not trusted, wrong host).
 */
final class HttpProbeTls {

  private static final long SECONDS_PER_DAY = 86_400;

  private HttpProbeTls() {}

  /** How the certificate's remaining lifetime rates against the thresholds. */
  record Verdict(CheckState state, long daysLeft, String text) {}

  /** The X.509 chain the server presented on a connection, if it was TLS (session not null). */
  static Optional<X509Certificate[]> chain(SSLSession session) {
    if (session == null) {
      return Optional.empty();
    }
    try {
      Certificate[] peer = session.getPeerCertificates();
      X509Certificate[] x509 =
          Arrays.stream(peer)
              .filter(X509Certificate.class::isInstance)
              .map(X509Certificate.class::cast)
              .toArray(X509Certificate[]::new);
      return x509.length == 0 ? Optional.empty() : Optional.of(x509);
    } catch (SSLPeerUnverifiedException e) {
      return Optional.empty();
    }
  }

  /**
   * Rates the chain by its certificate that expires first (an expiring intermediate breaks the site
   * as surely as the server's own certificate). Like check_http, WARNING/CRITICAL at {@code
   * warnDays}/{@code criticalDays} days or fewer; thresholds may be null, but an expired
   * certificate is always CRITICAL.
   */
  static Verdict rate(
      X509Certificate[] chain, Instant now, Integer warnDays, Integer criticalDays) {
    X509Certificate first =
        Arrays.stream(chain).min(Comparator.comparing(X509Certificate::getNotAfter)).orElseThrow();
    Instant notAfter = first.getNotAfter().toInstant();
    long daysLeft =
        Math.floorDiv(notAfter.getEpochSecond() - now.getEpochSecond(), SECONDS_PER_DAY);
    if (notAfter.isBefore(now)) {
      return new Verdict(CheckState.CRITICAL, daysLeft, expired(first));
    }
    if (first.getNotBefore().toInstant().isAfter(now)) {
      return new Verdict(CheckState.CRITICAL, daysLeft, notYetValid(first));
    }
    String expires =
        "certificate expires in "
            + daysLeft
            + (daysLeft == 1 ? " day" : " days")
            + " ("
            + date(first.getNotAfter());
    if (criticalDays != null && daysLeft <= criticalDays) {
      return new Verdict(
          CheckState.CRITICAL, daysLeft, expires + ", critical at " + criticalDays + ")");
    }
    if (warnDays != null && daysLeft <= warnDays) {
      return new Verdict(CheckState.WARNING, daysLeft, expires + ", warning at " + warnDays + ")");
    }
    return new Verdict(CheckState.OK, daysLeft, expires + ")");
  }

  /**
   * Why a TLS handshake failed, in one line, or null when {@code failure} is not about TLS. The
   * PKIX validator names the certificate it refused and why, so an expired one is reported with its
   * date rather than as a stack of exception texts.
   */
  static String explain(Throwable failure) {
    CertPathValidatorException invalid = find(failure, CertPathValidatorException.class);
    if (invalid != null) {
      X509Certificate refused = refused(invalid);
      if (refused != null && invalid.getReason() == BasicReason.EXPIRED) {
        return expired(refused);
      }
      if (refused != null && invalid.getReason() == BasicReason.NOT_YET_VALID) {
        return notYetValid(refused);
      }
      return "certificate not trusted: " + Elapsed.oneLine(invalid);
    }
    CertificateException certificate = find(failure, CertificateException.class);
    if (certificate != null) {
      String message = deepestMessage(certificate);
      if (message.toLowerCase(Locale.ROOT).contains("no subject alternative")
          || message.toLowerCase(Locale.ROOT).contains("no name matching")) {
        return "certificate does not match the host: " + message;
      }
      return "certificate not trusted: " + message;
    }
    SSLException tls = find(failure, SSLException.class);
    if (tls != null) {
      return "TLS handshake failed: " + Elapsed.oneLine(tls);
    }
    return null;
  }

  private static X509Certificate refused(CertPathValidatorException invalid) {
    CertPath path = invalid.getCertPath();
    int index = invalid.getIndex();
    if (path == null || index < 0 || index >= path.getCertificates().size()) {
      return null;
    }
    return path.getCertificates().get(index) instanceof X509Certificate x509 ? x509 : null;
  }

  private static String expired(X509Certificate certificate) {
    return "certificate expired on " + date(certificate.getNotAfter());
  }

  private static String notYetValid(X509Certificate certificate) {
    return "certificate not valid before " + date(certificate.getNotBefore());
  }

  private static String date(Date date) {
    return LocalDate.ofInstant(date.toInstant(), ZoneOffset.UTC).toString();
  }

  /** The innermost message of a cause chain: the one that names the actual problem. */
  private static String deepestMessage(Throwable failure) {
    String message = Elapsed.oneLine(failure);
    for (Throwable t = failure.getCause(); t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        message = Elapsed.oneLine(t);
      }
    }
    return message;
  }

  static <T extends Throwable> T find(Throwable failure, Class<T> type) {
    List<Throwable> seen = new java.util.ArrayList<>();
    for (Throwable t = failure; t != null && !seen.contains(t); t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
      seen.add(t);
    }
    return null;
  }
}
