package dev.vakt.alerting;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
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
    return add(o, null);
  }

  /** Opens a membership of a group's incident (the server, or the failing parent's server). */
  boolean add(Open o, String groupKey) {
    return jdbc.sql(
                """
                insert into service_incident
                  (incident, service_id, customer_id, owner, notified, opened_at, group_key)
                values (:i, :s, :c, :owner, :notified, :at, :g)
                on conflict do nothing
                """)
            .param("g", groupKey)
            .param("i", o.incident())
            .param("s", o.service())
            .param("c", o.customer())
            .param("owner", o.owner())
            .param("notified", o.notified())
            .param("at", Timestamp.from(o.openedAt()))
            .update()
        == 1;
  }

  /** The open incident of a group of one customer, if any: later failures join it. */
  Optional<String> openIncidentOf(String groupKey, String customer) {
    return jdbc.sql(
            "select incident from service_incident where group_key = :g and customer_id = :c"
                + " and closed_at is null order by opened_at limit 1")
        .param("g", groupKey)
        .param("c", customer)
        .query(String.class)
        .optional();
  }

  /** Whether any member of the incident was announced to the customer. */
  boolean notified(String incident) {
    return jdbc.sql("select bool_or(notified) from service_incident where incident = :i")
        .param("i", incident)
        .query(Boolean.class)
        .optional()
        .map(Boolean.TRUE::equals)
        .orElse(false);
  }

  /**
   * Locks the incident's rows for the caller's transaction, so two of its services coming back at
   * once cannot both miss (or both take) being the last one.
   */
  void lock(String incident) {
    // One advisory lock per incident, not row locks: rows locked in varying order deadlock.
    jdbc.sql("select pg_advisory_xact_lock(hashtext('service_incident'), hashtext(:i))")
        .param("i", incident)
        .query((rs, i) -> 1)
        .list();
  }

  /** Those of {@code services} that belong to an open incident. */
  java.util.Set<String> inOpenIncident(java.util.Collection<String> services) {
    if (services.isEmpty()) {
      return java.util.Set.of();
    }
    return java.util.Set.copyOf(
        jdbc.sql(
                "select service_id from service_incident where service_id in (:s)"
                    + " and closed_at is null")
            .param("s", services)
            .query(String.class)
            .list());
  }

  /** The services of an incident that are still down. */
  int stillOpen(String incident) {
    return jdbc.sql(
            "select count(*) from service_incident where incident = :i and closed_at is null")
        .param("i", incident)
        .query(Integer.class)
        .single();
  }

  /** Every service the incident ever held, first failure first, and when the incident began. */
  record Members(List<String> services, Instant openedAt) {}

  Members members(String incident) {
    List<String> services =
        jdbc.sql(
                "select service_id from service_incident where incident = :i"
                    + " group by service_id order by min(opened_at), service_id")
            .param("i", incident)
            .query(String.class)
            .list();
    Instant opened =
        jdbc.sql("select min(opened_at) from service_incident where incident = :i")
            .param("i", incident)
            .query(Timestamp.class)
            .single()
            .toInstant();
    return new Members(services, opened);
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
