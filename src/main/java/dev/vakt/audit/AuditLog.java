package dev.vakt.audit;

import dev.vakt.common.CustomerRedaction;
import dev.vakt.common.Paging;
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
  private final AuditScope scope;

  AuditLog(JdbcClient jdbc, Clock clock, AuditScope scope) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.scope = scope;
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

  /**
   * Which entries to list; every part is optional (null): the entity kind and id, who made the
   * change, the customer it belongs to, and the time span [from, to).
   */
  public record Query(
      String entity, String entityId, String actor, String customer, Instant from, Instant to) {

    /** Everything. */
    public static final Query ALL = new Query(null, null, null, null, null, null);

    public Query {
      if (from != null && to != null && !from.isBefore(to)) {
        throw new dev.vakt.common.InvalidField("to", "must be after from");
      }
    }
  }

  /**
   * A page of the entries, newest first, cut by the database; a customer's user sees only entries
   * of its own customer (DPA-4), whatever customer the query names.
   */
  public Paging.Page<Entry> page(Query q, Paging.PageRequest page) {
    // Only the conditions asked for: "(:x is null or ...)" would let PostgreSQL's generic plan
    // ignore the indexes (docs/BENCHMARKS.md, the board).
    StringBuilder where = new StringBuilder(" where true");
    java.util.Map<String, Object> params = new java.util.LinkedHashMap<>();
    String customer = scope.onlyCustomer().orElse(q.customer());
    condition(where, params, "entity = :entity", "entity", q.entity());
    condition(where, params, "entity_id = :id", "id", q.entityId());
    condition(where, params, "actor = :actor", "actor", q.actor());
    condition(where, params, "customer_id = :customer", "customer", customer);
    condition(where, params, "at >= :from", "from", ts(q.from()));
    condition(where, params, "at < :to", "to", ts(q.to()));
    long total =
        jdbc.sql("select count(*) from audit_event" + where)
            .params(params)
            .query(Long.class)
            .single();
    List<Entry> items =
        jdbc.sql(
                """
                select seq, at, actor, action, entity, entity_id, customer_id, before::text,
                       after::text
                from audit_event
                """
                    + where
                    + " order by seq desc limit :limit offset :offset")
            .params(params)
            .param("limit", page.size())
            .param("offset", page.offset())
            .query(this::entry)
            .list();
    if (scope.onlyCustomer().isPresent()) {
      items = items.stream().map(AuditLog::asCustomerSees).toList();
    }
    return new Paging.Page<>(items, total);
  }

  private static void condition(
      StringBuilder where,
      java.util.Map<String, Object> params,
      String sql,
      String name,
      Object v) {
    if (v != null) {
      where.append(" and ").append(sql);
      params.put(name, v);
    }
  }

  private static java.sql.Timestamp ts(Instant i) {
    return i == null ? null : java.sql.Timestamp.from(i);
  }

  /**
   * Every entry in [from, to), oldest first, handed to {@code sink} one by one so an export of any
   * size needs no memory; scoped to the reader's customer like {@link #recent}.
   */
  public void export(Instant from, Instant to, java.util.function.Consumer<Entry> sink) {
    jdbc.sql(
            """
            select seq, at, actor, action, entity, entity_id, customer_id, before::text, after::text
            from audit_event
            where at >= :from and at < :to
              and (cast(:customer as text) is null or customer_id = :customer)
            order by seq
            """)
        .param("from", java.sql.Timestamp.from(from))
        .param("to", java.sql.Timestamp.from(to))
        .param("customer", scope.onlyCustomer().orElse(null))
        .query(
            (java.sql.ResultSet rs) -> {
              Entry e = entry(rs, 0);
              sink.accept(scope.onlyCustomer().isPresent() ? asCustomerSees(e) : e);
            });
  }

  /**
   * An entry as a customer's user may see it: the before and after without the provider's access
   * paths and secret references (F11), by the one rule of {@link CustomerRedaction}.
   */
  public static Entry asCustomerSees(Entry e) {
    return new Entry(
        e.seq(),
        e.at(),
        e.actor(),
        e.action(),
        e.entity(),
        e.entityId(),
        e.customerId(),
        CustomerRedaction.redacted(e.before()),
        CustomerRedaction.redacted(e.after()));
  }

  /**
   * Every entry recorded for {@code customerId}, oldest first, handed to {@code sink} one by one:
   * the customer's own trail for its data export (DPA-5). Callers check first that the reader may
   * see the customer; staff get the one customer's entries, not everyone's.
   */
  public void ofCustomer(String customerId, java.util.function.Consumer<Entry> sink) {
    jdbc.sql(
            """
            select seq, at, actor, action, entity, entity_id, customer_id, before::text, after::text
            from audit_event where customer_id = :customer order by seq
            """)
        .param("customer", customerId)
        .query((java.sql.ResultSet rs) -> sink.accept(entry(rs, 0)));
  }

  private Entry entry(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
    return new Entry(
        rs.getLong(1),
        rs.getTimestamp(2).toInstant(),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        rs.getString(7),
        rs.getString(8) == null ? null : json.readTree(rs.getString(8)),
        rs.getString(9) == null ? null : json.readTree(rs.getString(9)));
  }
}
