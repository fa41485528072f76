package dev.vakt.maintenance.patching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vakt.catalog.Catalog;
import dev.vakt.monitoring.MonitoringService;
import dev.vakt.monitoring.PackageScan;
import dev.vakt.monitoring.PendingPackage;
import dev.vakt.proxmox.FakePve;
import dev.vakt.secrets.Secrets;
import dev.vakt.ssh.TestSshServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/**
 * Patch compliance end to end (MNT-4, MNT-5, MNT-6, MNT-9, MNT-10): contracts and inventory in the
 * real PostgreSQL, pending updates read over SSH from a real SSH server (MINA sshd) answering
 * recorded {@code apt-get -s dist-upgrade} and {@code apt-cache policy} outputs, and through a
 * Proxmox VE API ({@link FakePve}); the reboot-needed check from the monitoring engine.
 *
 * <p>Ten days cannot pass in a test: the history before today is one scan recorded as if taken ten
 * days ago, through the same code as every scan, and a postponement is moved back in time in the
 * database. Everything else is the real path.
 */
class PatchComplianceApiTest extends PatchApiTestBase {

  private static final String SIMULATE =
      "sudo -n -- LC_ALL=C apt-get -s -o Debug::NoLocking=1 dist-upgrade";
  private static final String POLICY = "sudo -n -- LC_ALL=C apt-cache policy";
  private static final String APT =
      """
      Reading package lists...
      Building dependency tree...
      Reading state information...
      Calculating upgrade...
      The following packages have been kept back:
        proxmox-ve
      The following packages will be upgraded:
        docker-ce libssl3 nginx redis-server tzdata
      5 upgraded, 0 newly installed, 0 to remove and 1 not upgraded.
      Inst libssl3 [3.0.14-1~deb12u1] (3.0.15-1~deb12u1 Debian-Security:12/stable-security [amd64])
      Inst tzdata [2024a-0+deb12u1] (2024b-0+deb12u1 Debian:12.8/stable [all])
      Inst nginx [1.22.1-9] (1.22.1-9+deb12u1 Debian-Security:12/stable-security [amd64])
      Inst redis-server [5:7.0.15-1~deb12u1] (5:7.0.15-1~deb12u2 Debian-Security:12/stable-security [amd64])
      Inst docker-ce [5:27.3.1-1~debian.12~bookworm] (5:27.4.0-1~debian.12~bookworm Docker CE:bookworm [amd64])
      """;

  @Autowired MonitoringService monitoring;
  @Autowired PatchScanner scanner;
  @Autowired Secrets secrets;

  private static JsonNode finding(JsonNode list, String name) {
    for (JsonNode f : list) {
      if (f.path("name").asString().equals(name)) {
        return f;
      }
    }
    throw new AssertionError(name + " not in " + list);
  }

  private static PendingPackage pkg(String name, String installed, boolean security) {
    return new PendingPackage(
        name, installed, "0", List.of("Debian"), "Debian:12/stable", security, false);
  }

  @Test
  void observationsAccumulateAndTheMonthIsJudgedWithScopeRebootAndPostponement() throws Exception {
    ssh =
        new TestSshServer(dir, "ops")
            .answer(SIMULATE, TestSshServer.Answer.of(APT))
            .answer(
                POLICY,
                TestSshServer.Answer.of(
                    Files.readString(
                        Path.of("src/test/resources/dev/vakt/monitoring/host/apt/policy-pve.txt"))))
            .answer(
                "sudo -n -- needrestart -b -r l",
                TestSshServer.Answer.of(
                    "NEEDRESTART-VER: 3.6\nNEEDRESTART-KCUR: 6.1.0-26-amd64\n"
                        + "NEEDRESTART-KEXP: 6.1.0-27-amd64\nNEEDRESTART-KSTA: 3\n"))
            .answer("sudo -n -- uname -r", TestSshServer.Answer.of("6.1.0-26-amd64\n"))
            .answer(
                "sudo -n -- ls -1 /boot/vmlinuz-*",
                TestSshServer.Answer.of(
                    "/boot/vmlinuz-6.1.0-26-amd64\n/boot/vmlinuz-6.1.0-27-amd64\n"))
            .answer(
                "sudo -n -- if [ -f /var/run/reboot-required ]; then echo reboot-required;"
                    + " cat /var/run/reboot-required.pkgs 2>/dev/null; fi",
                TestSshServer.Answer.of(""));
    pve =
        FakePve.start(dir, "dns:pve1.example.invalid")
            .on("/cluster/status", "cluster-status.json")
            .on(
                "/nodes/pve1/apt/update",
                FakePve.Answer.ok(
                    """
                    {"data":[
                    {"Package":"pve-manager","Version":"8.3.0","OldVersion":"8.2.7","Origin":"Proxmox"},
                    {"Package":"grafana","Version":"11.3.1","OldVersion":"11.2.0","Origin":"Grafana"}
                    ]}
                    """));
    Path key = dir.resolve("ops.key");
    Files.writeString(key, ssh.privateKey());
    String p = unique("patch");
    String srv = p + "-srv";
    String cust = p + "-cust";
    Catalog c = catalog.read("patch-test", setUp(p, key));
    assertThat(c.problems()).isEmpty();
    catalog.importCatalog(c, "test");
    secrets.put(p + "-token", "vakt@pve!patch=00000000-0000-0000-0000-000000000000", "test");
    monitoring.sync();

    // History: a scan ten days ago saw libssl3, tzdata, redis-server and curl pending; a failed
    // scan later changed nothing.
    Instant tenDaysAgo =
        Instant.now().minus(Duration.ofDays(10)).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    scanner.record(
        PackageScan.read(
            srv,
            tenDaysAgo,
            PackageScan.Source.SSH,
            List.of(
                pkg("libssl3", "3.0.14-1~deb12u1", true),
                pkg("tzdata", "2024a-0+deb12u1", false),
                pkg("redis-server", "5:7.0.15-1~deb12u1", true),
                pkg("curl", "7.88.1-10+deb12u7", false))));
    scanner.record(
        PackageScan.failed(
            srv, tenDaysAgo.plus(Duration.ofDays(5)), PackageScan.Source.SSH, "unreachable"));

    // Today's scan over SSH: the same updates still wait, curl was installed, three are new.
    ResponseEntity<JsonNode> scanned = post("/api/servers/" + srv + "/patch-scan", null);
    assertThat(scanned.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode s = scanned.getBody();
    assertThat(s.path("ok").asBoolean()).as(s.toString()).isTrue();
    assertThat(s.path("source").asString()).isEqualTo("ssh");
    assertThat(s.path("packages").asInt()).isEqualTo(6);
    assertThat(ssh.ran()).contains(SIMULATE, POLICY);
    post("/api/servers/" + srv + "/patch-scan", null); // a second scan only sees them again
    List<Map<String, Object>> rows =
        jdbc.sql(
                "select package, first_seen, resolved_at from patch_observation"
                    + " where server_id = :s order by package")
            .param("s", srv)
            .query()
            .listOfRows();
    assertThat(rows)
        .extracting(r -> r.get("package"))
        .containsExactly(
            "curl", "docker-ce", "libssl3", "nginx", "proxmox-ve", "redis-server", "tzdata");
    assertThat(rows.get(0).get("resolved_at")).as("curl was installed").isNotNull();
    assertThat(((java.sql.Timestamp) rows.get(2).get("first_seen")).toInstant())
        .as("libssl3's age counts from the first scan that saw it")
        .isEqualTo(tenDaysAgo);
    assertThat(
            jdbc.sql("select count(*) from patch_scan where server_id = :s and not ok")
                .param("s", srv)
                .query(Integer.class)
                .single())
        .isEqualTo(1);

    // The Proxmox VE node through its cluster's API, with the archive's Origin as the API gives it.
    JsonNode api = post("/api/servers/" + p + "-pve1/patch-scan", null).getBody();
    assertThat(api.path("source").asString()).isEqualTo("proxmox-api");
    assertThat(api.path("packages").asInt()).isEqualTo(2);

    // MNT-4: the reboot-needed check of the monitoring engine says a new kernel waits.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                get("/api/servers/" + srv + "/patch-compliance")
                    .at("/servers/0/reboot/needed")
                    .asBoolean());

    JsonNode report = get("/api/servers/" + srv + "/patch-compliance");
    assertThat(report.path("contract").asString()).isEqualTo(p + "-c");
    assertThat(report.path("zone").asString()).isEqualTo("Europe/Oslo");
    JsonNode one = report.at("/servers/0");
    // MNT-4, MNT-5: ten days is past the three days of the stability rule.
    assertThat(one.path("verdict").asString()).isEqualTo("non-compliant");
    String reasons = one.path("reasons").toString();
    assertThat(reasons)
        .contains("1 security update overdue (stableAfter 3d): libssl3 (10 d)")
        .contains("1 update overdue (stableAfter 3d): tzdata (10 d)")
        .contains("installed late in the month (stableAfter 3d): curl (10 d)");
    JsonNode ssl = finding(one.path("pending"), "libssl3");
    assertThat(ssl.path("ageDays").asLong()).isEqualTo(10);
    assertThat(ssl.path("overdue").asBoolean()).isTrue();
    assertThat(ssl.path("origins").toString()).contains("Debian");
    JsonNode nginx = finding(one.path("pending"), "nginx");
    assertThat(nginx.path("ageDays").asLong()).isZero();
    assertThat(nginx.path("overdue").asBoolean()).isFalse();
    assertThat(finding(one.path("pending"), "proxmox-ve").path("keptBack").asBoolean()).isTrue();
    assertThat(one.at("/counts/keptBack").asInt()).isEqualTo(1);
    // MNT-10: from Docker's repository, not Proxmox's or Debian's: listed, never overdue.
    JsonNode docker = finding(one.path("outOfScope"), "docker-ce");
    assertThat(docker.path("scope").asString()).isEqualTo("outside-repositories");
    assertThat(docker.path("overdue").asBoolean()).isFalse();
    // MNT-9: the inventory says the customer installed Redis: ten days old, still not overdue.
    JsonNode redis = finding(one.path("outOfScope"), "redis-server");
    assertThat(redis.path("scope").asString()).isEqualTo("customer-installed");
    assertThat(redis.path("ageDays").asLong()).isEqualTo(10);
    assertThat(redis.path("overdue").asBoolean()).isFalse();
    assertThat(one.at("/reboot/reason").asString()).contains("kernel upgrade pending");

    // The node read through the API: Grafana's repository is out of scope (MNT-10).
    JsonNode node = get("/api/servers/" + p + "-pve1/patch-compliance").at("/servers/0");
    assertThat(finding(node.path("pending"), "pve-manager").path("origins").toString())
        .contains("Proxmox");
    assertThat(finding(node.path("outOfScope"), "grafana").path("scope").asString())
        .isEqualTo("outside-repositories");

    // MNT-6: the customer postpones updates and accepts the risk; the request is audited.
    LocalDate until = LocalDate.now(java.time.ZoneId.of("Europe/Oslo")).plusDays(14);
    ResponseEntity<JsonNode> created =
        post(
            "/api/customers/" + cust + "/patch-postponements",
            """
            {"allServers": true, "reason": "Black Friday: no changes until the campaign ends",
             "risk": "Known vulnerabilities (libssl3) stay open until the updates are installed",
             "requestedBy": "kari@kunde.example", "until": "%s"}
            """
                .formatted(until));
    assertThat(created.getStatusCode())
        .as(String.valueOf(created.getBody()))
        .isEqualTo(HttpStatus.CREATED);
    long id = created.getBody().path("id").asLong();
    assertThat(created.getBody().path("status").asString()).isEqualTo("active");
    assertThat(created.getBody().path("contract").asString()).isEqualTo(p + "-c");

    // Recorded now, it does not excuse the week the updates were already overdue.
    JsonNode now = get("/api/servers/" + srv + "/patch-compliance");
    assertThat(now.at("/servers/0/verdict").asString()).isEqualTo("non-compliant");
    assertThat(now.at("/servers/0/reasons").toString())
        .contains("does not lie wholly within the customer's postponement");
    assertThat(now.at("/postponements/0/risk").asString()).startsWith("Known vulnerabilities");
    assertThat(now.at("/postponements/0/until").asString()).isEqualTo(until.toString());

    // As if it had been recorded nine days ago, before anything was due: postponed, not breached.
    jdbc.sql("update patch_postponement set recorded_at = :at where id = :id")
        .param("at", java.sql.Timestamp.from(tenDaysAgo.plus(Duration.ofDays(1))))
        .param("id", id)
        .update();
    JsonNode postponed = get("/api/servers/" + srv + "/patch-compliance");
    assertThat(postponed.path("verdict").asString()).isEqualTo("postponed");
    assertThat(postponed.at("/servers/0/reasons").toString())
        .contains("within the customer's postponement (MNT-6)")
        .contains("requested by kari@kunde.example")
        .contains("risk accepted: Known vulnerabilities");
    assertThat(postponed.at("/servers/0/postponements/0/activeAtEnd").asBoolean()).isTrue();
    assertThat(get("/api/customers/" + cust + "/patch-postponements").at("/0/status").asString())
        .isEqualTo("active");

    // Ended early: from then on it no longer applies; ending is audited too.
    ResponseEntity<JsonNode> ended =
        post(
            "/api/customers/" + cust + "/patch-postponements/" + id + "/end",
            "{\"reason\": \"campaign over\"}");
    assertThat(ended.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(ended.getBody().path("status").asString()).isEqualTo("ended");
    assertThat(ended.getBody().path("endReason").asString()).isEqualTo("campaign over");
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                get("/api/servers/" + srv + "/patch-compliance")
                    .path("verdict")
                    .asString()
                    .equals("non-compliant"));
    assertThat(
            http.delete()
                .uri("/api/customers/" + cust + "/patch-postponements/" + id)
                .retrieve()
                .toEntity(JsonNode.class)
                .getStatusCode())
        .isEqualTo(HttpStatus.CONFLICT);
    assertThat(
            jdbc.sql(
                    "select action from audit_event where entity = 'patch-postponement'"
                        + " and entity_id = :id order by seq")
                .param("id", Long.toString(id))
                .query(String.class)
                .list())
        .containsExactly("postpone", "end");

    // The customer's report: both servers and the totals.
    JsonNode customer = get("/api/customers/" + cust + "/patch-compliance");
    assertThat(customer.path("verdict").asString()).isEqualTo("non-compliant");
    assertThat(customer.at("/totals/servers").asInt()).isEqualTo(2);
    assertThat(customer.at("/totals/outOfScope").asInt()).isEqualTo(3);
    assertThat(customer.at("/totals/rebootNeeded").asInt()).isEqualTo(1);

    // The scheduled round reads every covered server, these two among them.
    assertThat(scanner.scanAll())
        .filteredOn(o -> o.scan().server().startsWith(p))
        .extracting(o -> o.scan().server() + ":" + o.scan().ok())
        .contains(srv + ":true", p + "-pve1:true");
  }
}
