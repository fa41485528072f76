package dev.vakt.alerting;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code held_outage} table: services that went down and are held for a few seconds before
 * anyone is told, so those failing together are told as one incident. Stored, so a crash during the
 * hold loses no outage.
 */
@Repository
class HeldOutages {

  /** A service held before it is told. */
  record Held(
      String service,
      String customer,
      Instant at,
      boolean flapping,
      Instant heldAt,
      Instant releaseAt) {}

  private final JdbcClient jdbc;

  HeldOutages(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Holds a service; nothing when it is already held (the same event delivered again). */
  void hold(Held h, String groupKey) {
    jdbc.sql(
            """
            insert into held_outage (service_id, customer_id, group_key, at, flapping, held_at, release_at)
            values (:s, :c, :g, :at, :f, :held, :release)
            on conflict do nothing
            """)
        .param("s", h.service())
        .param("c", h.customer())
        .param("g", groupKey)
        .param("at", Timestamp.from(h.at()))
        .param("f", h.flapping())
        .param("held", Timestamp.from(h.heldAt()))
        .param("release", Timestamp.from(h.releaseAt()))
        .update();
  }

  /**
   * Every held service, locked for the caller's transaction; rows another flush holds are skipped.
   */
  List<Held> lockAll() {
    return jdbc.sql(
            "select service_id, customer_id, at, flapping, held_at, release_at from held_outage"
                + " order by at, service_id for update skip locked")
        .query(
            (rs, i) ->
                new Held(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getTimestamp(3).toInstant(),
                    rs.getBoolean(4),
                    rs.getTimestamp(5).toInstant(),
                    rs.getTimestamp(6).toInstant()))
        .list();
  }

  /** Releases a held service; true when it was held. */
  boolean release(String service) {
    return jdbc.sql("delete from held_outage where service_id = :s").param("s", service).update()
        == 1;
  }
}
