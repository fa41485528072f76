package dev.vakt.contract;

import dev.vakt.common.Paging;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for terms documents. Insert-only: the table's trigger refuses updates and deletes. */
@Repository
class TermsStore {

  private static final String COLUMNS =
      "kind, id, version, effective_from, sha256, source, imported_at, imported_by";

  private final JdbcClient jdbc;

  TermsStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  record Row(StoredDocument meta, String body) {}

  void insert(
      TermsDocument d,
      String providerId,
      String customerId,
      String body,
      String sha256,
      String source,
      Instant at,
      String actor) {
    jdbc.sql(
            """
            insert into terms_document (kind, id, version, effective_from, provider_id, customer_id,
                                        body, sha256, source, imported_at, imported_by)
            values (:kind, :id, :version, :from, :provider, :customer, cast(:body as jsonb), :sha,
                    :source, :at, :actor)
            """)
        .param("kind", d.kind())
        .param("id", d.id())
        .param("version", d.version())
        .param("from", d.effectiveFrom())
        .param("provider", providerId)
        .param("customer", customerId)
        .param("body", body)
        .param("sha", sha256)
        .param("source", source)
        .param("at", Timestamp.from(at))
        .param("actor", actor)
        .update();
  }

  /** Whether the stored version holds the same document (jsonb equality ignores key order). */
  Optional<Boolean> sameAsStored(String kind, String id, int version, String body) {
    return jdbc.sql(
            "select body = cast(:body as jsonb) from terms_document where kind = :kind and id = :id and version = :v")
        .param("body", body)
        .param("kind", kind)
        .param("id", id)
        .param("v", version)
        .query(Boolean.class)
        .optional();
  }

  long count() {
    return jdbc.sql("select count(*) from terms_document").query(Long.class).single();
  }

  List<StoredDocument> list() {
    return jdbc.sql("select " + COLUMNS + " from terms_document order by kind, id, version")
        .query((rs, i) -> meta(rs))
        .list();
  }

  /** One page of {@link #list()}, cut by the database. */
  Paging.Page<StoredDocument> page(Paging.PageRequest page) {
    List<StoredDocument> items =
        jdbc.sql(
                "select "
                    + COLUMNS
                    + " from terms_document order by kind, id, version limit :limit offset :offset")
            .param("limit", page.size())
            .param("offset", page.offset())
            .query((rs, i) -> meta(rs))
            .list();
    return new Paging.Page<>(items, count());
  }

  /** The stored provider versions with their bodies. */
  List<Row> providers() {
    return jdbc.sql(
            "select "
                + COLUMNS
                + ", body::text from terms_document where kind = 'Provider'"
                + " order by id, version")
        .query((rs, i) -> new Row(meta(rs), rs.getString(9)))
        .list();
  }

  List<Row> all() {
    return jdbc.sql(
            "select "
                + COLUMNS
                + ", body::text from terms_document order by "
                + "array_position(array['Provider','Product','Contract','SpecialAgreement'], kind), id, version")
        .query((rs, i) -> new Row(meta(rs), rs.getString(9)))
        .list();
  }

  Optional<String> body(String kind, String id, int version) {
    return jdbc.sql(
            "select body::text from terms_document where kind = :kind and id = :id and version = :v")
        .param("kind", kind)
        .param("id", id)
        .param("v", version)
        .query(String.class)
        .optional();
  }

  private static StoredDocument meta(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new StoredDocument(
        rs.getString(1),
        rs.getString(2),
        rs.getInt(3),
        rs.getDate(4).toLocalDate(),
        rs.getString(5),
        rs.getString(6),
        rs.getTimestamp(7).toInstant(),
        rs.getString(8));
  }
}
