package dev.vakt.proxmox;

import java.net.Socket;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Accepts exactly the server certificate whose SHA-256 fingerprint is pinned. Being an {@link
 * X509ExtendedTrustManager}, the JDK leaves the host name check to it, and it does none: the pin is
 * the identity (see {@link TlsTrust.Pinned}).
 */
final class PinnedTrustManager extends X509ExtendedTrustManager {

  /** Prefix of the message on a mismatch, so the client can tell it from other TLS failures. */
  static final String MISMATCH = "certificate fingerprint ";

  private final String pinned;

  PinnedTrustManager(TlsTrust.Pinned pin) {
    this.pinned = pin.sha256();
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    if (chain == null || chain.length == 0) {
      throw new CertificateException("the server presented no certificate");
    }
    String actual = fingerprint(chain[0]);
    if (!actual.equals(pinned)) {
      throw new CertificateException(MISMATCH + actual + " does not match the pinned " + pinned);
    }
  }

  static String fingerprint(X509Certificate certificate) throws CertificateException {
    try {
      return TlsTrust.Pinned.format(
          MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
      throw new CertificateException("cannot compute the certificate's fingerprint", e);
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    checkServerTrusted(chain, authType);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    checkServerTrusted(chain, authType);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("a client of the Proxmox VE API trusts no clients");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    checkClientTrusted(chain, authType);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    checkClientTrusted(chain, authType);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }
}
