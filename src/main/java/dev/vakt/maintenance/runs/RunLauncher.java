package dev.vakt.maintenance.runs;

import dev.vakt.maintenance.MaintenanceProperties;
import dev.vakt.reach.Reach;
import dev.vakt.secrets.Secrets;
import dev.vakt.ssh.SshCommands;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs maintenance runs in the background, one virtual thread each, and stops them when Vakt shuts
 * down: each is interrupted and records itself INTERRUPTED (it is never resumed). Holds the SSH
 * client the patch step uses, made on first use.
 */
@Component
class RunLauncher {

  private static final Logger LOG = LoggerFactory.getLogger(RunLauncher.class);

  private final ExecutorService threads =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("maintenance-run-", 0).factory());
  private final RunExecutor executor;
  private final RunJournal journal;
  private final Clock clock;
  private final Secrets secrets;
  private SshCommands ssh;

  private final Reach reach;

  RunLauncher(
      RunJournal journal, MaintenanceProperties props, Clock clock, Secrets secrets, Reach reach) {
    this.reach = reach;
    this.executor = new RunExecutor(journal, props, clock, d -> Thread.sleep(d));
    this.journal = journal;
    this.clock = clock;
    this.secrets = secrets;
  }

  /** Starts executing {@code job} now, in the background. */
  void launch(RunExecutor.Job job) {
    try {
      threads.submit(
          () -> {
            try {
              MaintenanceRun.State end = executor.execute(job);
              LOG.info("maintenance run {} ended {}", job.runId(), end);
            } catch (RuntimeException e) {
              LOG.error("maintenance run {} broke off", job.runId(), e);
            }
          });
    } catch (RejectedExecutionException e) {
      // Stored as running, but Vakt is stopping: record that it never started.
      journal.runEnded(
          job.runId(),
          MaintenanceRun.State.INTERRUPTED,
          clock.instant(),
          new MaintenanceRun.Failure(
              -1,
              null,
              "Vakt was shutting down; the run did not start",
              java.util.List.of(),
              "Nothing was sent to the cluster. Start the run again once Vakt is up."));
    }
  }

  /** The shared SSH client of the patch step. */
  synchronized SshCommands ssh() {
    if (ssh == null) {
      // A run's SSH reaches what a check may reach, never Vakt itself (issue 16, F2), and
      // connects to the address the guard approved (F19).
      ssh =
          new SshCommands(
              secrets::resolveDocumentReference,
              t ->
                  reach.decide(
                      java.net.URI.create(
                          "ssh://" + bracketed(t.host()) + ":" + (t.port() > 0 ? t.port() : 22))));
    }
    return ssh;
  }

  private static String bracketed(String host) {
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  @PreDestroy
  void stop() throws InterruptedException {
    threads.shutdownNow();
    if (!threads.awaitTermination(10, TimeUnit.SECONDS)) {
      LOG.warn("maintenance runs still busy at shutdown: they show as interrupted after restart");
    }
    synchronized (this) {
      if (ssh != null) {
        ssh.close();
      }
    }
  }
}
