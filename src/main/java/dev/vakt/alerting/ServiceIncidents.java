package dev.vakt.alerting;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code service_incident} table: which incident each service that is down belongs to. */
@Repository
class ServiceIncidents {

  /** A service's membership of an incident. */
  record Open(
      String incident,
      String service,
      String customer,
      boolean owner,
      boolean notified,
      Instant openedAt) {}

  private final JdbcClient jdbc;

  ServiceIncidents(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<Open> open(String service) {
    return jdbc.sql(
            "select incident, service_id, customer_id, owner, notified, opened_at from service_incident"
                + " where service_id = :s and closed_at is null")
        .param("s", service)
        .query(
            (rs, i) ->
                new Open(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getBoolean(4),
                    rs.getBoolean(5),
                    rs.getTimestamp(6).toInstant()))
        .optional();
  }

  /** Opens a membership; false when the service already has an open one (a repeated event). */
  boolean add(Open o) {
    return jdbc.sql(
                """
                insert into service_incident
                  (incident, service_id, customer_id, owner, notified, opened_at)
                values (:i, :s, :c, :owner, :notified, :at)
                on conflict do nothing
                """)
            .param("i", o.incident())
            .param("s", o.service())
            .param("c", o.customer())
            .param("owner", o.owner())
            .param("notified", o.notified())
            .param("at", Timestamp.from(o.openedAt()))
            .update()
        == 1;
  }

  void close(Open o, Instant at) {
    jdbc.sql(
            "update service_incident set closed_at = :at"
                + " where incident = :i and service_id = :s and closed_at is null")
        .param("at", Timestamp.from(at))
        .param("i", o.incident())
        .param("s", o.service())
        .update();
  }
}
