package dev.vakt.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Who runs the embedded PostgreSQL of a data directory: its postmaster and its owning Vakt. */
final class PostmasterPids {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

  private PostmasterPids() {}

  /** The postmaster's pid from {@code postmaster.pid}, if the file is there. */
  static Optional<Long> postmasterPid(Path pgData) {
    try {
      Path pidFile = pgData.resolve("postmaster.pid");
      if (!Files.exists(pidFile)) {
        return Optional.empty();
      }
      List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
      return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** The port from a live {@code postmaster.pid}, if PostgreSQL runs on this data directory. */
  static Optional<Integer> runningPort(Path pgData) throws IOException {
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

  static boolean ownerAlive(Path ownerFile) throws IOException {
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
  static void stopOrphan(Path pgData) throws IOException {
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
