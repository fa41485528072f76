package dev.vakt.monitoring.probe;

import static org.assertj.core.api.Assertions.assertThat;

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
