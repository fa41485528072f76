package dev.vakt.ssh;

import dev.vakt.common.SecretRef;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Iterator;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.util.security.SecurityUtils;

/** SSH keys: private keys read from secrets, host keys as OpenSSH fingerprints. */
public final class SshKeys {

  private SshKeys() {}

  /**
   * The first key pair of OpenSSH ("BEGIN OPENSSH PRIVATE KEY") or PEM key text. Exceptions name
   * the reference, never the key text.
   */
  public static KeyPair read(SecretRef reference, String text)
      throws IOException, GeneralSecurityException {
    if (text == null || text.isBlank()) {
      throw new IllegalStateException("the secret is empty or not set");
    }
    Iterable<KeyPair> pairs =
        SecurityUtils.loadKeyPairIdentities(
            null,
            NamedResource.ofName(reference.toString()),
            new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
            FilePasswordProvider.EMPTY);
    Iterator<KeyPair> first = pairs == null ? null : pairs.iterator();
    if (first == null || !first.hasNext()) {
      throw new IllegalArgumentException("no private key found in the secret");
    }
    return first.next();
  }

  /** The fingerprint {@code ssh-keygen -lf} and the inventory's {@code hostKey} show: SHA256:... */
  public static String fingerprint(PublicKey key) {
    return KeyUtils.getFingerPrint(BuiltinDigests.sha256, key);
  }
}
