package dev.vakt.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, item 3 (DPA-3): the embedded PostgreSQL is private, verified, current and supervised.
 * Each test starts servers of its own on temporary data directories, never the shared test
 * context's database.
 */
class EmbeddedPostgresPrivacyTest {

  @TempDir static Path shared;
  private static EmbeddedPostgresServer server;

  @BeforeAll
  static void start() {
    server = EmbeddedPostgresServer.start(shared);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private static String scalar(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  @Test
  void runsTheNewest17BinariesThatResolve_F13() throws Exception {
    try (Connection c = server.connect(server.appUser(), server.appPassword())) {
      // 17.7 and 17.10 are the security releases the finding names; 17.10 is pinned.
      assertThat(Integer.parseInt(scalar(c, "show server_version_num")))
          .isGreaterThanOrEqualTo(170010);
    }
  }

  @Test
  void noConnectionWithoutTheRightPassword_F3_DPA3() throws Exception {
    for (String role : List.of("postgres", "vakt_owner", "vakt_app")) {
      assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(), role, ""))
          .as("%s without a password", role)
          .isInstanceOf(SQLException.class);
      assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(), role, "postgres"))
          .as("%s with a wrong password", role)
          .hasMessageContaining("password authentication failed");
    }
    String pgHba = Files.readString(shared.resolve("pg/pg_hba.conf"));
    assertThat(pgHba).doesNotContain("trust").contains("local all all scram-sha-256");
    try (Connection c = server.connect("postgres", secret("postgres"))) {
      assertThat(scalar(c, "show password_encryption")).isEqualTo("scram-sha-256");
      assertThat(scalar(c, "show listen_addresses")).isEqualTo("127.0.0.1");
      assertThat(
              scalar(
                  c,
                  "select count(*) from pg_authid where rolcanlogin and rolpassword not like 'SCRAM-SHA-256$%'"))
          .isEqualTo("0");
    }
  }

  @Test
  void socketBinariesAndSecretsOnlyForVaktsUser_F3_F4() throws Exception {
    for (String dir : List.of("pg-run", "pg-bin", "pg-secrets", "pg")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(shared.resolve(dir))))
          .as(dir)
          .isEqualTo("rwx------");
    }
    try (var binaries = Files.list(shared.resolve("pg-bin"))) {
      Path unpacked = binaries.findFirst().orElseThrow();
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(unpacked)))
          .isEqualTo("rwx------");
    }
    for (String role : List.of("postgres", "vakt_owner", "vakt_app")) {
      assertThat(
              PosixFilePermissions.toString(
                  Files.getPosixFilePermissions(
                      shared.resolve("pg-secrets/" + role + ".password"))))
          .isEqualTo("rw-------");
    }
    try (Connection c = server.connect("postgres", secret("postgres"))) {
      // Not /tmp: the socket is in the private directory.
      assertThat(scalar(c, "show unix_socket_directories"))
          .isEqualTo(shared.resolve("pg-run").toAbsolutePath().toString());
    }
    try (var sockets = Files.list(shared.resolve("pg-run"))) {
      assertThat(sockets.map(p -> p.getFileName().toString()))
          .anyMatch(n -> n.startsWith(".s.PGSQL."));
    }
  }

  @Test
  void theApplicationRoleIsNoSuperuserAndCannotMakeRoles_F3_DPA3() throws Exception {
    try (Connection c = server.connect(server.appUser(), server.appPassword())) {
      assertThat(
              scalar(
                  c,
                  "select rolsuper or rolcreaterole or rolcreatedb from pg_roles where rolname = current_user"))
          .isEqualTo("f");
      assertThatThrownBy(() -> c.createStatement().execute("create role intruder superuser"))
          .hasMessageContaining("permission denied");
      assertThatThrownBy(() -> c.createStatement().execute("copy (select 1) to program 'id'"))
          .hasMessageContaining("permission denied");
    }
  }

  @Test
  void aKilledPostgresqlIsRestartedOnTheSamePort_F10(@TempDir Path dataDir) throws Exception {
    try (EmbeddedPostgresServer own = EmbeddedPostgresServer.start(dataDir)) {
      List<Boolean> seen = new CopyOnWriteArrayList<>();
      own.onAvailability(seen::add);
      long before = own.postmasterPid().orElseThrow();
      ProcessHandle.of(before).orElseThrow().destroyForcibly(); // kill -9
      long deadline = System.nanoTime() + 30_000_000_000L;
      boolean back = false;
      while (!back && System.nanoTime() < deadline) {
        Thread.sleep(200);
        try (Connection c = own.connect(own.appUser(), own.appPassword())) {
          back = "1".equals(scalar(c, "select 1"));
        } catch (SQLException stillDown) {
          // keep waiting
        }
      }
      assertThat(back).as("PostgreSQL is back within 30 s").isTrue();
      // Readiness is told right after the server answers again.
      while (!seen.contains(true) && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(own.postmasterPid().orElseThrow()).isNotEqualTo(before);
      assertThat(seen).startsWith(false).contains(true);
    }
  }

  @Test
  void aReplacedBinaryIsRefusedBeforeItRuns_F4(@TempDir Path dataDir) throws Exception {
    EmbeddedPostgresServer.start(dataDir).close();
    Path unpacked;
    try (var binaries = Files.list(dataDir.resolve("pg-bin"))) {
      unpacked = binaries.findFirst().orElseThrow();
    }
    Path postgres = unpacked.resolve("bin/postgres");
    Files.writeString(postgres, "#!/bin/sh\nid > /tmp/planted\n", StandardOpenOption.APPEND);
    assertThatThrownBy(() -> EmbeddedPostgresServer.start(dataDir))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(postgres.toString())
        .hasMessageContaining("delete " + unpacked);

    // The way out the message names: delete the directory, Vakt unpacks the binaries again.
    deleteTree(unpacked);
    EmbeddedPostgresServer.start(dataDir).close();

    try (var binaries = Files.list(dataDir.resolve("pg-bin"))) {
      unpacked = binaries.findFirst().orElseThrow();
    }
    Path planted = unpacked.resolve("lib/postgresql/planted.so");
    Files.writeString(planted, "not from the archive");
    assertThatThrownBy(() -> EmbeddedPostgresServer.start(dataDir))
        .hasMessageContaining(planted.toString())
        .hasMessageContaining("not part of the PostgreSQL archive");
  }

  @Test
  void aDataDirectoryOfThePreviousVersionIsSecuredWithoutLosingData_F3(@TempDir Path dataDir)
      throws Exception {
    // As Vakt made it before: trust authentication, everything owned by the superuser.
    try (EmbeddedPostgres old =
        EmbeddedPostgres.builder()
            .setDataDirectory(dataDir.resolve("pg"))
            .setCleanDataDirectory(false)
            .setOverrideWorkingDirectory(
                Files.createDirectories(dataDir.resolve("old-bin")).toFile())
            .start()) {
      try (Connection c = old.getPostgresDatabase().getConnection();
          Statement s = c.createStatement()) {
        s.execute("create table audit_event (id bigserial primary key, actor text not null)");
        s.execute("insert into audit_event (actor) values ('kept')");
      }
    }
    try (EmbeddedPostgresServer upgraded = EmbeddedPostgresServer.start(dataDir)) {
      assertThatThrownBy(() -> DriverManager.getConnection(upgraded.jdbcUrl(), "postgres", ""))
          .isInstanceOf(SQLException.class);
      try (Connection c = upgraded.connect(upgraded.ownerUser(), upgraded.ownerPassword())) {
        assertThat(scalar(c, "select actor from audit_event")).isEqualTo("kept");
        assertThat(scalar(c, "select tableowner from pg_tables where tablename = 'audit_event'"))
            .isEqualTo("vakt_owner");
      }
    }
  }

  private static String secret(String role) throws Exception {
    return Files.readString(shared.resolve("pg-secrets/" + role + ".password")).trim();
  }

  private static void deleteTree(Path dir) throws Exception {
    try (var all = Files.walk(dir)) {
      for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
