package dev.vakt.monitoring.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vakt.common.InvalidField;
import dev.vakt.common.SecretRef;
import dev.vakt.monitoring.CheckResult;
import dev.vakt.monitoring.CheckSpec;
import dev.vakt.monitoring.CheckSpec.Sql.Engine;
import dev.vakt.monitoring.CheckState;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * MON-6: database logins and queries. PostgreSQL runs for real (zonky embedded PostgreSQL, its own
 * temporary data directory, passwords required for every user but the bootstrap superuser).
 * MySQL/MariaDB is covered here only for the refused and silent paths, since no MariaDB server runs
 * inside the JVM; the integration stage in {@code .ci/run} checks a real mariadb-server.
 */
class SqlProbeTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final SecretRef PASSWORD = SecretRef.parse("env:DB_PASSWORD");
  private static final SecretRef OLD_PASSWORD = SecretRef.parse("env:OLD_DB_PASSWORD");
  private static final SecretRef UNSET = SecretRef.parse("env:UNSET_DB_PASSWORD");

  private static EmbeddedPostgres postgres;
  private static SqlProbe probe;

  @BeforeAll
  static void start() throws Exception {
    postgres =
        EmbeddedPostgres.builder()
            .setServerConfig("listen_addresses", "127.0.0.1")
            // Only the bootstrap superuser may log in without a password (zonky needs it to see
            // that the server is up); everyone else authenticates, so a wrong password fails.
            .setDataDirectoryCustomizer(
                data -> {
                  try {
                    Files.writeString(
                        Path.of(data.getPath(), "pg_hba.conf"),
                        """
                        local all all trust
                        host all postgres 127.0.0.1/32 trust
                        host all all 127.0.0.1/32 scram-sha-256
                        """);
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                })
            .start();
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement sql = connection.createStatement()) {
      sql.execute("create user vakt with password 'first-password'");
      sql.execute("alter user vakt with password 'right-password'");
      sql.execute("create database appdb owner vakt");
    }
    // A table the check's own user may change, so only the read-only transaction stops it (F2).
    try (Connection connection = postgres.getDatabase("postgres", "appdb").getConnection();
        Statement sql = connection.createStatement()) {
      sql.execute("create table account (name text, role text)");
      sql.execute("insert into account values ('tech', 'TECHNICIAN')");
      sql.execute("alter table account owner to vakt");
    }
    Map<SecretRef, String> secrets =
        Map.of(PASSWORD, "right-password", OLD_PASSWORD, "first-password");
    probe = new SqlProbe(secrets::get);
  }

  @AfterAll
  static void stop() throws IOException {
    postgres.close();
  }

  private static CheckSpec.Sql postgres(String database, SecretRef password, String query) {
    return new CheckSpec.Sql(
        Engine.POSTGRESQL,
        "127.0.0.1",
        postgres.getPort(),
        database,
        "vakt",
        password,
        query,
        TIMEOUT);
  }

  @Test
  @DisplayName("MON-6: a PostgreSQL login is OK, naming the server version")
  void login() {
    CheckResult result = probe.check(postgres("appdb", PASSWORD, null));
    assertThat(result.state()).as(result.reason()).isEqualTo(CheckState.OK);
    assertThat(result.reason())
        .startsWith("PostgreSQL 17")
        .contains("accepted the login as 'vakt' on 'appdb'")
        .doesNotContain("right-password");
    assertThat(result.metrics()).containsKey("time_ms");
  }

  @Test
  @DisplayName("MON-6: the query's first column of the first row is shown")
  void query() {
    CheckResult result = probe.check(postgres("appdb", PASSWORD, "select 41 + 1, 'ignored'"));
    assertThat(result.state()).as(result.reason()).isEqualTo(CheckState.OK);
    assertThat(result.reason()).contains("query returned '42'");
    CheckResult empty = probe.check(postgres("appdb", PASSWORD, "select 1 where false"));
    assertThat(empty.reason()).contains("query returned no rows");
  }

  @Test
  @DisplayName("MON-6: a failing query is CRITICAL with the server's message")
  void failingQuery() {
    CheckResult result = probe.check(postgres("appdb", PASSWORD, "select * from no_such_table"));
    assertThat(result.state()).isEqualTo(CheckState.CRITICAL);
    assertThat(result.reason()).contains("but the query failed").contains("no_such_table");
  }

  // ---- issue 16, F2 and F18 (DPA-3): a SQL check can read, never write, and names no URL ----

  @Test
  @DisplayName("F2: an UPDATE in a check's query runs read only: refused, the row is unchanged")
  void f2_updateInACheckCannotChangeRows() throws Exception {
    // The user may update the table; the check's transaction may not.
    for (String write :
        List.of(
            "update account set role = 'ADMIN' returning role",
            "with u as (update account set role = 'ADMIN' returning role) select role from u",
            "select set_config('default_transaction_read_only', 'off', false)")) {
      CheckResult result = probe.check(postgres("appdb", PASSWORD, write));
      assertThat(result.reason()).doesNotContain("ADMIN'");
    }
    CheckResult update =
        probe.check(
            postgres("appdb", PASSWORD, "update account set role = 'ADMIN' returning role"));
    assertThat(update.state()).isEqualTo(CheckState.CRITICAL);
    assertThat(update.reason()).contains("read-only transaction");
    try (Connection connection = postgres.getDatabase("postgres", "appdb").getConnection();
        Statement sql = connection.createStatement();
        var rows = sql.executeQuery("select role from account where name = 'tech'")) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getString(1)).isEqualTo("TECHNICIAN");
    }
  }

  @Test
  @DisplayName("F2: a query of more than one statement is refused when the check is made")
  void f2_moreThanOneStatementIsRefused() {
    assertThatThrownBy(
            () -> postgres("appdb", PASSWORD, "select 1; update account set role = 'ADMIN'"))
        .isInstanceOf(InvalidField.class)
        .hasMessageStartingWith("query: must be exactly one statement");
    assertThat(postgres("appdb", PASSWORD, "select 1;").query()).isEqualTo("select 1;");
  }

  @Test
  @DisplayName("F2: a query runs with the check's time limit on the server too")
  void f2_aQueryHasATimeLimit() {
    CheckSpec.Sql slow =
        new CheckSpec.Sql(
            Engine.POSTGRESQL,
            "127.0.0.1",
            postgres.getPort(),
            "appdb",
            "vakt",
            PASSWORD,
            "select pg_sleep(30)",
            Duration.ofSeconds(2));
    CheckResult result = probe.check(slow);
    assertThat(result.state()).isEqualTo(CheckState.CRITICAL);
    assertThat(result.latency()).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  @DisplayName(
      "F18: a database name carrying driver parameters is refused; the URL names no database")
  void f18_databaseNameIsValidatedAndNeverPastedIntoTheUrl() {
    for (String bad :
        List.of(
            "appdb?socketFactory=org.example.Evil",
            "appdb&sslmode=disable",
            "app/db",
            "appdb;x=1")) {
      assertThatThrownBy(() -> postgres(bad, PASSWORD, null))
          .isInstanceOf(InvalidField.class)
          .hasMessageStartingWith("database: must be a database name");
    }
    CheckSpec.Sql spec = postgres("appdb", PASSWORD, null);
    assertThat(SqlProbe.url(spec))
        .isEqualTo("jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/");
    assertThatThrownBy(
            () ->
                new CheckSpec.Sql(
                    Engine.POSTGRESQL,
                    "127.0.0.1/evil?x=",
                    5432,
                    null,
                    "vakt",
                    null,
                    null,
                    TIMEOUT))
        .isInstanceOf(InvalidField.class)
        .hasMessageStartingWith("host:");
  }

  @Test
  @DisplayName("MON-6: a wrong (here: the replaced) password is CRITICAL: login refused")
  void wrongPassword() {
    CheckResult result = probe.check(postgres("appdb", OLD_PASSWORD, null));
    assertThat(result.state()).isEqualTo(CheckState.CRITICAL);
    assertThat(result.reason())
        .startsWith("login as 'vakt' refused: ")
        .contains("password authentication failed")
        .doesNotContain("first-password");
  }

  @Test
  @DisplayName("MON-6: a missing database is CRITICAL: does not exist")
  void missingDatabase() {
    CheckResult result = probe.check(postgres("nope", PASSWORD, null));
    assertThat(result.state()).isEqualTo(CheckState.CRITICAL);
    assertThat(result.reason()).startsWith("database 'nope' does not exist");
  }

  @Test
  @DisplayName("MON-6: a password secret that cannot be read is UNKNOWN")
  void unreadableSecret() {
    CheckResult result = probe.check(postgres("appdb", UNSET, null));
    assertThat(result.state()).isEqualTo(CheckState.UNKNOWN);
    assertThat(result.reason()).startsWith("cannot read the password env:UNSET_DB_PASSWORD");
  }

  @DisplayName("MON-6: PostgreSQL and MySQL: a refused port is CRITICAL")
  @ParameterizedTest
  @EnumSource(Engine.class)
  void refused(Engine engine) throws Exception {
    CheckResult result =
        probe.check(
            new CheckSpec.Sql(
                engine,
                "127.0.0.1",
                FixtureLineServer.refusedPort(),
                "appdb",
                "vakt",
                PASSWORD,
                null,
                TIMEOUT));
    assertThat(result.state()).isEqualTo(CheckState.CRITICAL);
    assertThat(result.reason()).startsWith("connection refused");
  }

  @DisplayName("MON-6: PostgreSQL and MySQL: a silent server is CRITICAL at the timeout")
  @ParameterizedTest
  @EnumSource(Engine.class)
  void silent(Engine engine) throws Exception {
    try (var server = FixtureLineServer.silent()) {
      long start = System.nanoTime();
      CheckResult result =
          probe.check(
              new CheckSpec.Sql(
                  engine,
                  "127.0.0.1",
                  server.port(),
                  "appdb",
                  "vakt",
                  PASSWORD,
                  null,
                  Duration.ofMillis(700)));
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(result.state()).isEqualTo(CheckState.CRITICAL);
      assertThat(result.reason()).isEqualTo("timed out after 700 ms logging in as 'vakt'");
      assertThat(took).isLessThan(Duration.ofMillis(1_700));
    }
  }
}
