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
 * so several instances share the work and none sends a row another holds), sends them outside any
 * transaction, in parallel across recipients and one after another, oldest first, to one recipient
 * on one channel, and records each outcome: delivered; retryable, with an exponential back-off and
 * jitter, until the attempts or the age run out; permanent, failed at once. When a recipient's
 * message must wait, its younger ones claimed with it are given back unsent: order per recipient.
 *
 * <p>A claim is a lease and names its instance. At start the worker takes over at once the sends of
 * an ended instance of its node ({@link EndedSenders}); a row left in {@code sending} by any other
 * dead worker is claimed again when the lease runs out. After such an attempt with unknown outcome,
 * a channel that can look the message up is asked before sending again; otherwise it is sent again
 * (with the same Message-ID, idempotency key or transaction id) and marked {@code
 * possibly_duplicate} (see docs/alerting.md).
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
  private final SenderInstance self;
  private final EndedSenders endedSenders;
  private final java.util.concurrent.Semaphore nudge = new java.util.concurrent.Semaphore(0);
  private volatile Thread loop;

  DeliveryWorker(
      OutboxStore store,
      EndedSenders endedSenders,
      Channels channels,
      Clock clock,
      AlertingProperties.Worker settings,
      SenderInstance self,
      DoubleSupplier random) {
    this.store = store;
    this.endedSenders = endedSenders;
    this.channels = channels;
    this.clock = clock;
    this.settings = settings;
    this.self = self;
    this.random = random;
  }

  /** A worker of this process on a node of its own (tests). */
  DeliveryWorker(
      OutboxStore store,
      Channels channels,
      Clock clock,
      AlertingProperties.Worker settings,
      DoubleSupplier random) {
    this(
        store,
        null,
        channels,
        clock,
        settings,
        SenderInstance.current("test-" + java.util.UUID.randomUUID()),
        random);
  }

  DeliveryWorker(
      OutboxStore store, Channels channels, Clock clock, AlertingProperties.Worker settings) {
    this(store, channels, clock, settings, () -> ThreadLocalRandom.current().nextDouble());
  }

  /**
   * Takes over at once the sends of an ended instance of this node (they become due now); the
   * number taken over. Run at start, before the first round.
   */
  int takeOverEndedSends(Instant now) {
    if (endedSenders == null) {
      return 0;
    }
    int n = endedSenders.takeOver(self, now, settings.maxAttempts(), now.minus(settings.maxAge()));
    if (n > 0) {
      log.info(
          "Took over {} notification(s) an ended instance of node {} was sending", n, self.node());
    }
    return n;
  }

  /** One round at {@code now}: claims, sends and records; the number of notifications handled. */
  int runOnce(Instant now) {
    List<OutboxStore.Claimed> claimed =
        store.claim(
            now,
            settings.batchSize(),
            now.plus(settings.lease()),
            settings.maxAttempts(),
            now.minus(settings.maxAge()),
            self);
    if (claimed.isEmpty()) {
      return 0;
    }
    // One queue per recipient and channel, oldest first (the claim is sorted by id).
    java.util.Map<String, List<OutboxStore.Claimed>> queues = new java.util.LinkedHashMap<>();
    for (OutboxStore.Claimed c : claimed) {
      queues
          .computeIfAbsent(c.channel().code() + ":" + c.message().to(), k -> new ArrayList<>())
          .add(c);
    }
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> sends = new ArrayList<>();
      for (List<OutboxStore.Claimed> queue : queues.values()) {
        sends.add(pool.submit(() -> deliverInOrder(queue)));
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

  /**
   * Sends one recipient's notifications in order. When one is to be retried later, the younger ones
   * are given back unsent: they wait until it is done (order per recipient). Each outcome is
   * recorded as soon as it is known, before the next message goes (a crash then repeats at most the
   * one message in flight per recipient); the channel may keep its connection open for the queue.
   */
  private void deliverInOrder(List<OutboxStore.Claimed> queue) {
    List<OutboxStore.Claimed> giveBack = List.of();
    OutboxStore.Claimed head = queue.getFirst();
    Channel channel;
    try {
      channel = channels.forRecipient(head.channel(), head.message().to());
    } catch (RuntimeException e) {
      String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
      channel = m -> Delivery.retry(reason);
    }
    try (Channel.Run run = channel.run()) {
      giveBack = sendInOrder(queue, channel, run);
    } finally {
      store.record(List.of(), giveBack);
    }
  }

  /** Sends the queue's notifications until one must wait; those given back unsent. */
  private List<OutboxStore.Claimed> sendInOrder(
      List<OutboxStore.Claimed> queue, Channel channel, Channel.Run run) {
    List<OutboxStore.Claimed> giveBack = List.of();
    for (int i = 0; i < queue.size(); i++) {
      OutboxStore.Outcome o;
      try {
        o = attempt(queue.get(i), channel, run);
      } catch (RuntimeException e) {
        // Left 'sending' (it may have gone out): taken over after the lease or at the next start.
        log.warn("A notification's delivery failed: {}", e.toString());
        giveBack = queue.subList(i + 1, queue.size());
        break;
      }
      store.record(List.of(o), List.of());
      if (o.state().equals("pending")) {
        giveBack = queue.subList(i + 1, queue.size());
        break;
      }
    }
    return giveBack;
  }

  /** Sends one notification (asking first where its last outcome is unknown); what to record. */
  private OutboxStore.Outcome attempt(OutboxStore.Claimed c, Channel channel, Channel.Run run) {
    Delivery outcome;
    boolean possiblyDuplicate = false;
    String note = null;
    try {
      Channel.Lookup lookup = null;
      if (c.unknownOutcome()) {
        if (channel.canLookUp()) {
          lookup = channel.lookUp(c.message());
        } else {
          possiblyDuplicate = true;
        }
      }
      outcome =
          switch (lookup) {
            case null -> run.send(c.message());
            case Channel.Lookup.NotReceived n -> run.send(c.message());
            case Channel.Lookup.Received r -> {
              note = r.detail() + "; not sent again";
              yield Delivery.delivered();
            }
            case Channel.Lookup.Unavailable u ->
                Delivery.retry("an earlier attempt may have arrived, and " + u.reason());
          };
    } catch (RuntimeException e) {
      outcome = Delivery.retry(e.getClass().getSimpleName() + ": " + e.getMessage());
    }
    if (possiblyDuplicate && outcome instanceof Delivery.Delivered) {
      note =
          "possibly-duplicate: sent again after an attempt with an unknown outcome, which the"
              + " channel cannot look up";
    }
    // The outcome is recorded at the clock's time, so a test's fixed clock stays in charge.
    Instant now = clock.instant();
    if (now.isBefore(c.claimedAt())) {
      now = c.claimedAt();
    }
    return switch (outcome) {
      case Delivery.Delivered d ->
          new OutboxStore.Outcome(c, now, "delivered", note, "delivered", null, possiblyDuplicate);
      case Delivery.Permanent p -> {
        log.warn("Notification {} failed: {}", c.id(), p.reason());
        yield new OutboxStore.Outcome(c, now, "permanent", p.reason(), "failed", null, false);
      }
      case Delivery.Retryable r -> {
        boolean exhausted =
            c.attempt() >= settings.maxAttempts()
                || !c.createdAt().plus(settings.maxAge()).isAfter(now);
        if (exhausted) {
          String reason = "gave up after " + c.attempt() + " attempts: " + r.reason();
          log.warn("Notification {} failed: {}", c.id(), reason);
          yield new OutboxStore.Outcome(c, now, "retryable", reason, "failed", null, false);
        }
        yield new OutboxStore.Outcome(
            c, now, "retryable", r.reason(), "pending", now.plus(backoff(c.attempt())), false);
      }
    };
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
    try {
      takeOverEndedSends(clock.instant());
    } catch (RuntimeException e) {
      log.warn("Could not take over the sends of an ended instance: {}", e.toString());
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
        // A full round may have unblocked younger messages to the same recipients: go on.
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
