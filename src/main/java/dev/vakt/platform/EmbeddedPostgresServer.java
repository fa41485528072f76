package dev.vakt.platform;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL that Vakt starts itself, with its data kept under {@code dataDir/pg}, so a new
 * user needs no database set-up. Durable: fsync and synchronous commit are on (the library's
 * test-oriented defaults turn them off), because outages and audit records must survive a power
 * cut.
 *
 * <p>Private (ADR 0016, F3/F4): binaries in {@code dataDir/pg-bin} and the socket in {@code
 * dataDir/pg-run}, both mode 0700; the binaries are checked against the archive they came from
 * before every start; every connection needs a password (SCRAM), kept in {@code
 * dataDir/pg-secrets}; the application connects as {@link PostgresSecrets#APP}, which cannot alter
 * the schema.
 *
 * <p>Several Vakt processes can share one data directory: the first starts PostgreSQL and owns it;
 * a {@code vakt import} run while the server is up connects to the running instance instead, with
 * the passwords from the data directory. After a crash ({@code kill -9}) of Vakt, PostgreSQL is
 * left running without its owner; the next start stops that orphan cleanly and starts afresh. When
 * PostgreSQL dies under a running Vakt, the owner restarts it on the same port (F10).
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
  private static final int RESTART_ATTEMPTS = 20;

  private final Path pgData;
  private final Path binaries;
  private final Path socketDir;
  private final Path ownerFile;
  private final PostgresSecrets secrets;
  private final ExecutorService watcher;
  private volatile int port;
  private volatile EmbeddedPostgres postgres;
  private volatile boolean closed;
  private volatile Consumer<Boolean> availability = available -> {};

  private EmbeddedPostgresServer(
      Path pgData,
      Path binaries,
      Path socketDir,
      Path ownerFile,
      PostgresSecrets secrets,
      int port) {
    this.pgData = pgData;
    this.binaries = binaries;
    this.socketDir = socketDir;
    this.ownerFile = ownerFile;
    this.secrets = secrets;
    this.port = port;
    this.watcher =
        ownerFile == null
            ? null
            : Executors.newSingleThreadExecutor(
                Thread.ofPlatform().daemon().name("embedded-postgres-watch").factory());
  }

  /** Starts (or joins) the embedded PostgreSQL for {@code dataDir}. */
  public static EmbeddedPostgresServer start(Path dataDir) {
    try {
      Path root = dataDir.toAbsolutePath();
      Path pgData = root.resolve("pg");
      Path ownerFile = root.resolve("pg-owner.pid");
      Path secretsDir = root.resolve("pg-secrets");
      Path socketDir = root.resolve("pg-run");
      Optional<Integer> running = PostmasterPids.runningPort(pgData);
      if (running.isPresent()) {
        if (PostmasterPids.ownerAlive(ownerFile)) {
          log.info(
              "Using the embedded PostgreSQL already running on port {} for {}",
              running.get(),
              pgData);
          PostgresSecrets secrets = PostgresSecrets.in(secretsDir);
          return new EmbeddedPostgresServer(pgData, null, socketDir, null, secrets, running.get());
        }
        PostmasterPids.stopOrphan(pgData);
      }
      Path binaries = PostgresBinaries.prepare(root.resolve("pg-bin"));
      PostgresBinaries.privateDirectory(socketDir);
      boolean superuserHasPassword =
          Files.exists(PostgresSecrets.file(secretsDir, PostgresSecrets.SUPERUSER));
      PostgresSecrets secrets = PostgresSecrets.in(secretsDir);
      if (!Files.exists(pgData.resolve("PG_VERSION"))) {
        Files.createDirectories(pgData);
        PostgresSetup.initdb(
            binaries, pgData, PostgresSecrets.file(secretsDir, PostgresSecrets.SUPERUSER));
      } else if (!superuserHasPassword) {
        log.warn("Securing the embedded PostgreSQL of {}: passwords and roles (ADR 0016)", pgData);
        PostgresSetup.setSuperuserPassword(binaries, pgData, secrets.superuser());
      }
      PostgresSetup.configure(pgData, socketDir);
      EmbeddedPostgresServer server =
          new EmbeddedPostgresServer(pgData, binaries, socketDir, ownerFile, secrets, 0);
      server.postgres = server.launch(0);
      server.port = server.postgres.getPort();
      try (Connection c = server.connect(PostgresSecrets.SUPERUSER, secrets.superuser())) {
        PostgresRoles.setUp(c, secrets);
      }
      Files.writeString(ownerFile, Long.toString(ProcessHandle.current().pid()));
      log.info("Started embedded PostgreSQL on 127.0.0.1:{} with data in {}", server.port, pgData);
      server.watch();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDir, e);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not set up the embedded PostgreSQL's roles", e);
    }
  }

  private EmbeddedPostgres launch(int onPort) throws IOException {
    EmbeddedPostgres pg = builder(onPort).start();
    // The library makes its working directories writable for all; make them Vakt's alone again.
    Files.setPosixFilePermissions(binaries.getParent(), PostgresBinaries.PRIVATE_DIR);
    Files.setPosixFilePermissions(binaries, PostgresBinaries.PRIVATE_DIR);
    return pg;
  }

  private EmbeddedPostgres.Builder builder(int onPort) {
    return EmbeddedPostgres.builder()
        .setDataDirectory(pgData)
        .setCleanDataDirectory(false)
        // The binaries verified above: private to Vakt's user, never a shared temp directory (F4).
        // A resolver of its own per server, so the library does not reuse another server's copy.
        .setOverrideWorkingDirectory(binaries.getParent().toFile())
        .setPgBinaryResolver((system, hardware) -> openArchive())
        .setPort(onPort)
        .setConnectConfig("password", secrets.superuser())
        .setServerConfig("fsync", "on")
        .setServerConfig("synchronous_commit", "on")
        .setServerConfig("full_page_writes", "on")
        .setServerConfig("listen_addresses", "127.0.0.1")
        .setServerConfig("max_connections", "100")
        .setPGStartupWait(Duration.ofSeconds(60))
        // Spring stops it when the context closes, after the beans that use it; zonky's own
        // hook would race that and stop it under them (listeners then wait for a database
        // that is gone). An orphan left by kill -9 is stopped at the next start instead.
        .setRegisterShutdownHook(false);
  }

  private java.io.InputStream openArchive() {
    return PostgresBinaries.class.getResourceAsStream(PostgresBinaries.ARCHIVE);
  }

  /** The JDBC URL of the {@code postgres} database. */
  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
  }

  public int port() {
    return port;
  }

  /** The role the application connects as, and its password. */
  String appUser() {
    return PostgresSecrets.APP;
  }

  String appPassword() {
    return secrets.app();
  }

  /** The role that owns the schema and runs Flyway, and its password. */
  String ownerUser() {
    return PostgresSecrets.OWNER;
  }

  String ownerPassword() {
    return secrets.owner();
  }

  /** The postmaster's process id, when this process owns the server and it runs. */
  Optional<Long> postmasterPid() {
    return PostmasterPids.postmasterPid(pgData);
  }

  /** Called with false when PostgreSQL died, with true when it is back (owner only). */
  void onAvailability(Consumer<Boolean> listener) {
    this.availability = listener;
  }

  Connection connect(String user, String password) throws SQLException {
    return DriverManager.getConnection(jdbcUrl(), user, password);
  }

  /** Restarts PostgreSQL when its postmaster ends while Vakt still runs (F10). */
  private void watch() {
    postmasterPid()
        .flatMap(ProcessHandle::of)
        .ifPresent(h -> h.onExit().thenRunAsync(() -> postmasterEnded(h.pid()), watcher));
  }

  private void postmasterEnded(long pid) {
    if (closed) {
      return;
    }
    log.error("The embedded PostgreSQL (pid {}) ended unexpectedly; restarting it", pid);
    availability.accept(false);
    for (int attempt = 1; attempt <= RESTART_ATTEMPTS && !closed; attempt++) {
      try {
        // Backends of the dead postmaster hold its shared memory for a moment: wait them out.
        Thread.sleep(Math.min(250L * attempt, 2000L));
        synchronized (this) {
          if (closed) {
            return;
          }
          quietlyClose(postgres);
          PostgresBinaries.verify(binaries, PostgresBinaries.manifest());
          postgres = launch(port);
        }
        log.warn("Restarted the embedded PostgreSQL on 127.0.0.1:{}", port);
        availability.accept(true);
        watch();
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (IllegalStateException e) {
        log.error("Not restarting the embedded PostgreSQL: {}", e.getMessage());
        break;
      } catch (Exception e) {
        log.warn("Restart {} of the embedded PostgreSQL failed: {}", attempt, e.toString());
      }
    }
    log.error("The embedded PostgreSQL stays down; Vakt reports itself broken");
    availability.accept(null);
  }

  @Override
  public void close() throws IOException {
    closed = true;
    if (watcher != null) {
      watcher.shutdownNow();
      synchronized (this) {
        quietlyClose(postgres);
      }
      Files.deleteIfExists(ownerFile);
    }
  }

  private static void quietlyClose(EmbeddedPostgres pg) {
    try {
      if (pg != null) {
        pg.close();
      }
    } catch (IOException | RuntimeException e) {
      log.warn("Stopping the embedded PostgreSQL: {}", e.toString());
    }
  }
}
