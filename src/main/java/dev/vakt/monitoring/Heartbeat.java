package dev.vakt.monitoring;

import java.net.InetAddress;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Monitoring watches itself (MON-9). A heartbeat row is renewed every few seconds; when Vakt starts
 * after being down, or the heartbeat finds it was itself delayed (a stall, a suspended machine, a
 * long pause), the silent period is stored as a monitoring gap. Gaps are written once and never
 * changed.
 */
@Component
public class Heartbeat {

  private static final Logger log = LoggerFactory.getLogger(Heartbeat.class);

  private final JdbcClient jdbc;
  private final Clock clock;
  private final MonitoringProperties properties;
  private final String node;
  private volatile Instant lastBeat;

  Heartbeat(JdbcClient jdbc, Clock clock, MonitoringProperties properties) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.properties = properties;
    this.node = nodeName();
  }

  /**
   * Renews the heartbeat. The first beat of a process looks at the last beat stored by the previous
   * one (Vakt was not running in between); later beats look at their own previous beat (a stall).
   * The scheduler runs the first beat as soon as the application starts.
   */
  @Scheduled(fixedDelayString = "${vakt.monitoring.heartbeat:10s}")
  synchronized void beat() {
    Instant now = clock.instant();
    boolean first = lastBeat == null;
    Instant last = first ? previousBeat().orElse(null) : lastBeat;
    if (last != null && Duration.between(last, now).compareTo(properties.gapAfter()) > 0) {
      record(last, now, first ? "Vakt was not running" : "monitoring stalled");
    }
    write(now);
  }

  /** Beats as a freshly started process would: for tests of the start-up case. */
  synchronized void start() {
    lastBeat = null;
    beat();
  }

  /** Gaps that overlap {@code [from, to)}, oldest first. */
  public List<MonitoringGap> gaps(Instant from, Instant to) {
    return jdbc.sql(
            "select from_at, to_at, reason from monitoring_gap where to_at > :from and from_at < :to order by from_at")
        .param("from", Timestamp.from(from))
        .param("to", Timestamp.from(to))
        .query(
            (rs, i) ->
                new MonitoringGap(
                    rs.getTimestamp(1).toInstant(),
                    rs.getTimestamp(2).toInstant(),
                    rs.getString(3)))
        .list();
  }

  private Optional<Instant> previousBeat() {
    return jdbc.sql("select at from monitor_heartbeat where id = 1")
        .query(Timestamp.class)
        .optional()
        .map(Timestamp::toInstant);
  }

  private void write(Instant now) {
    jdbc.sql(
            """
            insert into monitor_heartbeat (id, at, node) values (1, :at, :node)
            on conflict (id) do update set at = excluded.at, node = excluded.node
            """)
        .param("at", Timestamp.from(now))
        .param("node", node)
        .update();
    lastBeat = now;
  }

  private void record(Instant from, Instant to, String reason) {
    log.warn(
        "Monitoring gap from {} to {} ({}): recorded as unmonitored for every service",
        from,
        to,
        reason);
    jdbc.sql(
            "insert into monitoring_gap (from_at, to_at, reason, detected_at) values (:from, :to, :reason, :now)")
        .param("from", Timestamp.from(from))
        .param("to", Timestamp.from(to))
        .param("reason", reason)
        .param("now", Timestamp.from(clock.instant()))
        .update();
  }

  private static String nodeName() {
    try {
      return InetAddress.getLocalHost().getHostName() + "/" + ProcessHandle.current().pid();
    } catch (java.net.UnknownHostException e) {
      return "pid " + ProcessHandle.current().pid();
    }
  }
}
