package dev.vakt.maintenance.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.IntegrationTest;
import dev.vakt.maintenance.MaintenanceProperties;
import dev.vakt.proxmox.FakePve;
import dev.vakt.proxmox.FakePveCluster;
import dev.vakt.secrets.Secrets;
import dev.vakt.ssh.TestSshServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/**
 * Maintenance runs through the REST API, end to end (MNT-4, MNT-7, MNT-12): inventory and contract
 * in PostgreSQL, runs stored and audited, executed in the background, nodes patched over SSH.
 *
 * <p><b>Proxmox VE cannot run here</b>: every test runs against {@link FakePveCluster}, a local
 * HTTPS server answering as the documented Proxmox VE API does, its certificate pinned by
 * fingerprint as a real cluster's would be. Each node's SSH is a real SSH server ({@link
 * TestSshServer}, Apache MINA) on its own loopback address, answering the patch commands.
 *
 * <p>The cluster: pve1 (primary), pve2, pve3 (secondary), 16 cores and 128 GiB each; VM 100 (web01)
 * on pve1, VMs 101 and 103 on pve2, container 200 on pve3, VM 102 on pve2's local storage.
 */
class MaintenanceRunApiTest extends IntegrationTest {

  static final String SUDO_UPDATE = "sudo -n -- " + MaintenanceProperties.UPDATE;
  static final String SUDO_UPGRADE = "sudo -n -- " + MaintenanceProperties.UPGRADE;

  @TempDir Path dir;
  @Autowired Secrets secrets;
  @Autowired MaintenanceRunService service;
  FakePve pve;
  FakePveCluster sim;
  final List<TestSshServer> ssh = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    pve = FakePve.start(dir, "dns:pve1.example.invalid");
    sim =
        new FakePveCluster(pve, "prod")
            .node("pve1", "127.0.0.1", 16, 128)
            .node("pve2", "127.0.0.2", 16, 128)
            .node("pve3", "127.0.0.3", 16, 128)
            .guest(100, "qemu", "web01", "pve1", 4, 16)
            .guest(101, "qemu", "db01", "pve2", 8, 32)
            .guest(103, "qemu", "app01", "pve2", 2, 4)
            .guest(200, "lxc", "mail01", "pve3", 2, 4)
            .localGuest(102, "build01", "pve2", 8);
    for (int i = 1; i <= 3; i++) {
      Path d = Files.createDirectories(dir.resolve("ssh" + i));
      ssh.add(
          new TestSshServer(d, "vakt", "127.0.0." + i)
              .answer(SUDO_UPDATE, TestSshServer.Answer.of("Reading package lists... Done\n"))
              .answer(SUDO_UPGRADE, TestSshServer.Answer.of("0 upgraded, 0 newly installed\n")));
    }
  }

  @AfterEach
  void stop() throws Exception {
    // A run a failed assertion left going must not run on into other tests: take it away.
    service.recover("cleanup-" + unique("owner"));
    pve.close();
    for (TestSshServer s : ssh) {
      s.close();
    }
  }

  @Test
  void theDryRunIsTheDefaultAndSendsNoPostAtAll_MNT7() throws Exception {
    String cl = setUp(true).cluster();

    ResponseEntity<JsonNode> res = post("/api/clusters/" + cl + "/maintenance-runs", null);

    assertThat(res.getStatusCode()).as(String.valueOf(res.getBody())).isEqualTo(HttpStatus.OK);
    JsonNode d = res.getBody();
    assertThat(d.at("/dryRun").asBoolean()).isTrue();
    assertThat(d.at("/wouldStart").asBoolean()).as(d.toString()).isTrue();
    assertThat(texts(d.at("/order"))).containsExactly("pve2", "pve3", "pve1");
    assertThat(texts(d.at("/plan")))
        .contains("4. guest 102 (build01) stays on pve2 (local storage): down during the reboot");
    assertThat(pve.requests()).isNotEmpty().allMatch(r -> r.method().equals("GET"));
    assertThat(sim.posts()).isEmpty();
    assertThat(get("/api/clusters/" + cl + "/maintenance-runs").getBody()).isEmpty();
  }

  @Test
  void aRollingRunThroughTheApiPatchesEveryNodeAndReturnsEveryGuestHome_MNT7_MNT4()
      throws Exception {
    String cl = setUp(true).cluster();
    String digest =
        post("/api/clusters/" + cl + "/maintenance-runs", "{}")
            .getBody()
            .at("/planDigest")
            .asString();
    ResponseEntity<JsonNode> stale =
        post(
            "/api/clusters/" + cl + "/maintenance-runs",
            "{\"dryRun\":false,\"outsideWindows\":\"acute: test\",\"reason\":\"x\",\"planDigest\":\"0000\"}");
    assertThat(stale.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(stale.getBody().at("/detail").asString()).contains("the plan changed since");

    // MNT-1, MNT-2: without a planned maintenance under way (or a reason to work outside the
    // windows) the nodes are not patched.
    ResponseEntity<JsonNode> unplanned =
        post(
            "/api/clusters/" + cl + "/maintenance-runs",
            "{\"dryRun\":false,\"reason\":\"monthly patches\"}");
    assertThat(unplanned.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(unplanned.getBody().at("/detail").asString()).contains("planned maintenance");

    // The maintenance is planned (the customers are told), then under way.
    String pve1 = cl + "-pve1";
    put(
        "/api/services/" + pve1 + "-ssh",
        "{\"id\":\""
            + pve1
            + "-ssh\",\"server\":\""
            + pve1
            + "\",\"type\":\"ssh\",\"port\":22,\"installedBy\":\"provider\"}");
    java.time.Instant from = java.time.Instant.now().plusSeconds(2);
    ResponseEntity<JsonNode> planned =
        post(
            "/api/maintenance",
            "{\"title\":\"Monthly patches\",\"purpose\":\"updates\",\"from\":\""
                + from
                + "\",\"to\":\""
                + from.plusSeconds(3600)
                + "\",\"servers\":[\""
                + pve1
                + "\"]}");
    assertThat(planned.getStatusCode()).as(planned.toString()).isEqualTo(HttpStatus.CREATED);
    String maintenance = planned.getBody().at("/id").asString();
    Thread.sleep(java.time.Duration.between(java.time.Instant.now(), from).toMillis() + 100);

    // The technician starts exactly the plan the dry run showed, inside the maintenance.
    ResponseEntity<JsonNode> res =
        post(
            "/api/clusters/" + cl + "/maintenance-runs",
            "{\"dryRun\":false,\"reason\":\"monthly patches\",\"maintenance\":\""
                + maintenance
                + "\",\"planDigest\":\""
                + digest
                + "\"}");

    assertThat(res.getStatusCode())
        .as(String.valueOf(res.getBody()))
        .isEqualTo(HttpStatus.ACCEPTED);
    String location = res.getHeaders().getLocation().toString();
    JsonNode run = awaitEnd(location);
    assertThat(run.at("/state").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
    assertThat(run.at("/kind").asString()).isEqualTo("ROLLING");
    run.at("/steps").forEach(s -> assertThat(s.at("/state").asString()).isEqualTo("DONE"));
    assertThat(List.of(100, 101, 102, 103, 200).stream().map(sim::nodeOf))
        .containsExactly("pve1", "pve2", "pve2", "pve2", "pve3");
    for (TestSshServer s : ssh) {
      assertThat(s.ran()).containsExactly(SUDO_UPDATE, SUDO_UPGRADE);
    }
    assertThat(sim.posts().stream().filter(p -> p.endsWith("command=reboot")))
        .containsExactly(
            "POST /nodes/pve2/status command=reboot",
            "POST /nodes/pve3/status command=reboot",
            "POST /nodes/pve1/status command=reboot");
    assertThat(audit(run.at("/id").asLong())).containsExactly("succeeded", "start");
  }

  @Test
  void aSecondRunIsRefusedAndARunCutOffByACrashShowsInterruptedAndIsNotResumed() throws Exception {
    String cl = setUp(true).cluster();
    sim.taskPolls(Integer.MAX_VALUE); // the first move never ends: the run is mid-step
    String location =
        post(
                "/api/clusters/" + cl + "/maintenance-runs",
                "{\"dryRun\":false,\"outsideWindows\":\"acute: test\",\"reason\":\"kernel update\"}")
            .getHeaders()
            .getLocation()
            .toString();
    JsonNode step = awaitTaskRecorded(location);

    ResponseEntity<JsonNode> second =
        post(
            "/api/clusters/" + cl + "/maintenance-runs",
            "{\"dryRun\":false,\"outsideWindows\":\"acute: test\",\"reason\":\"x\"}");
    assertThat(second.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(second.getBody().at("/detail").asString()).contains("in progress");

    // kill -9 and a restart cannot be done to the shared test application: what the restarted
    // process does is done here, under a new owner id; this process's executor stands for the
    // killed one and must stop without writing or sending anything more.
    List<MaintenanceRun> interrupted = service.recover("restarted-" + unique("owner"));
    assertThat(interrupted).extracting(MaintenanceRun::cluster).contains(cl);
    int posts = sim.posts().size();
    awaitQuiet();

    JsonNode run = get(location).getBody();
    assertThat(run.at("/state").asString()).isEqualTo("INTERRUPTED");
    int index = step.at("/index").asInt();
    assertThat(run.at("/steps/" + index + "/state").asString()).isEqualTo("INTERRUPTED");
    assertThat(run.at("/failure/step").asInt()).isEqualTo(index);
    assertThat(run.at("/failure/reason").asString()).contains("Vakt stopped (crash");
    assertThat(run.at("/failure/advice").asString())
        .contains(step.at("/upid").asString())
        .contains("does not resume a run");
    assertThat(run.at("/steps/" + (index + 1) + "/state").asString()).isEqualTo("NOT_RUN");
    assertThat(sim.posts()).hasSize(posts);
    assertThat(audit(run.at("/id").asLong())).containsExactly("interrupted", "start");
  }

  @Test
  void aRunRefusesNodesThatFailTheN1CheckAndNamesThoseThatCanBeDone_MNT7() throws Exception {
    // big01 (90 GiB) fits neither pve2 (44 GiB carried) nor pve3 (64 GiB) within 128 GiB.
    sim.guest(201, "lxc", "files01", "pve3", 2, 60).guest(300, "qemu", "big01", "pve1", 8, 90);
    String cl = setUp(true).cluster();

    ResponseEntity<JsonNode> refused =
        post(
            "/api/clusters/" + cl + "/maintenance-runs",
            "{\"dryRun\":false,\"outsideWindows\":\"acute: test\",\"reason\":\"x\"}");

    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(refused.getBody().at("/detail").asString())
        .contains("node pve1 fails the N-1 check")
        .contains("nodes that can be maintained now: pve2, pve3");
    assertThat(sim.posts()).isEmpty();

    ResponseEntity<JsonNode> some =
        post(
            "/api/clusters/" + cl + "/maintenance-runs",
            "{\"dryRun\":false,\"outsideWindows\":\"acute: test\",\"reason\":\"x\",\"nodes\":[\"pve3\",\"pve2\"]}");
    assertThat(some.getStatusCode())
        .as(String.valueOf(some.getBody()))
        .isEqualTo(HttpStatus.ACCEPTED);
    JsonNode run = awaitEnd(some.getHeaders().getLocation().toString());
    assertThat(run.at("/state").asString()).isEqualTo("SUCCEEDED");
    assertThat(texts(run.at("/order"))).containsExactly("pve2", "pve3");
    assertThat(sim.posts()).noneMatch(p -> p.contains("/nodes/pve1/status"));
  }

  @Test
  void aCustomerWhoseContractAllowsItRestartsItsVps_MNT12_DPA4() throws Exception {
    Ids ids = setUp(true);

    String customer =
        jdbc.sql("select customer_id from server where id = :id")
            .param("id", ids.vps())
            .query(String.class)
            .single();
    // DPA-4: another customer's admin does not even find the server.
    customer(unique("other"));
    org.springframework.web.client.RestClient stranger =
        as(dev.vakt.access.Role.CUSTOMER_ADMIN, lastCustomer);
    assertThat(
            stranger
                .post()
                .uri("/api/servers/" + ids.vps() + "/restart")
                .contentType(MediaType.APPLICATION_JSON)
                .body("{}")
                .retrieve()
                .toBodilessEntity()
                .getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(sim.posts()).isEmpty();

    // The customer's own admin restarts it from its account.
    ResponseEntity<JsonNode> res =
        as(dev.vakt.access.Role.CUSTOMER_ADMIN, customer)
            .post()
            .uri("/api/servers/" + ids.vps() + "/restart")
            .contentType(MediaType.APPLICATION_JSON)
            .body("{\"reason\":\"hung web server\"}")
            .retrieve()
            .toEntity(JsonNode.class);

    assertThat(res.getStatusCode())
        .as(String.valueOf(res.getBody()))
        .isEqualTo(HttpStatus.ACCEPTED);
    JsonNode run = awaitEnd(res.getHeaders().getLocation().toString());
    assertThat(run.at("/state").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
    assertThat(run.at("/kind").asString()).isEqualTo("RESTART");
    assertThat(run.at("/server").asString()).isEqualTo(ids.vps());
    assertThat(sim.posts()).containsExactly("POST /nodes/pve1/qemu/100/status/reboot");
    assertThat(audit(run.at("/id").asLong())).containsExactly("succeeded", "start");
  }

  private String lastCustomer;

  private void customer(String id) {
    lastCustomer = id;
    put(
        "/api/customers/" + id + "?provider=stw",
        "{\"id\":\"" + id + "\",\"name\":\"Other AS\",\"country\":\"NO\",\"language\":\"nb\"}");
  }

  /** A client signed in with an API token of a new account of {@code role}. */
  private org.springframework.web.client.RestClient as(dev.vakt.access.Role role, String customer) {
    String user = unique("u");
    accounts.create(
        new dev.vakt.access.Accounts.NewAccount(user, "a long test password", role, customer),
        "test");
    String token =
        apiTokens.issue(user, "t", dev.vakt.access.ApiTokens.Scope.WRITE, null, "test").value();
    return anonymous().mutate().defaultHeader("Authorization", "Bearer " + token).build();
  }

  @Test
  void aRestartsDryRunChecksAndSaysWhatItWouldDoWithoutRestarting_MNT12() throws Exception {
    Ids ids = setUp(true);
    ResponseEntity<JsonNode> dry =
        post("/api/servers/" + ids.vps() + "/restart", "{\"dryRun\":true}");
    assertThat(dry.getStatusCode()).as(String.valueOf(dry.getBody())).isEqualTo(HttpStatus.OK);
    assertThat(dry.getBody().at("/dryRun").asBoolean()).isTrue();
    assertThat(dry.getBody().at("/vmid").asInt()).isEqualTo(100);
    assertThat(dry.getBody().at("/node").asString()).isEqualTo("pve1");
    assertThat(dry.getBody().at("/plan").asString()).contains("guest 100").contains("pve1");
    assertThat(sim.posts()).isEmpty();
    assertThat(
            http.get()
                .uri("/api/clusters/" + ids.cluster() + "/maintenance-runs")
                .retrieve()
                .body(JsonNode.class)
                .size())
        .isZero();

    // The same refusals as the real one.
    Ids without = setUp(false);
    assertThat(
            post("/api/servers/" + without.vps() + "/restart", "{\"dryRun\":true}").getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
  }

  @Test
  void aRestartIsRefusedWithoutSelfServiceInTheContractOrWithoutAGuest_MNT12() throws Exception {
    Ids without = setUp(false);
    ResponseEntity<JsonNode> res = post("/api/servers/" + without.vps() + "/restart", null);
    assertThat(res.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(res.getBody().at("/detail").asString()).contains("maintenance.restart.selfService");

    Ids with = setUp(true);
    ResponseEntity<JsonNode> node = post("/api/servers/" + with.cluster() + "-pve1/restart", null);
    assertThat(node.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(node.getBody().at("/detail").asString()).contains("names no guest placement");
    assertThat(post("/api/servers/no-such-server/restart", null).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(sim.posts()).isEmpty();
  }

  // ---- set-up and helpers ---------------------------------------------------------------------

  record Ids(String cluster, String vps) {}

  /** A provider, a contract (restart self-service or not), a cluster of three nodes, a VPS. */
  Ids setUp(boolean selfService) throws Exception {
    String p = unique("mrun");
    importOneCustomer(
        p,
        """
          capacity: { nMinusOne: true, cpuOvercommit: 4.0, ramOvercommit: 1.0, storageMaxUsed: 80 }
          maintenance:
            restart: { selfService: %s }
        """
            .formatted(selfService));
    secrets.put(p + "-token", "vakt@pve!maintenance=00000000-0000-0000-0000-000000000000", "test");
    String cl = p + "-cl";
    ok(
        put(
            "/api/clusters/" + cl,
            """
            {"id":"%s","customer":"%s-cust","name":"prod","apiUrl":"%s",
             "apiToken":"secret:%s-token","apiFingerprint":"%s"}
            """
                .formatted(cl, p, pve.api(), p, pve.fingerprint())));
    String[] roles = {"primary", "secondary", "secondary"};
    for (int i = 1; i <= 3; i++) {
      TestSshServer s = ssh.get(i - 1);
      secrets.put(p + "-key" + i, s.privateKey(), "test");
      ok(
          put(
              "/api/servers/" + cl + "-pve" + i,
              """
              {"id":"%1$s-pve%2$d","customer":"%3$s-cust","cluster":"%1$s","kind":"proxmox-node",
               "ownership":"provider","address":"127.0.0.%2$d","role":"%4$s",
               "access":{"ssh":{"user":"vakt","port":%5$d,"key":"secret:%3$s-key%2$d","sudo":true,
                                "hostKey":"%6$s"}}}
              """
                  .formatted(cl, i, p, roles[i - 1], s.port(), s.hostKey())));
    }
    String vps = p + "-vps1";
    ok(
        put(
            "/api/servers/" + vps,
            """
            {"id":"%s","customer":"%s-cust","kind":"vps","ownership":"provider",
             "address":"127.0.0.1","guest":{"cluster":"%s","vmid":100}}
            """
                .formatted(vps, p, cl)));
    return new Ids(cl, vps);
  }

  ResponseEntity<JsonNode> get(String path) {
    return http.get().uri(path).retrieve().toEntity(JsonNode.class);
  }

  static void ok(ResponseEntity<JsonNode> res) {
    assertThat(res.getStatusCode()).as(String.valueOf(res.getBody())).isEqualTo(HttpStatus.OK);
  }

  /** The run once it has ended (runs execute in the background). */
  JsonNode awaitEnd(String location) throws InterruptedException {
    for (int i = 0; i < 600; i++) {
      JsonNode run = get(location).getBody();
      if (!run.at("/state").asString().equals("RUNNING")) {
        return run;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("run " + location + " did not end: " + get(location).getBody());
  }

  /** The first step that has recorded its task. */
  JsonNode awaitTaskRecorded(String location) throws InterruptedException {
    for (int i = 0; i < 300; i++) {
      for (JsonNode s : get(location).getBody().at("/steps")) {
        if (s.at("/state").asString().equals("RUNNING") && s.hasNonNull("upid")) {
          return s;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no step started a task: " + get(location).getBody());
  }

  /** Waits until the cut-off executor has stopped polling the API (it polls every 2 s). */
  void awaitQuiet() throws InterruptedException {
    int before = -1;
    for (int i = 0; i < 10; i++) {
      Thread.sleep(2_500);
      int now = pve.requests().size();
      if (now == before) {
        return;
      }
      before = now;
    }
    throw new AssertionError("the interrupted run's executor kept polling");
  }

  /** The run's audit actions, newest first. */
  List<String> audit(long run) {
    return texts(get("/api/audit?entity=maintenance-run&id=" + run).getBody().findValues("action"));
  }

  static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asString()));
    return out;
  }

  static List<String> texts(List<JsonNode> nodes) {
    return nodes.stream().map(JsonNode::asString).toList();
  }
}
