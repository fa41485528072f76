package dev.vakt.monitoring;

import dev.vakt.common.ApiErrors;
import dev.vakt.common.Requests;
import dev.vakt.common.ServiceType;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The staff's live status board (issue 7): every service with the state a person should read,
 * filtered by customer, type and free text in SQL, problems first.
 *
 * <p>The board state is filtered and counted here rather than in SQL because "not checked" comes
 * from the running monitoring plan, not from the database; with customer, type and text already cut
 * by the database, this is one pass over at most the provider's services (10,000 in about 20 ms,
 * docs/BENCHMARKS.md).
 */
@Component
class ServiceBoard {

  /**
   * What the board shows for a service, in the board's order: problems first. A service that is not
   * monitored is {@link #UNCHECKED}, never shown as up; one monitored but not yet checked to a hard
   * state is {@link #PENDING}.
   */
  enum BoardState {
    CRITICAL,
    WARNING,
    UNKNOWN,
    PENDING,
    UNCHECKED,
    OK;

    String code() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Set<BoardState> parse(String text) {
      if (text == null || text.isBlank()) {
        return EnumSet.allOf(BoardState.class);
      }
      Set<BoardState> out = EnumSet.noneOf(BoardState.class);
      for (String part : text.split(",")) {
        String p = part.trim().toLowerCase(Locale.ROOT);
        out.add(
            Arrays.stream(values())
                .filter(s -> s.code().equals(p))
                .findFirst()
                .orElseThrow(
                    () ->
                        new ApiErrors.InvalidInput(
                            "state",
                            "'"
                                + part.trim()
                                + "' is not a state: use "
                                + Arrays.stream(values())
                                    .map(BoardState::code)
                                    .collect(Collectors.joining(", ")))));
      }
      return out;
    }
  }

  /** Which services the board shows: each part optional. */
  record Filter(String customer, String type, String q) {
    Filter {
      customer = Requests.optional(customer);
      type = Requests.optional(type);
      q = Requests.optional(q);
      if (type != null) {
        String wanted = type.toLowerCase(Locale.ROOT);
        if (Arrays.stream(ServiceType.values()).noneMatch(t -> t.code().equals(wanted))) {
          throw new ApiErrors.InvalidInput(
              "type",
              "'"
                  + type
                  + "' is not a service type: use "
                  + Arrays.stream(ServiceType.values())
                      .map(ServiceType::code)
                      .collect(Collectors.joining(", ")));
        }
        type = wanted;
      }
    }
  }

  /** A service's place on the board: what the filter, the order and the counts need. */
  record Entry(String id, String customerId, BoardState board) {}

  private final JdbcClient jdbc;
  private final MonitoringService monitoring;

  ServiceBoard(JdbcClient jdbc, MonitoringService monitoring) {
    this.jdbc = jdbc;
    this.monitoring = monitoring;
  }

  /**
   * Every service that matches the filter's customer, type and text, any state, in the board's
   * order: only id, customer and hard state, the details come for one page ({@link #details}).
   */
  List<Entry> entries(Filter filter) {
    // Only the conditions asked for go into the SQL: a generic "(:x is null or ...)" plan, which
    // the driver switches to after a few executions, would read every service's JSON body.
    StringBuilder sql =
        new StringBuilder(
            """
            select s.id, s.customer_id, st.hard
            from service s
              join customer c on c.id = s.customer_id
              left join service_status st on st.service_id = s.id
            where true
            """);
    Map<String, Object> params = new HashMap<>();
    if (filter.customer() != null) {
      sql.append(" and s.customer_id = :customer");
      params.put("customer", filter.customer());
    }
    if (filter.type() != null) {
      sql.append(" and s.body->>'type' = :type");
      params.put("type", filter.type());
    }
    if (filter.q() != null) {
      sql.append(
          " and (s.id ilike :q or s.customer_id ilike :q or c.name ilike :q"
              + " or s.server_id ilike :q)");
      params.put(
          "q",
          "%" + filter.q().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
    }
    return jdbc
        .sql(sql.toString())
        .params(params)
        .query(
            (rs, i) -> {
              String id = rs.getString(1);
              return new Entry(id, rs.getString(2), board(monitoring.checked(id), rs.getString(3)));
            })
        .list()
        .stream()
        .sorted(
            Comparator.comparing(Entry::board)
                .thenComparing(Entry::customerId)
                .thenComparing(Entry::id))
        .toList();
  }

  /** The full rows of some entries (a page), in their order. */
  List<MonitoringController.Status> details(List<Entry> entries) {
    if (entries.isEmpty()) {
      return List.of();
    }
    Map<String, MonitoringController.Status> byId = new HashMap<>();
    jdbc.sql(
            """
            select s.id, s.customer_id, c.name, s.server_id, s.body->>'type',
                   st.hard, st.current, st.hard_since, st.attempt, st.flapping,
                   st.last_check_at, st.last_reason, st.last_latency_ms
            from service s
              join customer c on c.id = s.customer_id
              left join service_status st on st.service_id = s.id
            where s.id = any(:ids)
            """)
        // One array parameter, not one per row of the page (up to 1,000 to parse and plan).
        .param("ids", entries.stream().map(Entry::id).toArray(String[]::new))
        .query(
            rs -> {
              String id = rs.getString(1);
              String cov = monitoring.coverage(id);
              String hard = rs.getString(6);
              byId.put(
                  id,
                  new MonitoringController.Status(
                      id,
                      rs.getString(2),
                      rs.getString(3),
                      rs.getString(4),
                      rs.getString(5),
                      cov == null ? "not checked: monitoring has not started" : cov,
                      hard == null ? "pending" : hard,
                      rs.getString(7),
                      instant(rs.getTimestamp(8)),
                      rs.getInt(9),
                      rs.getBoolean(10),
                      instant(rs.getTimestamp(11)),
                      rs.getString(12),
                      (Long) rs.getObject(13),
                      board(cov != null && cov.startsWith("checked"), hard).code()));
            });
    return entries.stream().map(e -> byId.get(e.id())).filter(Objects::nonNull).toList();
  }

  /** The count per board state, every state present (zero when none), in the board's order. */
  static Map<String, Long> counts(List<Entry> entries) {
    Map<BoardState, Long> by = new EnumMap<>(BoardState.class);
    for (BoardState s : BoardState.values()) {
      by.put(s, 0L);
    }
    entries.forEach(e -> by.merge(e.board(), 1L, Long::sum));
    Map<String, Long> out = new LinkedHashMap<>();
    by.forEach((k, v) -> out.put(k.code(), v));
    return out;
  }

  /** Unmonitored is never up, whatever an old status row says; no hard state yet is pending. */
  static BoardState board(boolean checked, String hard) {
    if (!checked) {
      return BoardState.UNCHECKED;
    }
    if (hard == null) {
      return BoardState.PENDING;
    }
    return switch (hard.toLowerCase(Locale.ROOT)) {
      case "ok" -> BoardState.OK;
      case "warning" -> BoardState.WARNING;
      case "critical" -> BoardState.CRITICAL;
      default -> BoardState.UNKNOWN;
    };
  }

  private static Instant instant(Timestamp ts) {
    return ts == null ? null : ts.toInstant();
  }
}
