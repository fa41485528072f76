package dev.vakt.proxmox;

import java.security.KeyStore;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * How the client trusts the Proxmox VE server's certificate. There is deliberately no "trust all":
 * Proxmox VE's self-signed certificate is pinned instead.
 */
public sealed interface TlsTrust {

  /** The JVM's default trust store (cacerts), with the usual host name check. */
  static TlsTrust jvmDefault() {
    return new TrustStore(null);
  }

  /**
   * The server certificate's SHA-256 fingerprint, as the Proxmox VE GUI shows it (Node → System →
   * Certificates, or {@code pvenode cert info}): "AB:CD:…" or plain hex, any case.
   */
  static TlsTrust pinned(String sha256) {
    return new Pinned(sha256);
  }

  /**
   * Trust exactly one certificate, the server's own (leaf) certificate, by its SHA-256 fingerprint.
   * The pin replaces both the PKIX chain check and the host name check: a self-signed certificate
   * issued for "pve1.local" is accepted on https://10.0.0.5:8006 when its fingerprint matches, and
   * nothing else is, whatever CA signed it.
   *
   * @param sha256 the fingerprint as 32 bytes in hex, colons optional
   */
  record Pinned(String sha256) implements TlsTrust {
    public Pinned {
      Objects.requireNonNull(sha256, "sha256");
      String hex = sha256.replace(":", "").strip().toLowerCase(Locale.ROOT);
      if (!hex.matches("[0-9a-f]{64}")) {
        throw new IllegalArgumentException(
            "a SHA-256 certificate fingerprint is 32 bytes in hex, e.g. AB:CD:...; got "
                + sha256.length()
                + " characters");
      }
      sha256 = format(HexFormat.of().parseHex(hex));
    }

    /** The fingerprint in the GUI's form: upper-case hex pairs joined by colons. */
    static String format(byte[] digest) {
      return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
    }
  }

  /**
   * PKIX validation against a trust store with the host name check, e.g. when the nodes carry
   * certificates from an internal CA or from ACME.
   *
   * @param keyStore the trusted certificates; null for the JVM's default trust store
   */
  record TrustStore(KeyStore keyStore) implements TlsTrust {}
}
