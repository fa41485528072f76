package dev.vakt.platform;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The steps on a stopped cluster that make the embedded PostgreSQL private (F3): a cluster made
 * with password authentication from the start, the superuser's password set on a cluster made
 * before that (which trusted every local connection), the authentication rules and the socket
 * directory. Run before the server starts, so it never listens with {@code trust}.
 */
final class PostgresSetup {

  static final String CONFIG_FILE = "vakt.conf";
  static final String HBA =
      """
      # Written by Vakt at every start (ADR 0016): every connection needs a role's password
      # (SCRAM-SHA-256); the passwords are in the data directory's pg-secrets, readable by Vakt's user only.
      local all all scram-sha-256
      host  all all 127.0.0.1/32 scram-sha-256
      host  all all ::1/128 scram-sha-256
      """;

  private PostgresSetup() {}

  /** Makes a new cluster whose superuser {@code postgres} has the password in {@code pwfile}. */
  static void initdb(Path binaries, Path pgData, Path pwfile) throws IOException {
    run(
        List.of(
            binaries.resolve("bin/initdb").toString(),
            "-A",
            "scram-sha-256",
            "-U",
            PostgresSecrets.SUPERUSER,
            "--pwfile=" + pwfile,
            "-D",
            pgData.toString(),
            "-E",
            "UTF-8"),
        null,
        null);
  }

  /**
   * Gives the superuser of an existing, stopped cluster a password, in single-user mode (no
   * connection is accepted meanwhile): the upgrade of a data directory made before ADR 0016.
   */
  static void setSuperuserPassword(Path binaries, Path pgData, String password) throws IOException {
    run(
        List.of(
            binaries.resolve("bin/postgres").toString(),
            "--single",
            "-D",
            pgData.toString(),
            "-c",
            "password_encryption=scram-sha-256",
            "postgres"),
        "alter role postgres password '" + password + "'\n",
        password);
  }

  /**
   * Writes the authentication rules and {@value #CONFIG_FILE} (socket directory, password
   * encryption), and includes the latter from {@code postgresql.conf}.
   */
  static void configure(Path pgData, Path socketDir) throws IOException {
    Files.writeString(pgData.resolve("pg_hba.conf"), HBA, StandardCharsets.UTF_8);
    // A socket path longer than the kernel allows (about 107 bytes) would stop PostgreSQL from
    // starting; then it has no socket at all and is reached over 127.0.0.1 only.
    String sockets =
        socketDir.resolve(".s.PGSQL.65535.lock").toString().length() > 100
            ? ""
            : socketDir.toString().replace("'", "''");
    Files.writeString(
        pgData.resolve(CONFIG_FILE),
        "# Written by Vakt at every start (ADR 0016).\n"
            + "unix_socket_directories = '"
            + sockets
            + "'\n"
            + "password_encryption = 'scram-sha-256'\n",
        StandardCharsets.UTF_8);
    Path conf = pgData.resolve("postgresql.conf");
    String include = "include '" + CONFIG_FILE + "'";
    if (!Files.readString(conf).contains(include)) {
      Files.writeString(conf, "\n" + include + "\n", StandardOpenOption.APPEND);
    }
  }

  private static void run(List<String> command, String stdin, String secret) throws IOException {
    List<String> line = new java.util.ArrayList<>();
    // As root, PostgreSQL refuses to run; the library then runs it in a user namespace, as here.
    if (io.zonky.test.db.postgres.util.LinuxUtils.isUnshareAvailable()) {
      line.addAll(List.of("unshare", "-U"));
    }
    line.addAll(command);
    Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
    try (OutputStream in = process.getOutputStream()) {
      if (stdin != null) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        // The command line holds no secret (the password goes by file or standard input); an
        // error may echo the statement, so the password is cut out of the output.
        throw new IOException(
            command.get(0)
                + " failed: "
                + (secret == null ? output : output.replace(secret, "***")));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while running " + command.get(0), e);
    }
  }
}
