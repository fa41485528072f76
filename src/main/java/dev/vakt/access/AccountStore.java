package dev.vakt.access;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code account} table. Secrets stay as stored: hashes and sealed seeds. */
@Repository
class AccountStore {

  /** One row. {@code totpSeed} and {@code totpPending} are sealed (see {@code Secrets.seal}). */
  record Row(
      String username,
      String passwordHash,
      Role role,
      String customer,
      byte[] totpSeed,
      byte[] totpPending,
      long totpLastStep,
      int failedAttempts,
      Instant lockedUntil,
      boolean disabled,
      Instant createdAt) {

    /** The same row with the last accepted TOTP step moved on (a code is accepted once). */
    Row withTotpLastStep(long step) {
      return new Row(
          username,
          passwordHash,
          role,
          customer,
          totpSeed,
          totpPending,
          step,
          failedAttempts,
          lockedUntil,
          disabled,
          createdAt);
    }
  }

  private static final String COLUMNS =
      "username, password_hash, role, customer_id, totp_seed, totp_pending, totp_last_step,"
          + " failed_attempts, locked_until, disabled, created_at";

  private final JdbcClient jdbc;

  AccountStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<Row> find(String username) {
    return jdbc.sql("select " + COLUMNS + " from account where username = :u")
        .param("u", username)
        .query(AccountStore::row)
        .optional();
  }

  /** The row, locked for the rest of the transaction, so concurrent logins count every failure. */
  Optional<Row> findForUpdate(String username) {
    return jdbc.sql("select " + COLUMNS + " from account where username = :u for update")
        .param("u", username)
        .query(AccountStore::row)
        .optional();
  }

  List<Row> all(String customer) {
    return jdbc.sql(
            "select "
                + COLUMNS
                + " from account where (cast(:c as text) is null or customer_id = :c)"
                + " order by username")
        .param("c", customer)
        .query(AccountStore::row)
        .list();
  }

  void insert(Row r) {
    JdbcClient.StatementSpec insert =
        jdbc.sql(
                "insert into account ("
                    + COLUMNS
                    + ") values (:u, :h, :role, :c, :seed, :pending, :last, :failed, :locked,"
                    + " :disabled, :created)")
            .param("role", r.role().name())
            .param("c", r.customer())
            .param("created", ts(r.createdAt()));
    state(insert, r).update();
  }

  void update(Row r) {
    JdbcClient.StatementSpec update =
        jdbc.sql(
            """
            update account set password_hash = :h, totp_seed = :seed, totp_pending = :pending,
              totp_last_step = :last, failed_attempts = :failed, locked_until = :locked,
              disabled = :disabled
            where username = :u
            """);
    state(update, r).update();
  }

  /** Records who disabled the account ({@code staff}, {@code customer}), or null when enabled. */
  void disabledBy(String username, String by) {
    jdbc.sql("update account set disabled_by = :by where username = :u")
        .param("by", by)
        .param("u", username)
        .update();
  }

  Optional<String> disabledBy(String username) {
    return jdbc.sql("select disabled_by from account where username = :u")
        .param("u", username)
        .query((rs, i) -> Optional.ofNullable(rs.getString(1)))
        .optional()
        .flatMap(o -> o);
  }

  /** The values an insert and an update both write: the state a sign-in or an admin changes. */
  private static JdbcClient.StatementSpec state(JdbcClient.StatementSpec q, Row r) {
    return q.param("u", r.username())
        .param("h", r.passwordHash())
        .param("seed", r.totpSeed())
        .param("pending", r.totpPending())
        .param("last", r.totpLastStep())
        .param("failed", r.failedAttempts())
        .param("locked", ts(r.lockedUntil()))
        .param("disabled", r.disabled());
  }

  private static Timestamp ts(Instant i) {
    return i == null ? null : Timestamp.from(i);
  }

  private static Row row(ResultSet rs, int i) throws SQLException {
    Timestamp locked = rs.getTimestamp(9);
    return new Row(
        rs.getString(1),
        rs.getString(2),
        Role.valueOf(rs.getString(3)),
        rs.getString(4),
        rs.getBytes(5),
        rs.getBytes(6),
        rs.getLong(7),
        rs.getInt(8),
        locked == null ? null : locked.toInstant(),
        rs.getBoolean(10),
        rs.getTimestamp(11).toInstant());
  }
}
