package dev.vakt.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The passwords of the embedded PostgreSQL's roles, generated on first use and kept one per file in
 * {@code dataDir/pg-secrets} (directory 0700, files 0600), so only Vakt's user can read them: a
 * {@code vakt import} run by that user joins the running server with them. Never logged.
 *
 * @param superuser {@code postgres}: used only to set up roles and privileges
 * @param owner {@link #OWNER}: owns the schema, runs Flyway's migrations
 * @param app {@link #APP}: what the application and the CLI connect as
 */
record PostgresSecrets(String superuser, String owner, String app) {

  static final String SUPERUSER = "postgres";
  static final String OWNER = "vakt_owner";
  static final String APP = "vakt_app";

  private static final SecureRandom RANDOM = new SecureRandom();

  /** Reads the passwords from {@code dir}, making any that is missing. */
  static PostgresSecrets in(Path dir) throws IOException {
    PostgresBinaries.privateDirectory(dir);
    return new PostgresSecrets(
        readOrCreate(file(dir, SUPERUSER)),
        readOrCreate(file(dir, OWNER)),
        readOrCreate(file(dir, APP)));
  }

  /** The file holding {@code role}'s password. */
  static Path file(Path dir, String role) {
    return dir.resolve(role + ".password");
  }

  private static String readOrCreate(Path file) throws IOException {
    if (Files.exists(file)) {
      return Files.readString(file, StandardCharsets.UTF_8).trim();
    }
    byte[] random = new byte[32];
    RANDOM.nextBytes(random);
    // URL-safe base64 without padding: no quote or backslash, so it is safe inside SQL literals.
    String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, secret, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    return secret;
  }

  @Override
  public String toString() {
    return "PostgresSecrets[hidden]";
  }
}
