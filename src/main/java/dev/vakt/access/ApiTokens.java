package dev.vakt.access;

import dev.vakt.audit.AuditLog;
import dev.vakt.common.ApiErrors;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Scoped API tokens for scripts ({@code Authorization: Bearer vakt_...}). A token is 256 random
 * bits, shown once at creation; only its SHA-256 is stored, which suffices for a value of that
 * entropy (no slow hash needed: nothing to guess). Tokens act as their owner, limited to their
 * scopes, until they expire or are revoked.
 */
@Service
public class ApiTokens {

  static final String PREFIX = "vakt_";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final JdbcClient jdbc;
  private final Accounts accounts;
  private final AuditLog audit;
  private final AccessProperties properties;
  private final Clock clock;

  ApiTokens(
      JdbcClient jdbc,
      Accounts accounts,
      AuditLog audit,
      AccessProperties properties,
      Clock clock) {
    this.jdbc = jdbc;
    this.accounts = accounts;
    this.audit = audit;
    this.properties = properties;
    this.clock = clock;
  }

  /** What a token may do: {@code READ} only safe methods, {@code WRITE} everything its role may. */
  public enum Scope {
    READ,
    WRITE
  }

  /** A token as listed: never its value. */
  public record Token(
      long id,
      String name,
      String owner,
      Set<String> scopes,
      Instant createdAt,
      Instant expiresAt,
      Instant lastUsedAt,
      Instant revokedAt) {}

  /** A new token with its value, shown this once. */
  public record Issued(Token token, String value) {
    @Override
    public String toString() {
      return "Issued[" + token + ", value=(hidden)]";
    }
  }

  /**
   * Issues a token for {@code owner}.
   *
   * @param lifetime how long it lives; null for the configured default
   */
  @Transactional
  public Issued issue(String owner, String name, Scope scope, Duration lifetime, String actor) {
    if (name == null || name.isBlank() || name.length() > 100) {
      throw new ApiErrors.InvalidInput("/name", "1 to 100 characters");
    }
    if (scope == null) {
      throw new ApiErrors.InvalidInput("/scope", "is required: read or write");
    }
    Duration life = lifetime == null ? properties.tokenLifetime() : lifetime;
    if (life.isNegative() || life.isZero() || life.compareTo(properties.maxTokenLifetime()) > 0) {
      throw new ApiErrors.InvalidInput(
          "/expiresInDays", "must be between 1 and " + properties.maxTokenLifetime().toDays());
    }
    Accounts.Account account =
        accounts.find(owner).orElseThrow(() -> new ApiErrors.NotFound("account " + owner));
    byte[] raw = new byte[32];
    RANDOM.nextBytes(raw);
    String value = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    Instant now = clock.instant();
    String scopes = scope == Scope.WRITE ? "read,write" : "read";
    long id =
        jdbc.sql(
                """
                insert into api_token (name, username, hash, scopes, created_at, expires_at)
                values (:name, :owner, :hash, :scopes, :now, :expires) returning id
                """)
            .param("name", name)
            .param("owner", owner)
            .param("hash", hash(value))
            .param("scopes", scopes)
            .param("now", Timestamp.from(now))
            .param("expires", Timestamp.from(now.plus(life)))
            .query(Long.class)
            .single();
    Token token = find(id).orElseThrow();
    audit.record(
        actor, "create", "api-token", Long.toString(id), account.customer(), null, view(token));
    return new Issued(token, value);
  }

  /** The tokens of {@code owner}, newest first. */
  public List<Token> list(String owner) {
    return jdbc.sql(SELECT + " where username = :owner order by id desc")
        .param("owner", owner)
        .query(ApiTokens::row)
        .list();
  }

  /** Revokes a token of {@code owner}; another's token answers 404, as if it did not exist. */
  @Transactional
  public Token revoke(String owner, long id, String actor) {
    Token before =
        find(id)
            .filter(t -> t.owner().equals(owner))
            .orElseThrow(() -> new ApiErrors.NotFound("token " + id));
    if (before.revokedAt() == null) {
      jdbc.sql("update api_token set revoked_at = :now where id = :id")
          .param("now", Timestamp.from(clock.instant()))
          .param("id", id)
          .update();
    }
    Token after = find(id).orElseThrow();
    String customer = accounts.find(owner).map(Accounts.Account::customer).orElse(null);
    audit.record(
        actor, "revoke", "api-token", Long.toString(id), customer, view(before), view(after));
    return after;
  }

  /** The principal a presented token stands for, if it is valid now; records its use. */
  Optional<VaktPrincipal> authenticate(String value) {
    if (value == null || !value.startsWith(PREFIX) || value.length() > 100) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    record Found(long id, String name, String owner, String scopes) {}
    Optional<Found> found =
        jdbc.sql(
                """
                select id, name, username, scopes from api_token
                where hash = :hash and revoked_at is null and expires_at > :now
                """)
            .param("hash", hash(value))
            .param("now", Timestamp.from(now))
            .query(
                (rs, i) ->
                    new Found(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)))
            .optional();
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Optional<Accounts.Account> owner =
        accounts.find(found.get().owner()).filter(a -> !a.disabled());
    if (owner.isEmpty()) {
      return Optional.empty();
    }
    jdbc.sql("update api_token set last_used_at = :now where id = :id")
        .param("now", Timestamp.from(now))
        .param("id", found.get().id())
        .update();
    Accounts.Account a = owner.get();
    return Optional.of(
        new VaktPrincipal(
            a.username(),
            a.role(),
            a.customer(),
            found.get().name(),
            Set.of(found.get().scopes().split(","))));
  }

  private static final String SELECT =
      "select id, name, username, scopes, created_at, expires_at, last_used_at, revoked_at"
          + " from api_token";

  private Optional<Token> find(long id) {
    return jdbc.sql(SELECT + " where id = :id").param("id", id).query(ApiTokens::row).optional();
  }

  private static Token row(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
    return new Token(
        rs.getLong(1),
        rs.getString(2),
        rs.getString(3),
        Set.of(rs.getString(4).split(",")),
        rs.getTimestamp(5).toInstant(),
        rs.getTimestamp(6).toInstant(),
        instant(rs.getTimestamp(7)),
        instant(rs.getTimestamp(8)));
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }

  private static Map<String, Object> view(Token t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", t.name());
    m.put("owner", t.owner());
    m.put("scopes", String.join(",", new java.util.TreeSet<>(t.scopes())));
    m.put("expiresAt", t.expiresAt().toString());
    if (t.revokedAt() != null) {
      m.put("revokedAt", t.revokedAt().toString());
    }
    return m;
  }

  static String hash(String value) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
