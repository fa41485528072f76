package dev.vakt.monitoring;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps raw results for {@code vakt.monitoring.raw-retention} and hourly roll-ups (count, failures,
 * min/avg/p95/max latency) for good. Hours are rolled up once they are complete and before their
 * raw rows can expire; days are partitions, created ahead and dropped when wholly expired.
 */
@Component
class ResultRetention {

  private static final Logger log = LoggerFactory.getLogger(ResultRetention.class);
  private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

  private final JdbcClient jdbc;
  private final Clock clock;
  private final Duration retention;

  ResultRetention(JdbcClient jdbc, Clock clock, MonitoringProperties properties) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.retention = properties.rawRetention();
  }

  @EventListener(ApplicationReadyEvent.class)
  void start() {
    maintain();
  }

  @Scheduled(cron = "0 5 * * * *") // five past every hour: the previous hour is complete
  void maintain() {
    Instant now = clock.instant();
    createPartitions(now);
    rollUp(now);
    expire(now);
  }

  void createPartitions(Instant now) {
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    for (int d = 0; d <= 2; d++) {
      LocalDate day = today.plusDays(d);
      // Through a function running with the schema owner's rights (V19, ADR 0016): the
      // application's role may not create tables itself.
      jdbc.sql("select vakt_create_result_partition(:day)")
          .param("day", java.sql.Date.valueOf(day))
          .query()
          .listOfRows();
    }
  }

  /** Rolls up every complete hour after the last one rolled up (or after the oldest raw row). */
  int rollUp(Instant now) {
    Instant hour = now.truncatedTo(ChronoUnit.HOURS);
    return jdbc.sql(
            """
            insert into check_rollup (service_id, hour, checks, failures, min_ms, avg_ms, p95_ms, max_ms)
            select service_id, date_trunc('hour', at), count(*), count(*) filter (where state <> 'ok'),
                   min(latency_ms), avg(latency_ms),
                   percentile_disc(0.95) within group (order by latency_ms), max(latency_ms)
            from check_result
            where at < :hour
              and at >= coalesce((select max(hour) + interval '1 hour' from check_rollup), '-infinity')
            group by service_id, date_trunc('hour', at)
            on conflict (service_id, hour) do nothing
            """)
        .param("hour", Timestamp.from(hour))
        .update();
  }

  /** Drops day partitions wholly older than the retention, and deletes expired rows elsewhere. */
  void expire(Instant now) {
    Instant cutoff = now.minus(retention);
    LocalDate cutoffDay = LocalDate.ofInstant(cutoff, ZoneOffset.UTC);
    List<String> partitions =
        jdbc.sql(
                """
                select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid
                join pg_class p on p.oid = i.inhparent where p.relname = 'check_result'
                and c.relname ~ '^check_result_[0-9]{8}$'
                """)
            .query(String.class)
            .list();
    for (String p : partitions) {
      LocalDate day = LocalDate.parse(p.substring("check_result_".length()), DAY);
      if (day.plusDays(1).isBefore(cutoffDay) || day.plusDays(1).isEqual(cutoffDay)) {
        jdbc.sql("select vakt_drop_result_partition(:day)")
            .param("day", java.sql.Date.valueOf(day))
            .query()
            .listOfRows();
        log.info("Dropped raw check results of {} (older than {})", day, retention);
      }
    }
    jdbc.sql("delete from check_result where at < :cutoff")
        .param("cutoff", Timestamp.from(cutoff))
        .update();
  }
}
