package dev.vakt.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.IntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 16 (F1, F2, F18): services stored under the old rules (a command path, a database name with
 * URL parameters, a query of two statements) load after V18, brought under the new rules, and the
 * change is audited.
 */
class CheckSettingsMigrationTest extends IntegrationTest {

  @Autowired InventoryService inventory;

  @Test
  @DisplayName("F1 F2 F18: V18 rewrites stored commands, database names and queries, audited")
  void v18_bringsStoredServicesUnderTheNewRules() throws IOException {
    String customer = unique("v18c");
    String server = unique("v18s");
    customerWithService(customer, "V18 AS", "nb", server, unique("v18ftp"));
    String av = unique("v18av");
    String pg = unique("v18pg");
    String plugin = unique("v18pl");
    insert(
        av,
        customer,
        server,
        """
        {"id":"%s","server":"%s","type":"antivirus","installedBy":"provider",
         "check":{"command":"/bin/sh","arguments":["-c","id"]}}""");
    insert(
        plugin,
        customer,
        server,
        """
        {"id":"%s","server":"%s","type":"plugin","installedBy":"provider",
         "check":{"command":"/usr/lib/nagios/plugins/check_procs"}}""");
    insert(
        pg,
        customer,
        server,
        """
        {"id":"%s","server":"%s","type":"postgresql","installedBy":"provider",
         "check":{"user":"monitor","database":"app?socketFactory=x","query":"select 1; update t set a = 1"}}""");

    jdbc.sql(
            Files.readString(
                Path.of("src/main/resources/db/migration/V18__check_settings_rules.sql")))
        .update();

    assertThat(inventory.service(av).orElseThrow().check().command()).isEqualTo("sh");
    assertThat(inventory.service(plugin).orElseThrow().check().command()).isEqualTo("check_procs");
    ServiceCheck db = inventory.service(pg).orElseThrow().check();
    assertThat(db.database()).isEqualTo("app_socketFactory_x");
    assertThat(db.query()).isNull();
    assertThat(
            jdbc.sql(
                    "select count(*) from audit_event where actor = 'migration V18'"
                        + " and entity_id in (:a, :b, :c)")
                .param("a", av)
                .param("b", plugin)
                .param("c", pg)
                .query(Integer.class)
                .single())
        .isEqualTo(3);
  }

  private void insert(String id, String customer, String server, String body) {
    jdbc.sql(
            "insert into service (id, server_id, customer_id, body, updated_at)"
                + " values (:id, :server, :customer, cast(:body as jsonb), now())")
        .param("id", id)
        .param("server", server)
        .param("customer", customer)
        .param("body", body.formatted(id, server))
        .update();
  }
}
