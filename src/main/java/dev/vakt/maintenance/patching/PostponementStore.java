package dev.vakt.maintenance.patching;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for postponements (MNT-6). Rows are never deleted; ending one sets {@code ended_at}. */
@Repository
class PostponementStore {

  private static final String COLUMNS =
      "id, customer_id, contract_id, servers, reason, risk, requested_by, until, ends_at,"
          + " recorded_at, recorded_by, ended_at, ended_by, end_reason";

  private final JdbcClient jdbc;

  PostponementStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Stores {@code p} (its id is ignored) and returns it with its id. */
  Postponement insert(Postponement p) {
    long id =
        jdbc.sql(
                """
                insert into patch_postponement (customer_id, contract_id, servers, reason, risk,
                  requested_by, until, ends_at, recorded_at, recorded_by)
                values (:customer, :contract, :servers, :reason, :risk, :requestedBy, :until,
                  :endsAt, :recordedAt, :recordedBy)
                returning id
                """)
            .param("customer", p.customer())
            .param("contract", p.contract())
            .param("servers", p.servers() == null ? null : p.servers().toArray(String[]::new))
            .param("reason", p.reason())
            .param("risk", p.risk())
            .param("requestedBy", p.requestedBy())
            .param("until", p.until())
            .param("endsAt", Timestamp.from(p.endsAt()))
            .param("recordedAt", Timestamp.from(p.recordedAt()))
            .param("recordedBy", p.recordedBy())
            .query(Long.class)
            .single();
    return get(id).orElseThrow();
  }

  Optional<Postponement> get(long id) {
    return jdbc.sql("select " + COLUMNS + " from patch_postponement where id = :id")
        .param("id", id)
        .query((rs, i) -> postponement(rs))
        .optional();
  }

  /** The customer's postponements, newest first. */
  List<Postponement> forCustomer(String customer) {
    return jdbc.sql(
            "select "
                + COLUMNS
                + " from patch_postponement where customer_id = :customer order by id desc")
        .param("customer", customer)
        .query((rs, i) -> postponement(rs))
        .list();
  }

  /**
   * The postponements of any of {@code customers} that applied at some time in {@code [from, to)}.
   */
  List<Postponement> within(List<String> customers, Instant from, Instant to) {
    return jdbc.sql(
            "select "
                + COLUMNS
                + " from patch_postponement where customer_id = any(:customers)"
                + " and recorded_at < :to and least(ends_at, coalesce(ended_at, ends_at)) > :from"
                + " order by id")
        .param("customers", customers.toArray(String[]::new))
        .param("from", Timestamp.from(from))
        .param("to", Timestamp.from(to))
        .query((rs, i) -> postponement(rs))
        .list();
  }

  /** Ends {@code id} at {@code at}; false when it had already ended. */
  boolean end(long id, Instant at, String by, String reason) {
    return jdbc.sql(
                """
                update patch_postponement set ended_at = :at, ended_by = :by, end_reason = :reason
                where id = :id and ended_at is null and ends_at > :at
                """)
            .param("id", id)
            .param("at", Timestamp.from(at))
            .param("by", by)
            .param("reason", reason)
            .update()
        == 1;
  }

  private static Postponement postponement(ResultSet rs) throws SQLException {
    Array servers = rs.getArray(4);
    return new Postponement(
        rs.getLong(1),
        rs.getString(2),
        rs.getString(3),
        servers == null ? null : Arrays.asList((String[]) servers.getArray()),
        rs.getString(5),
        rs.getString(6),
        rs.getString(7),
        rs.getDate(8).toLocalDate(),
        rs.getTimestamp(9).toInstant(),
        rs.getTimestamp(10).toInstant(),
        rs.getString(11),
        instant(rs.getTimestamp(12)),
        rs.getString(13),
        rs.getString(14));
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
