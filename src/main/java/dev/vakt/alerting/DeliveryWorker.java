package dev.vakt.alerting;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Sends what the outbox holds. Each round claims due notifications ({@code FOR UPDATE SKIP LOCKED},
 * so several instances share the work and none sends a row another holds), sends them in parallel
 * outside any transaction, and records each outcome: delivered; retryable, with an exponential
 * back-off and jitter, until the attempts or the age run out; permanent, failed at once.
 *
 * <p>A claim is a lease: a row left in {@code sending} by a worker that died is claimed again when
 * the lease runs out. That is the one path on which a message can go out twice: when the channel
 * accepted it and the worker died before recording so (see docs/alerting.md).
 */
final class DeliveryWorker implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

  /** The channel that sends to a recipient. */
  @FunctionalInterface
  interface Channels {
    Channel forRecipient(ChannelKind kind, String address);
  }

  private final OutboxStore store;
  private final Channels channels;
  private final Clock clock;
  private final AlertingProperties.Worker settings;
  private final DoubleSupplier random;
  private final java.util.concurrent.Semaphore nudge = new java.util.concurrent.Semaphore(0);
  private volatile Thread loop;

  DeliveryWorker(
      OutboxStore store,
      Channels channels,
      Clock clock,
      AlertingProperties.Worker settings,
      DoubleSupplier random) {
    this.store = store;
    this.channels = channels;
    this.clock = clock;
    this.settings = settings;
    this.random = random;
  }

  DeliveryWorker(
      OutboxStore store, Channels channels, Clock clock, AlertingProperties.Worker settings) {
    this(store, channels, clock, settings, () -> ThreadLocalRandom.current().nextDouble());
  }

  /** One round at {@code now}: claims, sends and records; the number of notifications handled. */
  int runOnce(Instant now) {
    List<OutboxStore.Claimed> claimed =
        store.claim(
            now,
            settings.batchSize(),
            now.plus(settings.lease()),
            settings.maxAttempts(),
            now.minus(settings.maxAge()));
    if (claimed.isEmpty()) {
      return 0;
    }
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> sends = new ArrayList<>();
      for (OutboxStore.Claimed c : claimed) {
        sends.add(pool.submit(() -> deliver(c)));
      }
      for (Future<?> f : sends) {
        try {
          f.get();
        } catch (Exception e) {
          log.warn("A notification's delivery round failed: {}", e.toString());
        }
      }
    }
    return claimed.size();
  }

  private void deliver(OutboxStore.Claimed c) {
    Delivery outcome;
    try {
      outcome = channels.forRecipient(c.channel(), c.message().to()).send(c.message());
    } catch (RuntimeException e) {
      outcome = Delivery.retry(e.getClass().getSimpleName() + ": " + e.getMessage());
    }
    // The outcome is recorded at the clock's time, so a test's fixed clock stays in charge.
    Instant now = clock.instant();
    if (now.isBefore(c.claimedAt())) {
      now = c.claimedAt();
    }
    switch (outcome) {
      case Delivery.Delivered d -> store.complete(c, now, "delivered", null, "delivered", null);
      case Delivery.Permanent p -> {
        log.warn("Notification {} failed: {}", c.id(), p.reason());
        store.complete(c, now, "permanent", p.reason(), "failed", null);
      }
      case Delivery.Retryable r -> {
        boolean exhausted =
            c.attempt() >= settings.maxAttempts()
                || !c.createdAt().plus(settings.maxAge()).isAfter(now);
        if (exhausted) {
          String reason = "gave up after " + c.attempt() + " attempts: " + r.reason();
          log.warn("Notification {} failed: {}", c.id(), reason);
          store.complete(c, now, "retryable", reason, "failed", null);
        } else {
          store.complete(
              c, now, "retryable", r.reason(), "pending", now.plus(backoff(c.attempt())));
        }
      }
    }
  }

  /** The wait after failed attempt {@code attempt} (from 1): doubling, capped, with jitter. */
  Duration backoff(int attempt) {
    double base = settings.initialBackoff().toMillis() * Math.pow(2, Math.min(attempt - 1, 30));
    double capped = Math.min(base, settings.maxBackoff().toMillis());
    double factor = 1 + settings.jitter() * (2 * random.getAsDouble() - 1);
    return Duration.ofMillis(Math.round(capped * factor));
  }

  @Override
  public void start() {
    if (!settings.enabled() || loop != null) {
      return;
    }
    loop = Thread.ofPlatform().name("vakt-alert-delivery").daemon().start(this::poll);
  }

  /**
   * Something was just committed to the outbox: look now instead of at the next poll. Polling stays
   * as the safety net (rows due after a back-off, rows another instance enqueued).
   */
  void wake() {
    nudge.release();
  }

  private void poll() {
    while (!Thread.currentThread().isInterrupted()) {
      try {
        if (runOnce(clock.instant()) < settings.batchSize()) {
          nudge.tryAcquire(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
          nudge.drainPermits();
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        log.warn("Delivering notifications failed ({}); trying again", e.toString());
        try {
          Thread.sleep(settings.pollInterval());
        } catch (InterruptedException ie) {
          return;
        }
      }
    }
  }

  @Override
  public void stop() {
    Thread t = loop;
    loop = null;
    if (t != null) {
      t.interrupt();
      try {
        t.join(10_000);
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
