package dev.vakt.monitoring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every service's check on its own schedule. One dispatcher thread takes due checks from a
 * delay queue; each check runs on a virtual thread, so 100,000 services cost a little memory each,
 * not a thread each. Concurrency is bounded overall and per target host; first runs are spread over
 * the interval by the service id's hash, so a restart causes no thundering herd. Lag (actual minus
 * planned start) is measured for every check.
 */
public final class CheckScheduler implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(CheckScheduler.class);

  /** One service's check and how often it runs. */
  public record Job(
      String serviceId,
      CheckSpec spec,
      String host,
      Duration interval,
      Duration retryInterval,
      int maxAttempts,
      Owner owner) {

    /** A job whose owner is not known (benchmarks, tests of the scheduler alone). */
    public Job(
        String serviceId,
        CheckSpec spec,
        String host,
        Duration interval,
        Duration retryInterval,
        int maxAttempts) {
      this(serviceId, spec, host, interval, retryInterval, maxAttempts, Owner.UNKNOWN);
    }

    public Job {
      owner = owner == null ? Owner.UNKNOWN : owner;
    }

    /** This job with {@code owner}. */
    public Job withOwner(Owner owner) {
      return new Job(serviceId, spec, host, interval, retryInterval, maxAttempts, owner);
    }
  }

  /**
   * Whose a check is, as coverage said when it was planned: carried into the events of its hard
   * changes so that their listeners need not ask back (issue 18).
   *
   * @param server the server it runs on or against
   * @param customer the customer
   * @param parent the service it depends on (its server's ping, or its {@code dependsOn}); null
   * @param coverageVersion the coverage index version the plan was made from
   */
  public record Owner(String server, String customer, String parent, long coverageVersion) {
    static final Owner UNKNOWN = new Owner(null, null, null, 0);
  }

  /** Told of every result, with the state machine's step; called on the check's virtual thread. */
  @FunctionalInterface
  public interface Listener {
    void onResult(Job job, CheckResult result, StateMachine.Step step, ServiceStatus before);
  }

  private final Function<CheckSpec, CheckResult> runner;
  private final StateMachine machine;
  private final Listener listener;
  private final Clock clock;
  private final Semaphore inFlight;
  private final int perHost;
  private final Map<String, Semaphore> hosts = new ConcurrentHashMap<>();
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final DelayQueue<Entry> due = new DelayQueue<>();
  private final ExecutorService checks = Executors.newVirtualThreadPerTaskExecutor();
  private final Timer lag;
  private final Counter failures;
  private final Thread dispatcher;
  private volatile boolean running = true;

  public CheckScheduler(
      Function<CheckSpec, CheckResult> runner,
      StateMachine machine,
      Listener listener,
      int maxConcurrent,
      int perHost,
      Clock clock,
      MeterRegistry meters) {
    this.runner = runner;
    this.machine = machine;
    this.listener = listener;
    this.clock = clock;
    this.inFlight = new Semaphore(maxConcurrent);
    this.perHost = perHost;
    this.lag =
        Timer.builder("vakt.monitoring.lag")
            .description("actual minus planned start of a check")
            .publishPercentiles(0.5, 0.99)
            .register(meters);
    this.failures =
        Counter.builder("vakt.monitoring.probe.errors")
            .description("probes that threw")
            .register(meters);
    meters.gauge("vakt.monitoring.services", entries, Map::size);
    this.dispatcher =
        Thread.ofPlatform().name("vakt-check-dispatcher").daemon().unstarted(this::dispatch);
  }

  public void start() {
    dispatcher.start();
  }

  /** Adds a service, or changes its check while keeping its status and schedule. */
  public void upsert(Job job) {
    entries.compute(
        job.serviceId(),
        (id, existing) -> {
          if (existing != null) {
            existing.job = job;
            return existing;
          }
          Entry e = new Entry(job, ServiceStatus.pending());
          long spread = Math.floorMod(id.hashCode(), Math.max(1, job.interval().toMillis()));
          e.dueNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(spread);
          due.add(e);
          return e;
        });
  }

  /** Restores a status read back from the ledger after a restart. */
  public void restore(String serviceId, ServiceStatus status) {
    restore(serviceId, status, null);
  }

  /**
   * Restores a status read back from the ledger after a restart, and for a service whose failure
   * was being confirmed (soft) its next check time as stored: the confirmation goes on where it
   * was, neither delayed by the start-up spread nor repeated (issue 32). A time already past means
   * at once.
   */
  public void restore(String serviceId, ServiceStatus status, java.time.Instant nextCheck) {
    Entry e = entries.get(serviceId);
    if (e == null) {
      return;
    }
    e.status = status;
    if (nextCheck != null && status.isSoft() && due.remove(e)) {
      long wait = Math.max(0, Duration.between(clock.instant(), nextCheck).toNanos());
      e.dueNanos = System.nanoTime() + wait;
      due.add(e);
    }
  }

  /**
   * Checks a service at once instead of at its planned time: the parent of a service that just
   * failed, so its verdict comes with the children's (issue 32). Does nothing while the service's
   * check is running or when it is already due.
   */
  public void runNow(String serviceId) {
    Entry e = entries.get(serviceId);
    if (e == null || e.getDelay(TimeUnit.NANOSECONDS) <= 0) {
      return;
    }
    if (due.remove(e)) { // false while the check runs: it is re-queued when it ends
      e.dueNanos = System.nanoTime();
      due.add(e);
    }
  }

  public void remove(String serviceId) {
    Entry e = entries.remove(serviceId);
    if (e != null) {
      e.removed = true;
      due.remove(e);
    }
  }

  public java.util.Set<String> serviceIds() {
    return java.util.Set.copyOf(entries.keySet());
  }

  public ServiceStatus status(String serviceId) {
    Entry e = entries.get(serviceId);
    return e == null ? null : e.status;
  }

  private void dispatch() {
    while (running) {
      try {
        Entry e = due.take();
        if (e.removed) {
          continue;
        }
        inFlight.acquire(); // back-pressure: at the limit the dispatcher waits and lag shows it
        checks.submit(() -> run(e));
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException ex) {
        log.error("Check dispatcher: {}", ex.toString());
      }
    }
  }

  private void run(Entry e) {
    long planned = e.dueNanos;
    Semaphore host = hosts.computeIfAbsent(e.job.host(), h -> new Semaphore(perHost));
    try {
      host.acquire();
      try {
        lag.record(Math.max(0, System.nanoTime() - planned), TimeUnit.NANOSECONDS);
        Job job = e.job;
        CheckResult result = safely(job.spec());
        ServiceStatus before = e.status;
        StateMachine.Step step =
            machine.apply(
                before,
                result.state(),
                clock.instant(),
                job.interval(),
                job.retryInterval(),
                job.maxAttempts());
        e.status = step.status();
        listener.onResult(job, result, step, before);
        e.dueNanos = System.nanoTime() + step.next().toNanos();
      } finally {
        host.release();
      }
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      return;
    } catch (RuntimeException ex) {
      log.error("Check of {} failed to complete: {}", e.job.serviceId(), ex.toString());
      e.dueNanos = System.nanoTime() + e.job.interval().toNanos();
    } finally {
      inFlight.release();
    }
    if (!e.removed && running) {
      due.add(e);
    }
  }

  private CheckResult safely(CheckSpec spec) {
    long start = System.nanoTime();
    try {
      return runner.apply(spec);
    } catch (RuntimeException ex) {
      // A probe must not throw; if one does, the verdict is "we do not know", never "up".
      failures.increment();
      return CheckResult.unknown(
          "probe failed: " + ex, Duration.ofNanos(System.nanoTime() - start));
    }
  }

  @Override
  public void close() {
    running = false;
    dispatcher.interrupt();
    checks.shutdownNow();
  }

  /** A service in the schedule. Mutable fields are written by one check at a time. */
  private static final class Entry implements Delayed {
    volatile Job job;
    volatile ServiceStatus status;
    volatile long dueNanos;
    volatile boolean removed;

    Entry(Job job, ServiceStatus status) {
      this.job = job;
      this.status = status;
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
    }

    @Override
    public int compareTo(Delayed o) {
      return Long.compare(dueNanos, ((Entry) o).dueNanos);
    }
  }
}
