package dev.vakt.maintenance.planning;

import dev.vakt.common.Binder;
import dev.vakt.contract.MaintenanceTerms;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;

/** The {@code planned_maintenance} table. */
@Repository
class PlannedMaintenanceStore {

  private static final TypeReference<Map<String, List<String>>> SERVICES = new TypeReference<>() {};
  private static final TypeReference<List<ContractCheck>> CHECKS = new TypeReference<>() {};
  private static final String COLUMNS =
      """
      id, title, description, purpose, starts_at, ends_at, reference, assignee, services::text,
      checks::text, override_reason, state, cancel_reason, created_at, created_by, changed_at
      """;

  private final JdbcClient jdbc;

  PlannedMaintenanceStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(PlannedMaintenance m) {
    jdbc.sql(
            """
            insert into planned_maintenance (id, title, description, purpose, starts_at, ends_at,
              reference, assignee, services, checks, override_reason, state, cancel_reason,
              created_at, created_by, changed_at)
            values (:id, :title, :description, :purpose, :from, :to, :reference, :assignee,
              cast(:services as jsonb), cast(:checks as jsonb), :override, :state, :cancel,
              :createdAt, :createdBy, :changedAt)
            """)
        .param("id", m.id())
        .param("title", m.title())
        .param("description", m.description())
        .param("purpose", m.purpose() == null ? null : m.purpose().code())
        .param("from", Timestamp.from(m.from()))
        .param("to", Timestamp.from(m.to()))
        .param("reference", m.reference())
        .param("assignee", m.assignee())
        .param("services", Binder.MAPPER.writeValueAsString(m.services()))
        .param("checks", Binder.MAPPER.writeValueAsString(m.checks()))
        .param("override", m.overrideReason())
        .param("state", m.state().code())
        .param("cancel", m.cancelReason())
        .param("createdAt", Timestamp.from(m.createdAt()))
        .param("createdBy", m.createdBy())
        .param("changedAt", Timestamp.from(m.changedAt()))
        .update();
  }

  /** Stores a cancellation; false when the row was no longer planned (cancelled concurrently). */
  boolean cancel(PlannedMaintenance m) {
    return jdbc.sql(
                """
                update planned_maintenance set state = 'cancelled', cancel_reason = :reason,
                  changed_at = :at where id = :id and state = 'planned'
                """)
            .param("reason", m.cancelReason())
            .param("at", Timestamp.from(m.changedAt()))
            .param("id", m.id())
            .update()
        == 1;
  }

  Optional<PlannedMaintenance> find(String id) {
    return jdbc.sql("select " + COLUMNS + " from planned_maintenance where id = :id")
        .param("id", id)
        .query(PlannedMaintenanceStore::row)
        .optional();
  }

  /**
   * Maintenance that ends after {@code from} and starts before {@code to}, by start, optionally
   * only one customer's or one technician's.
   */
  List<PlannedMaintenance> overlapping(Instant from, Instant to, String customer, String assignee) {
    return jdbc.sql(
            "select "
                + COLUMNS
                + """
                from planned_maintenance
                where ends_at > :from and starts_at < :to
                  and (cast(:customer as text) is null or jsonb_exists(services, :customer))
                  and (cast(:assignee as text) is null or assignee = :assignee)
                order by starts_at, id
                """)
        .param("from", Timestamp.from(from))
        .param("to", Timestamp.from(to))
        .param("customer", customer)
        .param("assignee", assignee)
        .query(PlannedMaintenanceStore::row)
        .list();
  }

  private static PlannedMaintenance row(ResultSet rs, int i) throws SQLException {
    String purpose = rs.getString("purpose");
    return new PlannedMaintenance(
        rs.getString("id"),
        rs.getString("title"),
        rs.getString("description"),
        purpose == null
            ? null
            : Arrays.stream(MaintenanceTerms.Purpose.values())
                .filter(p -> p.code().equals(purpose))
                .findFirst()
                .orElseThrow(),
        rs.getTimestamp("starts_at").toInstant(),
        rs.getTimestamp("ends_at").toInstant(),
        rs.getString("reference"),
        rs.getString("assignee"),
        Binder.MAPPER.readValue(rs.getString("services"), SERVICES),
        Binder.MAPPER.readValue(rs.getString("checks"), CHECKS),
        rs.getString("override_reason"),
        PlannedMaintenance.State.valueOf(rs.getString("state").toUpperCase(java.util.Locale.ROOT)),
        rs.getString("cancel_reason"),
        rs.getTimestamp("created_at").toInstant(),
        rs.getString("created_by"),
        rs.getTimestamp("changed_at").toInstant());
  }
}
