package dev.vakt.alerting;

import dev.vakt.audit.AuditLog;
import dev.vakt.common.Binder;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * The providers' on-call set-ups ({@code kind: OnCall} documents): stored by the catalog's import,
 * read by the escalation (ALR-1, ALR-3, ALR-4). One document per provider; importing a new one
 * replaces it, and the audit log keeps the one before.
 */
@Service
public class OnCallService {

  private final JdbcClient jdbc;
  private final AuditLog audit;
  private final Clock clock;

  OnCallService(JdbcClient jdbc, AuditLog audit, Clock clock) {
    this.jdbc = jdbc;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * Stores a provider's on-call document, replacing the one stored.
   *
   * @return false when the stored document is the same: nothing changed
   */
  @Transactional
  public boolean importDocument(OnCallDocument document, String actor) {
    JsonNode body = Binder.MAPPER.valueToTree(document);
    String json = Binder.MAPPER.writeValueAsString(body);
    Optional<String> before =
        jdbc.sql("select body::text from oncall_document where provider = :p for update")
            .param("p", document.provider())
            .query(String.class)
            .optional();
    if (before.isPresent()
        && Boolean.TRUE.equals(
            jdbc.sql("select cast(:a as jsonb) = cast(:b as jsonb)")
                .param("a", before.get())
                .param("b", json)
                .query(Boolean.class)
                .single())) {
      return false;
    }
    jdbc.sql(
            """
            insert into oncall_document (provider, body, updated_at, updated_by)
            values (:p, cast(:body as jsonb), :at, :by)
            on conflict (provider) do update set body = excluded.body,
              updated_at = excluded.updated_at, updated_by = excluded.updated_by
            """)
        .param("p", document.provider())
        .param("body", json)
        .param("at", Timestamp.from(clock.instant()))
        .param("by", actor)
        .update();
    audit.record(
        actor,
        before.isPresent() ? "update" : "create",
        "oncall",
        document.provider(),
        null,
        before.map(Binder.MAPPER::readTree).orElse(null),
        body);
    return true;
  }

  /** The provider's on-call document, if one was imported. */
  @Transactional(readOnly = true)
  public Optional<OnCallDocument> forProvider(String provider) {
    return jdbc.sql("select body::text from oncall_document where provider = :p")
        .param("p", provider)
        .query(String.class)
        .optional()
        .map(OnCallService::bind);
  }

  /** Every stored on-call document, by provider. */
  @Transactional(readOnly = true)
  public List<OnCallDocument> documents() {
    return jdbc
        .sql("select body::text from oncall_document order by provider")
        .query(String.class)
        .list()
        .stream()
        .map(OnCallService::bind)
        .toList();
  }

  private static OnCallDocument bind(String json) {
    return switch (Binder.bind(
        "stored OnCall", Binder.MAPPER.readTree(json), OnCallDocument.class)) {
      case Binder.Result.Ok<OnCallDocument> ok -> ok.value();
      case Binder.Result.Failed<OnCallDocument> f ->
          throw new IllegalStateException("stored on-call document does not read: " + f.problem());
    };
  }
}
