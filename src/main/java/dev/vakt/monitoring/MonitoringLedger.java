package dev.vakt.monitoring;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Read access to the monitoring ledger for the modules that compute from it (outages, SLA): the
 * hard state changes of services and the periods the engine was not running.
 */
@Component
public class MonitoringLedger {

  private final JdbcClient jdbc;
  private final Heartbeat heartbeat;

  MonitoringLedger(JdbcClient jdbc, Heartbeat heartbeat) {
    this.jdbc = jdbc;
    this.heartbeat = heartbeat;
  }

  /**
   * The id under which a server's access verification (ACC-1) records its state changes: CRITICAL
   * while the provider's access is lost (ACC-2), other states while it works or cannot be told.
   */
  public static String accessCheck(String server) {
    return HostChecks.accessId(server);
  }

  /**
   * The id under which a host check of a server records its state changes, e.g. {@code
   * pve1:reboot-needed}: WARNING or CRITICAL while the reboot-needed check finds a reboot or
   * restarts needed (MNT-4).
   */
  public static String hostCheck(String server, dev.vakt.contract.MonitoringTerms.HostCheck check) {
    return server + ":" + check.code();
  }

  /**
   * A hard state change.
   *
   * @param state ok, warning, critical or unknown
   */
  public record HardChange(String service, Instant at, CheckState state, String reason) {}

  /**
   * The current hard state of each of {@code services} that has one, and since when.
   *
   * @param since when the state was reached
   */
  public record HardState(CheckState state, Instant since) {}

  /** The current hard states of {@code services}; services never checked are absent. */
  public java.util.Map<String, HardState> current(Collection<String> services) {
    java.util.Map<String, HardState> out = new java.util.HashMap<>();
    if (services.isEmpty()) {
      return out;
    }
    jdbc.sql(
            "select service_id, hard, hard_since from service_status"
                + " where service_id in (:ids) and hard is not null")
        .param("ids", services)
        .query(
            (rs, i) ->
                out.put(
                    rs.getString(1),
                    new HardState(
                        CheckState.valueOf(rs.getString(2).toUpperCase(java.util.Locale.ROOT)),
                        rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant())))
        .list();
    return out;
  }

  /**
   * Those of {@code services} whose failure is being confirmed right now (a failed attempt, not yet
   * hard): alerting waits for such a parent's verdict before telling its children's outage.
   */
  public java.util.Set<String> confirming(Collection<String> services) {
    if (services.isEmpty()) {
      return java.util.Set.of();
    }
    return java.util.Set.copyOf(
        jdbc.sql(
                "select service_id from service_status where service_id in (:ids)"
                    + " and current is not null and current <> 'ok'"
                    + " and (hard is null or hard <> current)")
            .param("ids", services)
            .query(String.class)
            .list());
  }

  /**
   * The hard changes of {@code services} in {@code [from, to)}, and for each service the last one
   * before {@code from}, which gives its state when the period starts. Oldest first.
   */
  public List<HardChange> changes(Collection<String> services, Instant from, Instant to) {
    if (services.isEmpty()) {
      return List.of();
    }
    return jdbc.sql(
            """
            select service_id, at, to_state, reason from (
              select distinct on (service_id) service_id, at, to_state, reason, seq from state_change
              where service_id = any(:services) and at < :from order by service_id, at desc, seq desc
            ) before
            union all
            select service_id, at, to_state, reason from state_change
            where service_id = any(:services) and at >= :from and at < :to
            order by 2, 1
            """)
        .param("services", services.toArray(String[]::new))
        .param("from", Timestamp.from(from))
        .param("to", Timestamp.from(to))
        .query(
            (rs, i) ->
                new HardChange(
                    rs.getString(1),
                    rs.getTimestamp(2).toInstant(),
                    CheckState.valueOf(rs.getString(3).toUpperCase(java.util.Locale.ROOT)),
                    rs.getString(4)))
        .list();
  }

  /** The periods in which monitoring did not operate, overlapping {@code [from, to)} (MON-9). */
  public List<MonitoringGap> gaps(Instant from, Instant to) {
    return heartbeat.gaps(from, to);
  }
}
