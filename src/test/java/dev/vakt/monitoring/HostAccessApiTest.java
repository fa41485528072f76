package dev.vakt.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vakt.IntegrationTest;
import dev.vakt.catalog.Catalog;
import dev.vakt.catalog.CatalogService;
import dev.vakt.ssh.TestSshServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/**
 * Access verification end to end (ACC-1, ACC-2, SLA-10) against a real SSH server on loopback
 * (Apache MINA sshd): nothing runs before a person approves the server's host key; then the login
 * and sudo are verified periodically; a refused login opens an access-lost period in the customer's
 * SLA ledger and regaining access closes it; a changed host key is an alarm and nothing is run.
 * Host health (MON-3) comes over the same path, from the server's recorded tool outputs.
 */
class HostAccessApiTest extends IntegrationTest {

  @Autowired CatalogService catalog;
  @Autowired MonitoringService monitoring;
  @TempDir Path dir;
  TestSshServer ssh;

  @AfterEach
  void stop() throws Exception {
    if (ssh != null) {
      ssh.close();
    }
  }

  private String setUp(String p, Path key) {
    return """
        apiVersion: vakt/v1
        kind: Provider
        id: %1$s
        version: 1
        effectiveFrom: 2024-01-01
        name: Drift AS
        terms: { timeZone: Europe/Oslo, currency: NOK, language: nb }
        ---
        apiVersion: vakt/v1
        kind: Product
        id: %1$s-managed
        version: 1
        effectiveFrom: 2024-01-01
        provider: %1$s
        name: Managed
        terms:
          monitoring:
            interval: 1s
            timeout: 900ms
            maxAttempts: 1
            services: [tcp]
            host: [load]
            thresholds: { loadPerCoreWarning: 2, loadPerCoreCritical: 4 }
        ---
        apiVersion: vakt/v1
        kind: Contract
        id: %1$s-c
        version: 1
        effectiveFrom: 2024-01-01
        provider: %1$s
        customer: %1$s-cust
        product: %1$s-managed
        start: 2024-01-01
        ---
        apiVersion: vakt/v1
        kind: Inventory
        provider: %1$s
        customers: [{ id: %1$s-cust, name: Kunde AS }]
        servers:
          - id: %1$s-srv
            customer: %1$s-cust
            kind: vps
            ownership: provider
            address: 127.0.0.1
            access:
              ssh: { user: ops, port: %2$d, key: "file:%3$s", sudo: true }
        services:
          - { id: %1$s-ssh, server: %1$s-srv, type: tcp, port: %2$d, installedBy: provider }
        """
        .formatted(p, ssh.port(), key);
  }

  private JsonNode access(String server) {
    return check(server, "access");
  }

  private String state(String server, String check) {
    JsonNode n = check(server, check);
    return n == null ? "none" : n.path("state").asString();
  }

  private JsonNode check(String server, String check) {
    JsonNode list =
        http.get()
            .uri("/api/monitoring/servers/" + server + "/host")
            .retrieve()
            .body(JsonNode.class);
    for (JsonNode n : list) {
      if (n.path("id").asString().equals(server + ":" + check)) {
        return n;
      }
    }
    return null;
  }

  private String state(String server) {
    JsonNode a = access(server);
    return a == null ? "none" : a.path("state").asString();
  }

  private JsonNode approve(String server, String fingerprint) {
    return http.post()
        .uri("/api/monitoring/servers/" + server + "/host-key")
        .contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("fingerprint", fingerprint))
        .retrieve()
        .body(JsonNode.class);
  }

  @Test
  void accessIsVerifiedAfterApprovalAndLosingItOpensAnAccessLostPeriod_ACC1_ACC2_SLA10()
      throws Exception {
    ssh =
        new TestSshServer(dir, "ops")
            .answer("sudo -n -- true", TestSshServer.Answer.of(""))
            // A recorded /proc/loadavg of a loaded 8-core host: 18.20 / 8 = 2.28 per core.
            .answer(
                "sudo -n -- cat /proc/loadavg",
                TestSshServer.Answer.of(
                    Files.readString(
                        Path.of("src/test/resources/dev/vakt/monitoring/host/loadavg/high.txt"))))
            .answer("sudo -n -- nproc", TestSshServer.Answer.of("8\n"));
    Path key = dir.resolve("ops.key");
    Files.writeString(key, ssh.privateKey());
    String p = unique("acc");
    String server = p + "-srv";
    Catalog c = catalog.read("access-test", setUp(p, key));
    assertThat(c.problems()).isEmpty();
    catalog.importCatalog(c, "test");
    Instant start = Instant.now().minusSeconds(5);
    monitoring.sync();

    // ACC-1: the first key is only offered; nothing runs before a person approves it.
    await().atMost(Duration.ofSeconds(20)).until(() -> state(server).equals("unknown"));
    assertThat(access(server).path("lastReason").asString()).contains("awaits approval");
    JsonNode offer =
        http.get()
            .uri("/api/monitoring/servers/" + server + "/host-key")
            .retrieve()
            .body(JsonNode.class);
    assertThat(offer.path("offered").asString()).isEqualTo(ssh.hostKey());
    assertThat(offer.path("approved").isString()).isFalse(); // none approved yet
    assertThat(ssh.ran()).isEmpty();

    JsonNode approved = approve(server, ssh.hostKey());
    assertThat(approved.path("approved").asString()).isEqualTo(ssh.hostKey());
    await().atMost(Duration.ofSeconds(20)).until(() -> state(server).equals("ok"));
    assertThat(access(server).path("lastReason").asString()).contains("sudo works");
    assertThat(ssh.ran()).contains("sudo -n -- true");

    // MON-3: host health over the same path, judged with the contract's thresholds.
    await().atMost(Duration.ofSeconds(20)).until(() -> state(server, "load").equals("warning"));
    assertThat(check(server, "load").path("lastReason").asString())
        .contains("load per core 2.28 (warning at 2)");

    // ACC-2: the server answers but refuses the provider's login: access lost.
    ssh.allowLogin(false);
    await().atMost(Duration.ofSeconds(20)).until(() -> state(server).equals("critical"));
    assertThat(access(server).path("lastReason").asString()).startsWith("access lost");
    ssh.allowLogin(true);
    await().atMost(Duration.ofSeconds(20)).until(() -> state(server).equals("ok"));

    // SLA-10: the customer's ledger holds the access-lost period for the server's services.
    String events =
        http.get()
            .uri(
                "/api/customers/"
                    + p
                    + "-cust/sla/events?from="
                    + start
                    + "&to="
                    + Instant.now().plusSeconds(1))
            .retrieve()
            .body(String.class);
    assertThat(events).contains("\"type\":\"access-lost\"").contains(p + "-ssh");

    // A changed host key is an alarm, and not one command is sent to the impostor.
    approve(server, "SHA256:" + "A".repeat(43));
    await().atMost(Duration.ofSeconds(20)).until(() -> state(server).equals("critical"));
    int ran = ssh.ran().size();
    assertThat(access(server).path("lastReason").asString()).contains("HOST KEY CHANGED");
    JsonNode changed =
        http.get()
            .uri("/api/monitoring/servers/" + server + "/host-key")
            .retrieve()
            .body(JsonNode.class);
    assertThat(changed.path("changed").asBoolean()).isTrue();
    Thread.sleep(1500);
    assertThat(ssh.ran()).hasSize(ran);

    // Approvals are audited like every inventory change.
    String audit =
        http.get().uri("/api/audit?entity=server&id=" + server).retrieve().body(String.class);
    assertThat(audit).contains("hostKey");
  }
}
