package dev.vakt.secrets;

import dev.vakt.platform.VaktProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * The AES-256 key that encrypts secrets at rest. It never enters the database: it comes from {@code
 * vakt.master-key} (e.g. the environment variable {@code VAKT_MASTER_KEY}) or from {@code
 * dataDir/master.key}, created with owner-only permissions on first start. Losing it loses the
 * secrets; back it up apart from the database.
 */
@Component
class MasterKey {

  private final SecretKey key;
  private final String id;

  MasterKey(VaktProperties properties) {
    byte[] raw =
        properties.masterKey() != null && !properties.masterKey().isBlank()
            ? decode(properties.masterKey(), "vakt.master-key")
            : fromFile(properties.dataDir().resolve("master.key"));
    if (raw.length != 32) {
      throw new IllegalStateException(
          "The master key must be 32 bytes (base64 of 256 bits), was " + raw.length);
    }
    this.key = new SecretKeySpec(raw, "AES");
    try {
      this.id =
          HexFormat.of()
              .formatHex(MessageDigest.getInstance("SHA-256").digest(raw))
              .substring(0, 12);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  SecretKey key() {
    return key;
  }

  /** A short fingerprint stored with each secret, to tell which key encrypted it. */
  String id() {
    return id;
  }

  private static byte[] fromFile(Path file) {
    try {
      if (!Files.exists(file)) {
        Files.createDirectories(file.getParent());
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        Files.writeString(file, Base64.getEncoder().encodeToString(fresh) + "\n");
        try {
          Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
          // not a POSIX file system: the file stays as the umask made it
        }
      }
      return decode(Files.readString(file).trim(), file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or create the master key " + file, e);
    }
  }

  private static byte[] decode(String base64, String where) {
    try {
      return Base64.getDecoder().decode(base64.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("The master key in " + where + " is not base64");
    }
  }
}
