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
  private final ServiceBoard board;
  private final Heartbeat heartbeat;
  private final Clock clock;

  MonitoringController(JdbcClient jdbc, ServiceBoard board, Heartbeat heartbeat, Clock clock) {
    this.jdbc = jdbc;
    this.board = board;
    this.heartbeat = heartbeat;
    this.clock = clock;
  }

  /**
   * One service's monitoring status. {@code state} is the hard state ("pending" until the first);
   * {@code board} what the status board shows, where a service that is not checked is "unchecked",
   * never up.
   */
  record Status(
      String serviceId,
      String customerId,
      String customerName,
      String server,
      String type,
      String coverage,
      String state,
      String current,
      Instant since,
      int attempt,
      boolean flapping,
      Instant lastCheckAt,
      String lastReason,
      Long lastLatencyMs,
      String board) {}

  /** How many services of a board filter are in each state, and all of them. */
  record Summary(long total, Map<String, Long> counts) {}

  /** One hard state change from the ledger. */
  record Change(
      long seq,
      String serviceId,
      Instant at,
      String from,
      String to,
      String reason,
      Long latencyMs) {}

  /**
   * The status board: services filtered by customer, type, state (comma-separated) and free text
   * (service, customer or server), problems first, one page at a time ({@link Paging}); the counts
   * per state of the whole filter (any state) ride along in {@value #COUNTS_HEADER}, so the board
   * needs one request, not two.
   */
  @GetMapping("/services")
  ResponseEntity<List<Status>> services(
      @RequestParam(required = false) String customer,
      @RequestParam(required = false) String type,
      @RequestParam(required = false) String state,
      @RequestParam(required = false) String q,
      @RequestParam(required = false) Integer page,
      @RequestParam(required = false) Integer size) {
    Paging.PageRequest request = Paging.PageRequest.of(page, size);
    var states = ServiceBoard.BoardState.parse(state);
    List<ServiceBoard.Entry> all = board.entries(new ServiceBoard.Filter(customer, type, q));
    List<ServiceBoard.Entry> matching =
        all.stream().filter(e -> states.contains(e.board())).toList();
    int from = (int) Math.min(matching.size(), request.offset());
    int to = (int) Math.min(matching.size(), request.offset() + request.size());
    var paged = Paging.page(board.details(matching.subList(from, to)), matching.size(), request);
    return ResponseEntity.ok()
        .headers(paged.getHeaders())
        .header(COUNTS_HEADER, counts(all))
        .body(paged.getBody());
  }

  /**
   * Counts per board state for the same customer, type and text as {@link #services} (any state),
   * so the board can say "3 down, 2 warning, 9,995 up" whatever page or state it shows.
   */
  @GetMapping("/summary")
  Summary summary(
      @RequestParam(required = false) String customer,
      @RequestParam(required = false) String type,
      @RequestParam(required = false) String q) {
    var all = board.entries(new ServiceBoard.Filter(customer, type, q));
    return new Summary(all.size(), ServiceBoard.counts(all));
  }

  /** The summary's counts as a header: {@code critical=3, warning=0, ..., ok=9995}. */
  static final String COUNTS_HEADER = "X-State-Counts";

  private static String counts(List<ServiceBoard.Entry> all) {
    return ServiceBoard.counts(all).entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(java.util.stream.Collectors.joining(", "));
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

  private static Instant instant(String field, String text) {
    return dev.vakt.common.Requests.instant(field, text);
  }
}
