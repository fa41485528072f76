package dev.vakt.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vakt.IntegrationTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, item 3 (F3, DPA-3): the application connects as a role that reads and writes rows and
 * nothing else; a separate owner role owns the schema and runs Flyway; on the append-only tables
 * (audit log, ledgers) the application may only read and add.
 */
class DatabaseRolesTest extends IntegrationTest {

  @Test
  void theApplicationRunsAsTheAppRoleNotTheOwnerOrSuperuser_F3_DPA3() {
    assertThat(jdbc.sql("select current_user").query(String.class).single()).isEqualTo("vakt_app");
    assertThat(
            jdbc.sql(
                    "select rolsuper or rolcreaterole or rolcreatedb or rolbypassrls"
                        + " from pg_roles where rolname = current_user")
                .query(Boolean.class)
                .single())
        .isFalse();
  }

  @Test
  void theOwnerRoleOwnsEveryTableAndRanTheMigrations_F3() {
    assertThat(
            jdbc.sql(
                    "select count(*) from pg_tables where schemaname = 'public'"
                        + " and tableowner <> 'vakt_owner'")
                .query(Integer.class)
                .single())
        .isZero();
    assertThat(
            jdbc.sql("select distinct installed_by from flyway_schema_history")
                .query(String.class)
                .list())
        .containsExactly("vakt_owner");
  }

  @Test
  void theAppRoleCannotSwitchOffOrGetAroundTheAuditLogsGuards_F3_DPA3() {
    List<String> refused =
        List.of(
            "alter table audit_event disable trigger all",
            "drop trigger audit_event_append_only on audit_event",
            "alter table audit_event owner to vakt_app",
            "update audit_event set actor = 'someone else'",
            "delete from audit_event",
            "truncate audit_event",
            "copy audit_event from program 'id'",
            "create role intruder login superuser",
            "create table planted (id int)",
            "set session_replication_role = replica",
            "insert into flyway_schema_history (installed_rank, description, type, script, installed_by, execution_time, success) values (999, 'x', 'SQL', 'x', 'x', 0, true)");
    for (String sql : refused) {
      assertThatThrownBy(() -> jdbc.sql(sql).update())
          .as(sql)
          .rootCause()
          .hasMessageMatching("(?s).*(permission denied|must be owner|must be superuser).*");
    }
  }

  @Test
  void everyAppendOnlyTableIsReadAndInsertOnlyForTheApp_F3_DPA3() {
    List<String> appendOnly =
        jdbc.sql(
                """
                select distinct t.tgrelid::regclass::text from pg_trigger t
                join pg_proc p on p.oid = t.tgfoid where p.proname = 'vakt_append_only'
                """)
            .query(String.class)
            .list();
    assertThat(appendOnly)
        .contains("audit_event", "state_change", "monitoring_gap", "sla_record", "terms_document");
    for (String table : appendOnly) {
      for (String privilege : List.of("SELECT", "INSERT")) {
        assertThat(has(table, privilege)).as("%s %s", privilege, table).isTrue();
      }
      for (String privilege : List.of("UPDATE", "DELETE", "TRUNCATE", "TRIGGER")) {
        assertThat(has(table, privilege)).as("%s %s", privilege, table).isFalse();
      }
    }
    // Ordinary tables, Spring Modulith's event registry among them, stay fully writable.
    for (String privilege : List.of("SELECT", "INSERT", "UPDATE", "DELETE")) {
      assertThat(has("event_publication", privilege)).isTrue();
      assertThat(has("service_status", privilege)).isTrue();
    }
  }

  @Test
  void resultPartitionsAreMadeAndDroppedThroughTheOwnersFunctions_F3() {
    jdbc.sql("select vakt_create_result_partition(date '2099-01-01')").query().listOfRows();
    assertThat(
            jdbc.sql("select tableowner from pg_tables where tablename = 'check_result_20990101'")
                .query(String.class)
                .single())
        .isEqualTo("vakt_owner");
    assertThat(has("check_result_20990101", "INSERT")).isTrue();
    jdbc.sql("select vakt_drop_result_partition(date '2099-01-01')").query().listOfRows();
    assertThat(
            jdbc.sql("select count(*) from pg_tables where tablename = 'check_result_20990101'")
                .query(Integer.class)
                .single())
        .isZero();
  }

  private boolean has(String table, String privilege) {
    return jdbc.sql("select has_table_privilege(current_user, :t, :p)")
        .param("t", table)
        .param("p", privilege)
        .query(Boolean.class)
        .single();
  }
}
