package dev.vakt.maintenance.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.IntegrationTest;
import dev.vakt.proxmox.FakePve;
import dev.vakt.secrets.Secrets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/clusters/{id}/capacity} and {@code /maintenance-plan} end to end: inventory and
 * contract in PostgreSQL, the live state from the Proxmox VE API (MNT-7, MNT-8, SLA-9).
 *
 * <p><b>Proxmox VE cannot run here</b>: the API is {@link FakePve}, a local HTTPS server answering
 * recorded responses in the documented shape, with a self-signed certificate pinned by its
 * fingerprint as a real cluster's would be. The cluster: pve1 (primary), pve2 and pve3 (secondary),
 * 16 physical cores each; guests 100 (8 GiB, on Ceph), 101 (32 GiB, one disk on local-zfs), lxc 200
 * (a bind mount), template 9000; Ceph 90 % used.
 */
class CapacityApiTest extends IntegrationTest {

  private static final String M = "/dev/vakt/proxmox/";

  @TempDir static Path dir;
  @Autowired Secrets secrets;
  FakePve pve;

  @BeforeEach
  void fake() throws Exception {
    pve = fakeCluster(dir);
  }

  /** A Proxmox VE API of a three-node cluster (pve1 to pve3) with Ceph storage over 80 % used. */
  static FakePve fakeCluster(Path dir) throws Exception {
    FakePve pve =
        FakePve.start(dir, "dns:pve1.example.invalid")
            .on("/cluster/status", M + "cluster-status.json")
            .on("/cluster/resources?type=node", M + "cluster-resources-node.json")
            .on("/cluster/resources?type=vm", M + "cluster-resources-vm.json")
            .on(
                "/cluster/config/nodes",
                FakePve.Answer.ok(
                    """
                    {"data":[{"node":"pve1","nodeid":"1","quorum_votes":"1","ring0_addr":"10.10.10.11"},
                    {"node":"pve2","nodeid":"2","quorum_votes":"1","ring0_addr":"10.10.10.12"},
                    {"node":"pve3","nodeid":"3","quorum_votes":"1","ring0_addr":"10.10.10.13"}]}
                    """))
            .on("/cluster/config/qdevice", FakePve.Answer.ok("{\"data\":{}}"))
            .on(
                "/nodes/pve1/qemu/100/config",
                FakePve.Answer.ok(
                    "{\"data\":{\"scsi0\":\"ceph-vm:vm-100-disk-0,size=64G\","
                        + "\"ide2\":\"none,media=cdrom\",\"memory\":\"8192\",\"cores\":4}}"))
            .on(
                "/nodes/pve2/qemu/101/config",
                FakePve.Answer.ok(
                    "{\"data\":{\"virtio0\":\"ceph-vm:vm-101-disk-0,size=256G\","
                        + "\"scsi1\":\"local-zfs:vm-101-disk-1,size=32G\"}}"))
            .on(
                "/nodes/pve3/lxc/200/config",
                FakePve.Answer.ok(
                    "{\"data\":{\"rootfs\":\"ceph-vm:vm-200-disk-0,size=20G\","
                        + "\"mp0\":\"/srv/mail,mp=/var/mail\"}}"));
    for (String n : List.of("pve1", "pve2", "pve3")) {
      pve.on("/nodes/" + n + "/status", M + "node-status.json")
          .on("/nodes/" + n + "/storage", M + "storage.json");
    }
    return pve;
  }

  @AfterEach
  void stop() throws Exception {
    pve.close();
  }

  /** A provider, a product with STW's capacity rule, a contract, a cluster of three nodes. */
  String setUp() throws Exception {
    String p = unique("cap");
    importOneCustomer(
        p,
        """
          capacity:
            nMinusOne: true
            cpuOvercommit: 4.0
            ramOvercommit: 1.0
            storageMaxUsed: 80
            shortfallIsCustomerResponsibility: true
        """);
    secrets.put(p + "-token", "vakt@pve!capacity=00000000-0000-0000-0000-000000000000", "test");
    String cl = p + "-cl";
    assertThat(
            put(
                    "/api/clusters/" + cl,
                    """
                    {"id":"%s","customer":"%s-cust","name":"prod","apiUrl":"%s",
                     "apiToken":"secret:%s-token","apiFingerprint":"%s"}
                    """
                        .formatted(cl, p, pve.api(), p, pve.fingerprint()))
                .getStatusCode())
        .isEqualTo(HttpStatus.OK);
    String[][] nodes = {
      {"pve1", "10.10.10.11", "primary"},
      {"pve2", "10.10.10.12", "secondary"},
      {"pve3", "10.10.10.13", "secondary"}
    };
    for (String[] n : nodes) {
      assertThat(
              put(
                      "/api/servers/" + p + "-" + n[0],
                      """
                      {"id":"%s-%s","customer":"%s-cust","cluster":"%s","kind":"proxmox-node",
                       "ownership":"provider","address":"%s","role":"%s"}
                      """
                          .formatted(p, n[0], p, cl, n[1], n[2]))
                  .getStatusCode())
          .isEqualTo(HttpStatus.OK);
    }
    return cl;
  }

  @Test
  void capacityOfALiveClusterWithTheContractsRule_MNT8_SLA9() throws Exception {
    String cl = setUp();
    ResponseEntity<JsonNode> res =
        http.get().uri("/api/clusters/" + cl + "/capacity").retrieve().toEntity(JsonNode.class);
    assertThat(res.getStatusCode()).as(String.valueOf(res.getBody())).isEqualTo(HttpStatus.OK);
    JsonNode a = res.getBody();
    assertThat(a.at("/nMinusOneRequired").asBoolean()).isTrue();
    assertThat(a.at("/shortfallIsCustomerResponsibility").asBoolean()).isTrue();
    assertThat(a.at("/report/rule/cpuOvercommit").decimalValue()).isEqualByComparingTo("4.0");
    // Ceph: 10630044057600 of 11811160064000 bytes used (90 %) over the 80 % limit on any loss:
    // free 10630044057600 − 0.8 × 11811160064000 = 1181116006400 B = 1100 GiB exactly,
    // or add 10630044057600 / 0.8 − 11811160064000 = 1476395008000 B = 1375 GiB.
    assertThat(a.at("/report/verdict").asString()).isEqualTo("SHORTFALL");
    JsonNode pve1 = loss(a, "pve1");
    assertThat(pve1.at("/storage/0/storage").asString()).isEqualTo("ceph-vm");
    assertThat(pve1.at("/storage/0/gibToFree").asLong()).isEqualTo(1100);
    assertThat(pve1.at("/storage/0/gibToAdd").asLong()).isEqualTo(1375);
    // Physical cores from cpuinfo (1 socket × 16 cores), not the 32 threads: losing pve1 leaves
    // 32 cores for 4 + 8 + 2 = 14 vCPUs (template 9000 never counts).
    assertThat(pve1.at("/cpu/cores").asLong()).isEqualTo(32);
    assertThat(pve1.at("/cpu/vcpus").asLong()).isEqualTo(14);
    assertThat(pve1.at("/cpu/ok").asBoolean()).isTrue();
    assertThat(pve1.at("/quorum/survives").asBoolean()).isTrue();
    assertThat(pve1.at("/placement/moves/0/guest/vmid").asInt()).isEqualTo(100);
    // 101 has a disk on local-zfs, 200 a bind mount: neither can leave its node.
    assertThat(loss(a, "pve2").at("/placement/cannotMove/0/vmid").asInt()).isEqualTo(101);
    assertThat(loss(a, "pve3").at("/placement/cannotMove/0/vmid").asInt()).isEqualTo(200);
    assertThat(texts(a.at("/warnings")))
        .contains(
            "guest 101 cannot move: scsi1 is on local storage local-zfs",
            "guest 200 cannot move: mp0 is the node's path /srv/mail");
  }

  @Test
  void maintenancePlanDryRunSecondaryNodesFirst_MNT4_MNT7() throws Exception {
    String cl = setUp();
    ResponseEntity<JsonNode> res =
        http.get()
            .uri("/api/clusters/" + cl + "/maintenance-plan?hostReserveGiB=4&guests=running")
            .retrieve()
            .toEntity(JsonNode.class);
    assertThat(res.getStatusCode()).as(String.valueOf(res.getBody())).isEqualTo(HttpStatus.OK);
    JsonNode plan = res.getBody();
    assertThat(texts(plan.at("/order"))).containsExactly("pve2", "pve3", "pve1");
    assertThat(plan.at("/blocked").asBoolean()).isFalse();
    assertThat(texts(plan.at("/dryRun")))
        .contains(
            "2. guest 101 (db01) stays on pve2 (local storage): down during the reboot",
            "3. patch pve2",
            "4. reboot pve2",
            "12. move qemu 100 (web01) pve1 -> pve2 (live migration)",
            "16. return qemu 100 (web01) pve2 -> pve1 (live migration)");
    JsonNode move = null;
    for (JsonNode s : plan.at("/steps")) {
      if (s.at("/step").asString().equals("migrate") && s.at("/vmid").asInt() == 100) {
        move = s;
        break;
      }
    }
    assertThat(move).isNotNull();
    assertThat(move.at("/source").asString()).isEqualTo("pve1");
    assertThat(move.at("/mode").asString()).isEqualTo("LIVE");
    assertThat(move.at("/purpose").asString()).isEqualTo("EVACUATE");
  }

  @Autowired CapacityWatch watch;
  @Autowired org.springframework.context.ApplicationEventPublisher events;
  @Autowired org.springframework.transaction.support.TransactionTemplate tx;
  @Autowired dev.vakt.inventory.InventoryService inventory;

  /** Publishes as the monitoring ledger's writer does: inside the transaction of the change. */
  private void publish(Object event) {
    tx.executeWithoutResult(s -> events.publishEvent(event));
  }

  private void change(String check, Instant at, String from, String to) {
    // The monitoring ledger's hard change, as the host checks would write it.
    jdbc.sql(
            "insert into state_change (service_id, at, from_state, to_state, reason)"
                + " values (:s, :at, :f, :t, 'test')")
        .param("s", check)
        .param("at", java.sql.Timestamp.from(at))
        .param("f", from)
        .param("t", to)
        .update();
  }

  private String ledger(String customer) {
    Instant now = Instant.now();
    String body =
        http.get()
            .uri(
                "/api/customers/{c}/sla/events?from={f}&to={t}",
                customer,
                now.minusSeconds(3600),
                now.plusSeconds(3600))
            .retrieve()
            .body(String.class);
    return body == null ? "" : body;
  }

  private static void eventually(Runnable assertion) throws InterruptedException {
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
    while (true) {
      try {
        assertion.run();
        return;
      } catch (AssertionError e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
  }

  @Test
  void outagesFromResourceShortageInAClusterFailingNMinusOneAreTheCustomers_SLA9()
      throws Exception {
    String cl = setUp();
    String p = cl.substring(0, cl.length() - "-cl".length());
    String customer = p + "-cust";
    assertThat(
            put(
                    "/api/services/" + p + "-pve1-ping",
                    """
                    {"id":"%s-pve1-ping","server":"%s-pve1","type":"ping","installedBy":"provider"}
                    """
                        .formatted(p, p))
                .getStatusCode())
        .isEqualTo(HttpStatus.OK);
    // A VPS of the customer's that runs as guest 100 of the cluster: a shortage hits it too.
    assertThat(
            put(
                    "/api/servers/" + p + "-vps",
                    """
                    {"id":"%s-vps","customer":"%s","kind":"vps","ownership":"provider",
                     "address":"10.10.10.100","guest":{"cluster":"%s","vmid":100}}
                    """
                        .formatted(p, customer, cl))
                .getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertThat(
            put(
                    "/api/services/" + p + "-vps-http",
                    """
                    {"id":"%s-vps-http","server":"%s-vps","type":"http","installedBy":"provider",
                     "url":"http://10.10.10.100/"}
                    """
                        .formatted(p, p))
                .getStatusCode())
        .isEqualTo(HttpStatus.OK);

    // The watch judges the cluster: Ceph over its limit, a shortfall the contract puts on the
    // customer. Nothing is classified yet: no node is short of anything.
    JsonNode verdict =
        http.post().uri("/api/clusters/" + cl + "/capacity/assess").retrieve().body(JsonNode.class);
    assertThat(verdict.path("verdict").asString()).isEqualTo("shortfall");
    assertThat(verdict.path("customerResponsibility").asBoolean()).isTrue();
    assertThat(verdict.path("detail").asString()).contains("ceph-vm");
    assertThat(ledger(customer)).doesNotContain("capacity-non-compliance");

    // pve1 runs out of memory: from then on its outages are capacity non-compliance.
    Thread.sleep(20);
    Instant oom = Instant.now().minusMillis(5).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    change(p + "-pve1:memory", oom, "ok", "critical");
    publish(dev.vakt.monitoring.TestEvents.down(inventory, p + "-pve1:memory", oom, "x"));
    eventually(
        () ->
            assertThat(ledger(customer))
                .contains(
                    "capacity-non-compliance",
                    p + "-pve1-ping",
                    p + "-vps-http",
                    "\"from\":\"" + oom));

    // Memory recovers: the period ends there.
    Thread.sleep(20);
    Instant ok = Instant.now().minusMillis(5).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    change(p + "-pve1:memory", ok, "critical", "ok");
    publish(
        dev.vakt.monitoring.TestEvents.back(
            inventory, p + "-pve1:memory", ok, dev.vakt.monitoring.CheckState.CRITICAL));
    eventually(() -> assertThat(ledger(customer)).contains("\"to\":\"" + ok));
    assertThat(
            http.get()
                .uri("/api/clusters/" + cl + "/capacity/history")
                .retrieve()
                .body(String.class))
        .contains("shortfall");
  }

  @Test
  void aClusterApiAtVaktsOwnPortIsNeverCalled_issue16_F2_DPA3() throws Exception {
    String cl = setUp();
    JsonNode cluster = http.get().uri("/api/clusters/" + cl).retrieve().body(JsonNode.class);
    ((tools.jackson.databind.node.ObjectNode) cluster)
        .put("apiUrl", "https://127.0.0.1:" + port + "/api2/json");
    assertThat(put("/api/clusters/" + cl, cluster.toString()).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    ResponseEntity<JsonNode> res =
        http.get().uri("/api/clusters/" + cl + "/capacity").retrieve().toEntity(JsonNode.class);
    assertThat(res.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(res.getBody().toString()).contains("/apiUrl").contains("Vakt");
  }

  @Test
  void unknownClusterAndBadParameters() {
    assertThat(
            http.get()
                .uri("/api/clusters/no-such-cluster/capacity")
                .retrieve()
                .toEntity(JsonNode.class)
                .getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(
            http.get()
                .uri("/api/clusters/x/capacity?guests=some")
                .retrieve()
                .toEntity(JsonNode.class)
                .getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
  }

  static JsonNode loss(JsonNode a, String node) {
    for (JsonNode l : a.at("/report/losses")) {
      if (l.at("/node").asString().equals(node)) {
        return l;
      }
    }
    throw new AssertionError("no loss of " + node);
  }

  static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asString()));
    return out;
  }
}
