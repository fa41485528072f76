package dev.vakt.secrets;

import dev.vakt.audit.AuditLog;
import dev.vakt.common.ApiErrors;
import dev.vakt.common.Ids;
import dev.vakt.common.SecretRef;
import dev.vakt.platform.VaktProperties;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Secrets (SSH keys, console passwords, API tokens): stored AES-256-GCM encrypted, resolved from
 * references, never logged. The audit log records that a secret changed, never its value.
 */
@Service
public class Secrets {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final JdbcClient jdbc;
  private final MasterKey masterKey;
  private final AuditLog audit;
  private final Clock clock;
  private final ReferencePolicy documentReferences;

  Secrets(
      JdbcClient jdbc,
      MasterKey masterKey,
      AuditLog audit,
      Clock clock,
      SecretsProperties properties,
      VaktProperties vakt) {
    this.jdbc = jdbc;
    this.masterKey = masterKey;
    this.audit = audit;
    this.clock = clock;
    this.documentReferences =
        new ReferencePolicy(
            properties.fileDirectories(), vakt.dataDir(), properties.deniedEnvironmentPrefixes());
  }

  /** A stored secret's name and when it last changed; never its value. */
  public record Entry(String name, Instant updatedAt) {}

  /** Stores or replaces a secret under {@code name}. */
  @Transactional
  public void put(String name, String value, String actor) {
    Ids.require("name", name);
    if (value == null || value.isEmpty()) {
      throw new ApiErrors.InvalidInput("/value", "is empty");
    }
    byte[] nonce = new byte[12];
    RANDOM.nextBytes(nonce);
    byte[] ciphertext =
        crypt(Cipher.ENCRYPT_MODE, nonce, value.getBytes(StandardCharsets.UTF_8), name);
    boolean existed = !names().stream().filter(e -> e.name().equals(name)).toList().isEmpty();
    jdbc.sql(
            """
            insert into secret (name, nonce, ciphertext, key_id, updated_at) values (:name, :nonce, :c, :key, :at)
            on conflict (name) do update set nonce = excluded.nonce, ciphertext = excluded.ciphertext,
              key_id = excluded.key_id, updated_at = excluded.updated_at
            """)
        .param("name", name)
        .param("nonce", nonce)
        .param("c", ciphertext)
        .param("key", masterKey.id())
        .param("at", Timestamp.from(clock.instant()))
        .update();
    audit.record(
        actor,
        existed ? "update" : "create",
        "secret",
        name,
        null,
        null,
        Map.of("name", name, "value", "(encrypted)"));
  }

  /** The names of stored secrets. */
  public List<Entry> names() {
    return jdbc.sql("select name, updated_at from secret order by name")
        .query((rs, i) -> new Entry(rs.getString(1), rs.getTimestamp(2).toInstant()))
        .list();
  }

  /** The secret a reference points to. Callers must not log it. */
  public String resolve(SecretRef ref) {
    return "secret".equals(ref.scheme()) ? stored(ref.name()) : external(ref);
  }

  /**
   * A secret that a document names (an inventory's SSH key, a check's password): as {@link
   * #resolve}, but an {@code env:} or {@code file:} reference must keep to {@code vakt.secrets.*}:
   * never Vakt's own variables, never its data directory, only the configured secret directories.
   * Callers must not log the result.
   */
  public String resolveDocumentReference(SecretRef ref) {
    documentReferences.check(ref);
    return resolve(ref);
  }

  /**
   * An {@code env:} or {@code file:} secret, without the encrypted store (for commands that run
   * without a database). A file's trailing line break is not part of the secret. Callers must not
   * log the result.
   */
  public static String external(SecretRef ref) {
    return switch (ref.scheme()) {
      case "env" -> {
        String v = System.getenv(ref.name());
        if (v == null) {
          throw new IllegalStateException("environment variable " + ref.name() + " is not set");
        }
        yield v;
      }
      case "file" -> {
        try {
          yield Files.readString(Path.of(ref.name())).stripTrailing();
        } catch (IOException e) {
          throw new IllegalStateException(
              "cannot read secret file " + ref.name() + ": " + e.getClass().getSimpleName());
        }
      }
      default ->
          throw new IllegalStateException(
              "secret:"
                  + ref.name()
                  + " lives in the server's encrypted store; give env: or file: here");
    };
  }

  /**
   * Encrypts a value another module keeps in its own table (a TOTP seed), with the same key and
   * cipher as the store. {@code context} (e.g. {@code "totp:alice"}) is bound to the ciphertext, so
   * it cannot be moved to another row. Returns the nonce followed by the ciphertext.
   */
  public byte[] seal(String context, byte[] plaintext) {
    byte[] nonce = new byte[12];
    RANDOM.nextBytes(nonce);
    byte[] ciphertext = crypt(Cipher.ENCRYPT_MODE, nonce, plaintext, context);
    byte[] sealed = new byte[nonce.length + ciphertext.length];
    System.arraycopy(nonce, 0, sealed, 0, nonce.length);
    System.arraycopy(ciphertext, 0, sealed, nonce.length, ciphertext.length);
    return sealed;
  }

  /** The plaintext of {@link #seal}; callers must not log it. */
  public byte[] unseal(String context, byte[] sealed) {
    byte[] nonce = java.util.Arrays.copyOfRange(sealed, 0, 12);
    byte[] ciphertext = java.util.Arrays.copyOfRange(sealed, 12, sealed.length);
    return crypt(Cipher.DECRYPT_MODE, nonce, ciphertext, context);
  }

  private String stored(String name) {
    record Row(byte[] nonce, byte[] ciphertext) {}
    Row row =
        jdbc.sql("select nonce, ciphertext from secret where name = :name")
            .param("name", name)
            .query((rs, i) -> new Row(rs.getBytes(1), rs.getBytes(2)))
            .optional()
            .orElseThrow(() -> new IllegalStateException("no stored secret named " + name));
    return new String(
        crypt(Cipher.DECRYPT_MODE, row.nonce(), row.ciphertext(), name), StandardCharsets.UTF_8);
  }

  /**
   * AES-GCM with the secret's name as associated data, so a ciphertext cannot be moved to another
   * name.
   */
  private byte[] crypt(int mode, byte[] nonce, byte[] input, String name) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(mode, masterKey.key(), new GCMParameterSpec(128, nonce));
      cipher.updateAAD(name.getBytes(StandardCharsets.UTF_8));
      return cipher.doFinal(input);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "secret "
              + name
              + " could not be "
              + (mode == Cipher.ENCRYPT_MODE ? "encrypted" : "decrypted")
              + " (wrong master key?)");
    }
  }
}
