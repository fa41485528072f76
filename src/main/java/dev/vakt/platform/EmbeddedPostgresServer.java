package dev.vakt.platform;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL that Vakt starts itself, with its data kept under {@code dataDir/pg}, so a new
 * user needs no database set-up. Durable: fsync and synchronous commit are on (the library's
 * test-oriented defaults turn them off), because outages and audit records must survive a power
 * cut.
 *
 * <p>Several Vakt processes can share one data directory: the first starts PostgreSQL and owns it;
 * a {@code vakt import} run while the server is up connects to the running instance instead. After
 * a crash ({@code kill -9}) PostgreSQL is left running without its owner; the next start stops that
 * orphan cleanly and starts afresh, and PostgreSQL's own recovery replays the WAL.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

  private final EmbeddedPostgres postgres;
  private final int port;
  private final Path ownerFile;

  private EmbeddedPostgresServer(EmbeddedPostgres postgres, int port, Path ownerFile) {
    this.postgres = postgres;
    this.port = port;
    this.ownerFile = ownerFile;
  }

  /** Starts (or joins) the embedded PostgreSQL for {@code dataDir}. */
  public static EmbeddedPostgresServer start(Path dataDir) {
    try {
      Path pgData = dataDir.resolve("pg").toAbsolutePath();
      Path ownerFile = dataDir.resolve("pg-owner.pid").toAbsolutePath();
      Files.createDirectories(pgData);
      Optional<Integer> running = runningPort(pgData);
      if (running.isPresent()) {
        if (ownerAlive(ownerFile)) {
          log.info(
              "Using the embedded PostgreSQL already running on port {} for {}",
              running.get(),
              pgData);
          return new EmbeddedPostgresServer(null, running.get(), null);
        }
        stopOrphan(pgData);
      }
      EmbeddedPostgres pg =
          EmbeddedPostgres.builder()
              .setDataDirectory(pgData)
              .setCleanDataDirectory(false)
              .setServerConfig("fsync", "on")
              .setServerConfig("synchronous_commit", "on")
              .setServerConfig("full_page_writes", "on")
              .setServerConfig("listen_addresses", "127.0.0.1")
              .setServerConfig("max_connections", "100")
              .setPGStartupWait(Duration.ofSeconds(60))
              // Spring stops it when the context closes, after the beans that use it; zonky's own
              // hook would race that and stop it under them (listeners then wait for a database
              // that is gone). An orphan left by kill -9 is stopped at the next start instead.
              .setRegisterShutdownHook(false)
              .start();
      Files.writeString(ownerFile, Long.toString(ProcessHandle.current().pid()));
      log.info("Started embedded PostgreSQL on 127.0.0.1:{} with data in {}", pg.getPort(), pgData);
      return new EmbeddedPostgresServer(pg, pg.getPort(), ownerFile);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDir, e);
    }
  }

  /** The JDBC URL of the {@code postgres} database. */
  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
  }

  public int port() {
    return port;
  }

  @Override
  public void close() throws IOException {
    if (postgres != null) {
      postgres.close();
      Files.deleteIfExists(ownerFile);
    }
  }

  /** The port from a live {@code postmaster.pid}, if PostgreSQL runs on this data directory. */
  private static Optional<Integer> runningPort(Path pgData) throws IOException {
    Path pidFile = pgData.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return Optional.empty();
    }
    List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
    if (lines.size() < 4) {
      return Optional.empty();
    }
    long pid = Long.parseLong(lines.get(0).trim());
    if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
      return Optional.of(Integer.parseInt(lines.get(3).trim()));
    }
    return Optional.empty();
  }

  private static boolean ownerAlive(Path ownerFile) throws IOException {
    if (!Files.exists(ownerFile)) {
      return false;
    }
    String text = Files.readString(ownerFile).trim();
    if (text.isEmpty()) {
      return false;
    }
    long pid = Long.parseLong(text);
    // A live owner may be this very process (a second application context in one JVM, as in tests).
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  /** Stops a PostgreSQL whose owning Vakt died: SIGTERM is PostgreSQL's "smart" clean shutdown. */
  private static void stopOrphan(Path pgData) throws IOException {
    Path pidFile = pgData.resolve("postmaster.pid");
    long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
    log.warn(
        "Found embedded PostgreSQL (pid {}) left running by a Vakt that ended abruptly; stopping it",
        pid);
    ProcessHandle.of(pid)
        .ifPresent(
            h -> {
              h.destroy();
              try {
                h.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
              } catch (Exception e) {
                log.warn(
                    "PostgreSQL pid {} did not stop in 30 s; killing it (WAL recovery follows)",
                    pid);
                h.destroyForcibly();
              }
            });
  }
}
