package dev.vakt.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The append-only record of every change (DPA-3): who, when, what, before and after. Callers write
 * to it inside their own transaction, so a change and its audit record are stored together or not
 * at all.
 */
@Service
public class AuditLog {

  private final JdbcClient jdbc;
  private final Clock clock;
  private final JsonMapper json;

  AuditLog(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.json = dev.vakt.common.Binder.MAPPER;
  }

  /** One audited change. */
  public record Entry(
      long seq,
      Instant at,
      String actor,
      String action,
      String entity,
      String entityId,
      String customerId,
      JsonNode before,
      JsonNode after) {}

  /**
   * Records a change; {@code before} is null for a creation, {@code after} null for a deletion.
   *
   * @param customerId the customer the entity belongs to, so customers can see their own trail
   */
  public void record(
      String actor,
      String action,
      String entity,
      String entityId,
      String customerId,
      Object before,
      Object after) {
    jdbc.sql(
            """
            insert into audit_event (at, actor, action, entity, entity_id, customer_id, before, after)
            values (:at, :actor, :action, :entity, :id, :customer, cast(:before as jsonb), cast(:after as jsonb))
            """)
        .param("at", java.sql.Timestamp.from(clock.instant()))
        .param("actor", actor)
        .param("action", action)
        .param("entity", entity)
        .param("id", entityId)
        .param("customer", customerId)
        .param("before", before == null ? null : json.writeValueAsString(before))
        .param("after", after == null ? null : json.writeValueAsString(after))
        .update();
  }

  /** The newest entries first, optionally for one entity. */
  public List<Entry> recent(String entity, String entityId, int limit) {
    return jdbc.sql(
            """
            select seq, at, actor, action, entity, entity_id, customer_id, before::text, after::text
            from audit_event
            where (cast(:entity as text) is null or entity = :entity)
              and (cast(:id as text) is null or entity_id = :id)
            order by seq desc limit :limit
            """)
        .param("entity", entity)
        .param("id", entityId)
        .param("limit", limit)
        .query(
            (rs, i) ->
                new Entry(
                    rs.getLong(1),
                    rs.getTimestamp(2).toInstant(),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6),
                    rs.getString(7),
                    rs.getString(8) == null ? null : json.readTree(rs.getString(8)),
                    rs.getString(9) == null ? null : json.readTree(rs.getString(9))))
        .list();
  }
}
