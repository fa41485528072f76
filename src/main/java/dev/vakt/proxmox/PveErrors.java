package dev.vakt.proxmox;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;

/**
 * What went wrong with a Proxmox VE request, in words an operator acts on: an HTTP status with what
 * to check, or a transport failure named by its cause (pin mismatch, timeout and its phase, refused
 * connection, unknown host, TLS).
 */
final class PveErrors {

  private PveErrors() {}

  static ProxmoxException http(int status, String reason, String where) {
    String said = reason.isBlank() ? "" : " " + reason;
    return switch (status) {
      case 401 ->
          new ProxmoxException(
              ProxmoxException.Kind.AUTHENTICATION,
              401,
              "API token refused (HTTP 401"
                  + said
                  + "): check the token id, its secret and its"
                  + " expiry",
              null);
      case 403 ->
          new ProxmoxException(
              ProxmoxException.Kind.PERMISSION,
              403,
              "permission denied for "
                  + where
                  + " (HTTP 403"
                  + said
                  + "): the token's role lacks"
                  + " the privilege",
              null);
      case 404, 501 ->
          new ProxmoxException(
              ProxmoxException.Kind.NOT_FOUND,
              status,
              where + " not found (HTTP " + status + said + ")",
              null);
      case 595, 596 ->
          new ProxmoxException(
              ProxmoxException.Kind.HTTP,
              status,
              where
                  + ": the answering node cannot reach the target node (HTTP "
                  + status
                  + said
                  + ")",
              null);
      default ->
          new ProxmoxException(
              ProxmoxException.Kind.HTTP, status, where + " failed: HTTP " + status + said, null);
    };
  }

  static ProxmoxException transport(
      IOException e, String where, String host, int timeoutMillis, String trustName) {
    CertificateException cert = find(e, CertificateException.class);
    if (cert != null
        && cert.getMessage() != null
        && cert.getMessage().startsWith(PinnedTrustManager.MISMATCH)) {
      return new ProxmoxException(
          ProxmoxException.Kind.PIN_MISMATCH, -1, host + ": " + cert.getMessage(), e);
    }
    if (e instanceof SocketTimeoutException) {
      String phase =
          e.getMessage() != null
                  && e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("connect")
              ? "connect"
              : "read";
      return new ProxmoxException(
          ProxmoxException.Kind.TIMEOUT,
          -1,
          where
              + ": no answer from "
              + host
              + " within "
              + timeoutMillis
              + " ms ("
              + phase
              + " timeout)",
          e);
    }
    if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
      return new ProxmoxException(
          ProxmoxException.Kind.CONNECTION, -1, "cannot connect to " + host + ": " + oneLine(e), e);
    }
    if (e instanceof UnknownHostException) {
      return new ProxmoxException(
          ProxmoxException.Kind.CONNECTION, -1, "host name not resolved: " + oneLine(e), e);
    }
    if (find(e, SSLException.class) != null || cert != null) {
      Throwable deepest = cert != null ? deepest(cert) : deepest(e);
      return new ProxmoxException(
          ProxmoxException.Kind.TLS,
          -1,
          host + ": TLS failed (" + trustName + "): " + oneLine(deepest),
          e);
    }
    return new ProxmoxException(
        ProxmoxException.Kind.CONNECTION, -1, where + " to " + host + " failed: " + oneLine(e), e);
  }

  private static <T extends Throwable> T find(Throwable t, Class<T> type) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (type.isInstance(c)) {
        return type.cast(c);
      }
    }
    return null;
  }

  private static Throwable deepest(Throwable t) {
    Throwable d = t;
    while (d.getCause() != null && d.getCause() != d) {
      d = d.getCause();
    }
    return d.getMessage() == null ? t : d;
  }

  private static String oneLine(Throwable t) {
    String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    m = m.replaceAll("\\s+", " ").strip();
    return m.length() > 200 ? m.substring(0, 197) + "..." : m;
  }
}
