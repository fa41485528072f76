package dev.vakt.monitoring;

import dev.vakt.common.Paging;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Current state, last check, reason and latency per service; the ledger of hard changes; the gaps.
 */
@RestController
@RequestMapping("/api/monitoring")
class MonitoringController {

  private final JdbcClient jdbc;
  private final MonitoringService monitoring;
  private final Heartbeat heartbeat;
  private final Clock clock;

  MonitoringController(
      JdbcClient jdbc, MonitoringService monitoring, Heartbeat heartbeat, Clock clock) {
    this.jdbc = jdbc;
    this.monitoring = monitoring;
    this.heartbeat = heartbeat;
    this.clock = clock;
  }

  /** One service's monitoring status. */
  record Status(
      String serviceId,
      String customerId,
      String coverage,
      String state,
      String current,
      Instant since,
      int attempt,
      boolean flapping,
      Instant lastCheckAt,
      String lastReason,
      Long lastLatencyMs) {}

  /** One hard state change from the ledger. */
  record Change(
      long seq,
      String serviceId,
      Instant at,
      String from,
      String to,
      String reason,
      Long latencyMs) {}

  @GetMapping("/services")
  List<Status> services(@RequestParam(required = false) String customer) {
    Map<String, String> coverage = monitoring.coverage();
    return jdbc.sql(
            """
            select s.id, s.customer_id, st.hard, st.current, st.hard_since, st.attempt, st.flapping,
                   st.last_check_at, st.last_reason, st.last_latency_ms
            from service s left join service_status st on st.service_id = s.id
            where cast(:customer as text) is null or s.customer_id = :customer
            order by s.customer_id, s.id
            """)
        .param("customer", customer)
        .query(
            (rs, i) ->
                new Status(
                    rs.getString(1),
                    rs.getString(2),
                    coverage.getOrDefault(
                        rs.getString(1), "not checked: monitoring has not started"),
                    rs.getString(3) == null ? "pending" : rs.getString(3),
                    rs.getString(4),
                    instant(rs.getTimestamp(5)),
                    rs.getInt(6),
                    rs.getBoolean(7),
                    instant(rs.getTimestamp(8)),
                    rs.getString(9),
                    (Long) rs.getObject(10)))
        .list();
  }

  /** The hard state changes in [from, to) (default: the last 7 days), oldest first, paged. */
  @GetMapping("/changes")
  ResponseEntity<List<Change>> changes(
      @RequestParam(required = false) String service,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) Integer page,
      @RequestParam(required = false) Integer size) {
    Paging.PageRequest p = Paging.PageRequest.of(page, size);
    Instant t = to == null ? clock.instant() : instant("to", to);
    Instant f = from == null ? t.minus(Duration.ofDays(7)) : instant("from", from);
    String where =
        " where (cast(:service as text) is null or service_id = :service)"
            + " and at >= :from and at < :to";
    long total =
        jdbc.sql("select count(*) from state_change" + where)
            .param("service", service)
            .param("from", Timestamp.from(f))
            .param("to", Timestamp.from(t))
            .query(Long.class)
            .single();
    List<Change> items =
        jdbc.sql(
                "select seq, service_id, at, from_state, to_state, reason, latency_ms"
                    + " from state_change"
                    + where
                    + " order by seq limit :limit offset :offset")
            .param("service", service)
            .param("from", Timestamp.from(f))
            .param("to", Timestamp.from(t))
            .param("limit", p.size())
            .param("offset", p.offset())
            .query(
                (rs, i) ->
                    new Change(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getTimestamp(3).toInstant(),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        (Long) rs.getObject(7)))
            .list();
    return Paging.page(items, total, p);
  }

  @GetMapping("/gaps")
  ResponseEntity<List<MonitoringGap>> gaps(
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) Integer page,
      @RequestParam(required = false) Integer size) {
    Instant t = to == null ? clock.instant() : instant("to", to);
    Instant f = from == null ? t.minus(Duration.ofDays(90)) : instant("from", from);
    return Paging.page(heartbeat.gaps(f, t), Paging.PageRequest.of(page, size));
  }

  private static Instant instant(Timestamp ts) {
    return ts == null ? null : ts.toInstant();
  }

  private static Instant instant(String field, String text) {
    return dev.vakt.common.Requests.instant(field, text);
  }
}
