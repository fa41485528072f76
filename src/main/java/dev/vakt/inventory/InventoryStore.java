package dev.vakt.inventory;

import dev.vakt.common.Binder;
import dev.vakt.common.Paging;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for the inventory. Each entity is stored as its document JSON plus the key columns that
 * queries and foreign keys need (the customer for tenant scoping, the parent for integrity).
 */
@Repository
class InventoryStore {

  /** How one entity type maps to its table. */
  record Table<T>(
      String name, Class<T> type, Function<T, String> id, Function<T, Map<String, Object>> keys) {}

  static final Table<Customer> CUSTOMERS =
      new Table<>("customer", Customer.class, Customer::id, c -> Map.of("name", c.name()));
  static final Table<Cluster> CLUSTERS =
      new Table<>("cluster", Cluster.class, Cluster::id, c -> Map.of("customer_id", c.customer()));
  static final Table<Server> SERVERS =
      new Table<>(
          "server",
          Server.class,
          Server::id,
          s -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("customer_id", s.customer());
            m.put("cluster_id", s.cluster());
            return m;
          });
  static final Table<Service> SERVICES =
      new Table<>("service", Service.class, Service::id, s -> Map.of("server_id", s.server()));

  private final JdbcClient jdbc;

  InventoryStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  <T> List<T> list(Table<T> table, String customerId) {
    String where = customerId == null ? "" : " where " + customerColumn(table) + " = :customer";
    return jdbc
        .sql("select body::text from " + table.name() + where + " order by id")
        .param("customer", customerId)
        .query(String.class)
        .list()
        .stream()
        .map(json -> read(table, json))
        .toList();
  }

  /** One page of {@code table} by id, cut by the database, with the total count. */
  <T> Paging.Page<T> page(Table<T> table, String customerId, Paging.PageRequest page) {
    String where = customerId == null ? "" : " where " + customerColumn(table) + " = :customer";
    long total =
        jdbc.sql("select count(*) from " + table.name() + where)
            .param("customer", customerId)
            .query(Long.class)
            .single();
    List<T> items =
        jdbc
            .sql(
                "select body::text from "
                    + table.name()
                    + where
                    + " order by id limit :limit offset :offset")
            .param("customer", customerId)
            .param("limit", page.size())
            .param("offset", page.offset())
            .query(String.class)
            .list()
            .stream()
            .map(json -> read(table, json))
            .toList();
    return new Paging.Page<>(items, total);
  }

  <T> Optional<T> get(Table<T> table, String id) {
    return jdbc.sql("select body::text from " + table.name() + " where id = :id")
        .param("id", id)
        .query(String.class)
        .optional()
        .map(json -> read(table, json));
  }

  /** Each provider with its customers' ids. */
  Map<String, List<String>> customersByProvider() {
    Map<String, List<String>> out = new java.util.TreeMap<>();
    jdbc.sql("select provider_id, id from customer order by provider_id, id")
        .query((rs, i) -> Map.entry(rs.getString(1), rs.getString(2)))
        .list()
        .forEach(
            e ->
                out.computeIfAbsent(e.getKey(), k -> new java.util.ArrayList<>())
                    .add(e.getValue()));
    return out;
  }

  /** The customer an entry belongs to, if it exists. */
  Optional<String> customerOf(Table<?> table, String id) {
    return jdbc.sql("select " + customerColumn(table) + " from " + table.name() + " where id = :id")
        .param("id", id)
        .query(String.class)
        .optional();
  }

  Optional<String> providerOf(String customerId) {
    return jdbc.sql("select provider_id from customer where id = :id")
        .param("id", customerId)
        .query(String.class)
        .optional();
  }

  /**
   * Inserts or replaces one entity.
   *
   * @param extra further key columns, e.g. the provider of a customer or the customer of a service
   */
  <T> void upsert(Table<T> table, T value, Map<String, Object> extra, Instant at) {
    Map<String, Object> cols = new LinkedHashMap<>(table.keys().apply(value));
    cols.putAll(extra);
    String names = String.join(", ", cols.keySet());
    String params = String.join(", ", cols.keySet().stream().map(k -> ":" + k).toList());
    String updates =
        String.join(", ", cols.keySet().stream().map(k -> k + " = excluded." + k).toList());
    var spec =
        jdbc.sql(
                "insert into "
                    + table.name()
                    + " (id, "
                    + names
                    + ", body, updated_at) values (:id, "
                    + params
                    + ", cast(:body as jsonb), :at) on conflict (id) do update set "
                    + updates
                    + ", body = excluded.body, updated_at = excluded.updated_at")
            .param("id", table.id().apply(value))
            .param("body", Binder.MAPPER.writeValueAsString(value))
            .param("at", Timestamp.from(at));
    for (Map.Entry<String, Object> e : cols.entrySet()) {
      spec = spec.param(e.getKey(), e.getValue());
    }
    spec.update();
  }

  <T> boolean delete(Table<T> table, String id) {
    return jdbc.sql("delete from " + table.name() + " where id = :id").param("id", id).update() > 0;
  }

  /** Ids of rows in {@code table} whose {@code column} is {@code value}: what blocks a delete. */
  List<String> idsWhere(String table, String column, String value) {
    return jdbc.sql("select id from " + table + " where " + column + " = :v order by id")
        .param("v", value)
        .query(String.class)
        .list();
  }

  private static String customerColumn(Table<?> table) {
    return table.name().equals("customer") ? "id" : "customer_id";
  }

  private static <T> T read(Table<T> table, String json) {
    return Binder.MAPPER.readValue(json, table.type());
  }
}
