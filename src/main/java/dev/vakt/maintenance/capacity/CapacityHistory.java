package dev.vakt.maintenance.capacity;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Each cluster's N-1 verdicts over time, and the shortage periods derived from them (SLA-9). */
@Repository
class CapacityHistory {

  private final JdbcClient jdbc;

  CapacityHistory(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * A verdict from {@code at} on.
   *
   * @param verdict {@code ok}, {@code local-guests}, {@code shortfall} or {@code unknown} (the API
   *     could not be read)
   * @param customerResponsibility whether the contract then made a shortfall the customer's
   * @param detail the remedies, or why it is unknown
   */
  record Entry(
      String cluster, Instant at, String verdict, boolean customerResponsibility, String detail) {

    /** Whether outages from resource shortage were the customer's responsibility from here. */
    boolean counts() {
      return customerResponsibility && "shortfall".equals(verdict);
    }
  }

  /** Appends {@code e} unless it says what the cluster's latest entry says; true if appended. */
  boolean recordIfChanged(Entry e) {
    Optional<Entry> last = latest(e.cluster());
    if (last.isPresent()
        && last.get().verdict().equals(e.verdict())
        && last.get().customerResponsibility() == e.customerResponsibility()
        && last.get().detail().equals(e.detail())) {
      return false;
    }
    jdbc.sql(
            """
            insert into capacity_verdict (cluster_id, at, verdict, customer_responsibility, detail)
            values (:c, :at, :v, :r, :d)
            """)
        .param("c", e.cluster())
        .param("at", Timestamp.from(e.at()))
        .param("v", e.verdict())
        .param("r", e.customerResponsibility())
        .param("d", e.detail())
        .update();
    return true;
  }

  Optional<Entry> latest(String cluster) {
    return jdbc.sql(
            """
            select cluster_id, at, verdict, customer_responsibility, detail from capacity_verdict
            where cluster_id = :c order by seq desc limit 1
            """)
        .param("c", cluster)
        .query(CapacityHistory::entry)
        .optional();
  }

  /** Oldest first. */
  List<Entry> all(String cluster) {
    return jdbc.sql(
            """
            select cluster_id, at, verdict, customer_responsibility, detail from capacity_verdict
            where cluster_id = :c order by seq
            """)
        .param("c", cluster)
        .query(CapacityHistory::entry)
        .list();
  }

  /** A shortage period recorded in a customer's SLA ledger. */
  record Recorded(String ref, String customer, Instant from, Instant to) {}

  List<Recorded> recorded(String cluster) {
    return jdbc.sql(
            """
            select ref, customer_id, starts_at, ends_at from capacity_shortage
            where cluster_id = :c and not withdrawn order by starts_at
            """)
        .param("c", cluster)
        .query(
            (rs, i) ->
                new Recorded(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getTimestamp(3).toInstant(),
                    rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant()))
        .list();
  }

  void upsert(String cluster, Recorded r) {
    jdbc.sql(
            """
            insert into capacity_shortage (cluster_id, customer_id, ref, starts_at, ends_at)
            values (:c, :cust, :ref, :from, :to)
            on conflict (ref) do update set ends_at = excluded.ends_at, withdrawn = false
            """)
        .param("c", cluster)
        .param("cust", r.customer())
        .param("ref", r.ref())
        .param("from", Timestamp.from(r.from()))
        .param("to", r.to() == null ? null : Timestamp.from(r.to()))
        .update();
  }

  void withdraw(String ref) {
    jdbc.sql("update capacity_shortage set withdrawn = true where ref = :ref")
        .param("ref", ref)
        .update();
  }

  private static Entry entry(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
    return new Entry(
        rs.getString(1),
        rs.getTimestamp(2).toInstant(),
        rs.getString(3),
        rs.getBoolean(4),
        rs.getString(5));
  }
}
