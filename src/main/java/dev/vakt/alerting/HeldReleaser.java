package dev.vakt.alerting;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs {@link IncidentGrouper#release} when something can have changed: at once when a service was
 * held (its group may have waited only for it), at the moment the next group's hold ends, and at
 * least every {@code vakt.alerting.incidents.poll} (a sibling's failure that was being confirmed
 * may have gone away, a wait may have reached {@code max-hold}, another instance may hold rows).
 * Before, a fixed 500 ms poll added up to half a second to every incident's first message.
 */
@Component
class HeldReleaser implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(HeldReleaser.class);

  /** Never spin: the shortest sleep between two passes. */
  private static final long MIN_WAIT_MS = 5;

  private final IncidentGrouper grouper;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final Duration poll;
  private final Semaphore nudge = new Semaphore(0);
  private volatile Thread loop;

  HeldReleaser(
      IncidentGrouper grouper, TransactionTemplate tx, Clock clock, IncidentProperties properties) {
    this.grouper = grouper;
    this.tx = tx;
    this.clock = clock;
    this.poll = properties.poll();
  }

  /** A service was held in the caller's transaction: look once it is visible. */
  void wakeAfterCommit() {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              nudge.release();
            }
          });
    } else {
      nudge.release();
    }
  }

  private void run() {
    while (!Thread.currentThread().isInterrupted()) {
      long wait = poll.toMillis();
      try {
        IncidentGrouper.Pass pass = tx.execute(s -> grouper.release(clock.instant()));
        if (pass != null && pass.next() != null) {
          long untilNext = Duration.between(clock.instant(), pass.next()).toMillis() + 1;
          wait = Math.max(MIN_WAIT_MS, Math.min(wait, untilNext));
        }
      } catch (RuntimeException e) {
        log.warn("Releasing held outages failed, retrying: {}", e.toString());
      }
      try {
        nudge.tryAcquire(wait, TimeUnit.MILLISECONDS);
        nudge.drainPermits();
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  @Override
  public void start() {
    if (loop == null) {
      loop = Thread.ofPlatform().name("vakt-held-outages").daemon().start(this::run);
    }
  }

  @Override
  public void stop() {
    Thread t = loop;
    loop = null;
    if (t != null) {
      t.interrupt();
      try {
        t.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return loop != null;
  }
}
