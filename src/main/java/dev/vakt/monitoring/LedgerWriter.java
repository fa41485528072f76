package dev.vakt.monitoring;

import dev.vakt.common.Binder;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes results to the database off the checking path: checks hand over updates through a bounded
 * buffer and go on, and one writer stores them in batches. When storage is slow:
 *
 * <ul>
 *   <li>a routine status update that finds the buffer full is dropped and counted ({@code
 *       vakt.monitoring.results.overflow}); the next result of that service stores its status
 *       again;
 *   <li>a hard state change is never dropped or held in memory: the check that produced it stores
 *       it at once, retrying until the database takes it (back-pressure on that one virtual thread,
 *       while other checks continue), so it survives a crash.
 * </ul>
 */
final class LedgerWriter implements CheckScheduler.Listener, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LedgerWriter.class);
  private static final int BATCH = 1000;

  private record Update(
      String serviceId,
      CheckScheduler.Owner owner,
      Instant at,
      CheckResult result,
      ServiceStatus status,
      CheckState hardBefore,
      boolean hardChange,
      Instant nextCheck) {}

  private final JdbcClient jdbc;
  private final JdbcTemplate batchJdbc;
  private final ApplicationEventPublisher events;
  private final java.util.function.Predicate<String> down;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final BlockingQueue<Update> buffer;
  private final Counter overflow;
  private final Counter written;
  private final Thread writer;
  private volatile boolean running = true;

  LedgerWriter(
      JdbcClient jdbc,
      JdbcTemplate batchJdbc,
      TransactionTemplate tx,
      Clock clock,
      int capacity,
      MeterRegistry meters,
      ApplicationEventPublisher events,
      java.util.function.Predicate<String> down) {
    this.down = down;
    this.jdbc = jdbc;
    this.events = events;
    this.batchJdbc = batchJdbc;
    this.tx = tx;
    this.clock = clock;
    this.buffer = new ArrayBlockingQueue<>(capacity);
    this.overflow =
        Counter.builder("vakt.monitoring.results.overflow")
            .description(
                "status updates not stored because the buffer was full (hard changes never are)")
            .register(meters);
    this.written = Counter.builder("vakt.monitoring.results.written").register(meters);
    meters.gauge("vakt.monitoring.results.buffered", buffer, BlockingQueue::size);
    this.writer = Thread.ofPlatform().name("vakt-ledger-writer").daemon().start(this::drain);
  }

  @Override
  public void onResult(
      CheckScheduler.Job job, CheckResult result, StateMachine.Step step, ServiceStatus before) {
    Instant now = clock.instant();
    Update u =
        new Update(
            job.serviceId(),
            job.owner(),
            now,
            result,
            step.status(),
            before.hard(),
            step.hardChange(),
            now.plus(step.next()));
    if (u.hardChange()) {
      try {
        buffer.put(u);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    } else if (!buffer.offer(u)) {
      overflow.increment();
    }
  }

  private void drain() {
    List<Update> batch = new ArrayList<>(BATCH);
    while (running || !buffer.isEmpty()) {
      try {
        Update first = buffer.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        buffer.drainTo(batch, BATCH - 1);
        writeWithRetry(batch);
        written.increment(batch.size());
        batch.clear();
      } catch (InterruptedException e) {
        running = false;
      }
    }
  }

  private void writeWithRetry(List<Update> batch) throws InterruptedException {
    long backoff = 100;
    while (true) {
      try {
        tx.executeWithoutResult(s -> write(batch));
        return;
      } catch (RuntimeException e) {
        log.warn(
            "Storing {} check results failed ({}); retrying in {} ms",
            batch.size(),
            e.getMessage(),
            backoff);
        Thread.sleep(backoff);
        backoff = Math.min(backoff * 2, 10_000);
      }
    }
  }

  private void write(List<Update> batch) {
    Map<String, Update> latest = new LinkedHashMap<>();
    for (Update u : batch) {
      latest.put(u.serviceId(), u);
      if (u.hardChange()) {
        jdbc.sql(
                """
                insert into state_change (service_id, at, from_state, to_state, reason, latency_ms)
                values (:id, :at, :from, :to, :reason, :ms)
                """)
            .param("id", u.serviceId())
            .param("at", Timestamp.from(u.at()))
            .param("from", u.hardBefore() == null ? null : u.hardBefore().code())
            .param("to", u.status().hard().code())
            .param("reason", u.result().reason())
            .param("ms", u.result().latency().toMillis())
            .update();
        publish(u);
      }
    }
    // Raw results in one JDBC batch: at 100,000 services a minute these are most of the writes.
    batchJdbc.batchUpdate(
        "insert into check_result (service_id, at, state, latency_ms) values (?, ?, ?, ?)",
        batch.stream()
            .map(
                u ->
                    new Object[] {
                      u.serviceId(),
                      Timestamp.from(u.at()),
                      u.result().state().code(),
                      u.result().latency().toMillis()
                    })
            .toList());
    for (Update u : latest.values()) {
      ServiceStatus s = u.status();
      jdbc.sql(
              """
              insert into service_status (service_id, hard, hard_since, current, attempt, flapping,
                                          last_check_at, last_reason, last_latency_ms, metrics, next_check_at)
              values (:id, :hard, :since, :current, :attempt, :flapping, :at, :reason, :ms, cast(:metrics as jsonb), :next)
              on conflict (service_id) do update set hard = excluded.hard, hard_since = excluded.hard_since,
                current = excluded.current, attempt = excluded.attempt, flapping = excluded.flapping,
                last_check_at = excluded.last_check_at, last_reason = excluded.last_reason,
                last_latency_ms = excluded.last_latency_ms, metrics = excluded.metrics,
                next_check_at = excluded.next_check_at
              where service_status.last_check_at is null
                 or excluded.last_check_at >= service_status.last_check_at
              """)
          .param("id", u.serviceId())
          .param("hard", s.hard() == null ? null : s.hard().code())
          .param("since", s.hardSince() == null ? null : Timestamp.from(s.hardSince()))
          .param("current", s.current() == null ? null : s.current().code())
          .param("attempt", s.attempt())
          .param("flapping", s.flapping())
          .param("at", Timestamp.from(u.at()))
          .param("reason", u.result().reason())
          .param("ms", u.result().latency().toMillis())
          .param("metrics", Binder.MAPPER.writeValueAsString(u.result().metrics()))
          .param("next", Timestamp.from(u.nextCheck()))
          .update();
    }
  }

  /**
   * Tells other modules of a hard change, inside the transaction that stores it: the event
   * publication registry keeps the event with the change, so neither is ever without the other.
   */
  private void publish(Update u) {
    CheckState to = u.status().hard();
    CheckScheduler.Owner o = u.owner();
    if (to == CheckState.CRITICAL) {
      events.publishEvent(
          new ServiceWentDown(
              u.serviceId(),
              o.server(),
              o.customer(),
              u.at(),
              u.result().reason(),
              u.status().flapping(),
              o.parent(),
              o.parent() != null && down.test(o.parent()),
              o.coverageVersion()));
    } else if ((to == CheckState.OK || to == CheckState.WARNING)
        && (u.hardBefore() == CheckState.CRITICAL || u.hardBefore() == CheckState.UNKNOWN)) {
      events.publishEvent(
          new ServiceCameBack(
              u.serviceId(),
              o.server(),
              o.customer(),
              u.at(),
              u.hardBefore(),
              o.coverageVersion()));
    }
  }

  /** Waits until everything buffered is stored (or the timeout passes), then stops. */
  @Override
  public void close() {
    running = false;
    try {
      writer.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
