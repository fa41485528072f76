package dev.vakt.proxmox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Proxmox VE API client against a local HTTPS server. <b>Proxmox VE cannot run here</b>: {@link
 * FakePve} answers recorded responses exactly as the documented API does (paths, {@code {"data":
 * ...}} wrapping, field names, types and units, error status lines); this test says nothing about a
 * release whose answers differ from the documentation.
 *
 * <p>Covers the transport (token header, 401/403, TLS pinning, timeouts, non-JSON) and every
 * endpoint's parsing (MON-2 cluster status, MON-3 node status/storage/ZFS/LVM-thin, MON-5 Ceph,
 * MON-12 version/subscription, and the guests' configured CPU and memory).
 */
@DisplayName("Proxmox VE API client (MON-2, MON-3, MON-5, MON-12)")
class ProxmoxClientTest {

  static final String TOKEN = FakePve.TOKEN;
  static final Duration TIMEOUT = Duration.ofSeconds(5);

  @TempDir static Path dir;
  static FakePve pve;

  @BeforeAll
  static void start() throws Exception {
    pve = FakePve.start(dir, "dns:pve1.example.invalid");
    pve.on("/version", "version.json")
        .on("/cluster/status", "cluster-status.json")
        .on("/cluster/resources?type=vm", "cluster-resources-vm.json")
        .on("/cluster/resources?type=node", "cluster-resources-node.json")
        .on("/nodes/pve1/status", "node-status.json")
        .on("/nodes/pve1/storage", "storage.json")
        .on("/nodes/pve1/disks/zfs", "disks-zfs.json")
        .on("/nodes/pve1/disks/lvmthin", "disks-lvmthin.json")
        .on("/nodes/pve1/apt/update", "apt-update.json")
        .on("/nodes/pve1/subscription", "subscription-active.json")
        .on(
            "/nodes/pve1/ceph/status",
            FakePve.Answer.ok(
                "{\"data\":"
                    + FakePve.resource("/dev/vakt/monitoring/host/ceph/osd-down.json")
                    + "}"))
        .on(
            "/nodes/pve2/apt/update",
            new FakePve.Answer(
                403, "Permission check failed (/nodes/pve2, Sys.Modify)", "{\"data\":null}"))
        .on("/nodes/pve3/status", new FakePve.Answer(595, "No route to host", "{\"data\":null}"))
        .on("/nodes/pve1/html", FakePve.Answer.ok("<html><body>pveproxy</body></html>"))
        .on("/nodes/pve1/nodata", FakePve.Answer.ok("{\"errors\":{}}"));
  }

  @AfterAll
  static void stop() throws IOException {
    pve.close();
  }

  static ProxmoxClient client() throws Exception {
    return new ProxmoxClient(pve.api(), TOKEN, TlsTrust.pinned(pve.fingerprint()), TIMEOUT);
  }

  // ---- transport ----------------------------------------------------------------------------

  @Test
  void sendsTheTokenHeaderExactly() throws Exception {
    int before = pve.requests.size();
    client().version();
    FakePve.Request r = pve.requests.get(before);
    assertThat(r.method()).isEqualTo("GET");
    assertThat(r.target()).isEqualTo("/api2/json/version");
    assertThat(r.headers())
        .containsEntry(
            "authorization", "PVEAPIToken=vakt@pve!monitor=aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee");
  }

  @Test
  void acceptsATokenWithThePrefixAndResolvesItOnEachRequest() throws Exception {
    List<String> calls = new ArrayList<>();
    ProxmoxClient c =
        new ProxmoxClient(
            pve.api(),
            () -> {
              calls.add("resolved");
              return "PVEAPIToken=" + TOKEN;
            },
            TlsTrust.pinned(pve.fingerprint()),
            TIMEOUT);
    c.version();
    c.version();
    assertThat(calls).hasSize(2);
    assertThat(pve.requests.getLast().headers().get("authorization"))
        .isEqualTo("PVEAPIToken=" + TOKEN);
  }

  @Test
  void refusedTokenIsOneLineWithoutTheSecret() throws Exception {
    try (FakePve strict = FakePve.start(dir, "dns:pve1.example.invalid")) {
      strict.on("/version", new FakePve.Answer(401, "invalid token value!", "{\"data\":null}"));
      ProxmoxClient c =
          new ProxmoxClient(strict.api(), TOKEN, TlsTrust.pinned(strict.fingerprint()), TIMEOUT);
      ProxmoxException e = catchThrowableOfType(ProxmoxException.class, c::version);
      assertThat(e.kind()).isEqualTo(ProxmoxException.Kind.AUTHENTICATION);
      assertThat(e.status()).isEqualTo(401);
      assertThat(e.getMessage())
          .startsWith("API token refused (HTTP 401 invalid token value!)")
          .doesNotContain("aaaaaaaa-bbbb")
          .doesNotContain("\n");
    }
  }

  @Test
  void malformedTokenIsRefusedBeforeSendingAndNotEchoed() throws Exception {
    ProxmoxClient c =
        new ProxmoxClient(
            pve.api(), "just-a-secret-value", TlsTrust.pinned(pve.fingerprint()), TIMEOUT);
    ProxmoxException e = catchThrowableOfType(ProxmoxException.class, c::version);
    assertThat(e.kind()).isEqualTo(ProxmoxException.Kind.AUTHENTICATION);
    assertThat(e.getMessage())
        .isEqualTo("API token is not in the form USER@REALM!TOKENID=SECRET")
        .doesNotContain("just-a-secret");
  }

  @Test
  void missingPrivilegeNamesWhatPveproxySaid() throws Exception {
    ProxmoxException e =
        catchThrowableOfType(ProxmoxException.class, () -> client().pendingUpdates("pve2"));
    assertThat(e.kind()).isEqualTo(ProxmoxException.Kind.PERMISSION);
    assertThat(e.getMessage())
        .contains("GET /nodes/pve2/apt/update")
        .contains("Permission check failed (/nodes/pve2, Sys.Modify)");
  }

  @Test
  void unreachableNodeBehindTheProxyIsAnHttpError() throws Exception {
    ProxmoxException e =
        catchThrowableOfType(ProxmoxException.class, () -> client().nodeStatus("pve3"));
    assertThat(e.kind()).isEqualTo(ProxmoxException.Kind.HTTP);
    assertThat(e.status()).isEqualTo(595);
    assertThat(e.getMessage())
        .contains("cannot reach the target node")
        .contains("No route to host");
  }

  @Test
  void unknownEndpointIsNotFound() throws Exception {
    ProxmoxException e =
        catchThrowableOfType(ProxmoxException.class, () -> client().get("/nodes/pve1/nothing"));
    assertThat(e.kind()).isEqualTo(ProxmoxException.Kind.NOT_FOUND);
  }

  @Test
  void pinnedFingerprintReplacesChainAndHostNameChecks() throws Exception {
    // The certificate is self-signed for pve1.example.invalid; we connect to 127.0.0.1.
    assertThat(client().version().version()).isEqualTo("8.2.4");
    // Lower case without colons is the same pin.
    String plain = pve.fingerprint().replace(":", "").toLowerCase(java.util.Locale.ROOT);
    assertThat(
            new ProxmoxClient(pve.api(), TOKEN, TlsTrust.pinned(plain), TIMEOUT)
                .version()
                .release())
        .isEqualTo("8.2");
  }

  @Test
  void pinMismatchNamesBothFingerprints() throws Exception {
    String other = "AB:".repeat(31) + "CD";
    ProxmoxClient c = new ProxmoxClient(pve.api(), TOKEN, TlsTrust.pinned(other), TIMEOUT);
    ProxmoxException e = catchThrowableOfType(ProxmoxException.class, c::version);
    assertThat(e.kind()).isEqualTo(ProxmoxException.Kind.PIN_MISMATCH);
    assertThat(e.getMessage())
        .contains(
            "certificate fingerprint " + pve.fingerprint() + " does not match the pinned " + other)
        .doesNotContain("\n");
  }

  @Test
  void trustStoreChecksTheHostName() throws Exception {
    ProxmoxClient c =
        new ProxmoxClient(pve.api(), TOKEN, new TlsTrust.TrustStore(pve.trustStore()), TIMEOUT);
    ProxmoxException e = catchThrowableOfType(ProxmoxException.class, c::version);
    assertThat(e.kind()).isEqualTo(ProxmoxException.Kind.TLS);
    assertThat(e.getMessage()).contains("127.0.0.1");
  }

  // DPA-3: a check reaches only the address the guard approved (issue 16, F19).
  @Test
  @DisplayName("F19: the API client connects to the approved address and checks the name")
  void f19_connectsToTheApprovedAddressKeepingTheName() throws Exception {
    // pve1.example.invalid resolves nowhere: only the approved address reaches the fake node.
    URI named = URI.create("https://pve1.example.invalid:" + pve.api().getPort() + "/api2/json");
    java.net.InetAddress approved = java.net.InetAddress.getByName("127.0.0.1");
    ProxmoxClient pinned =
        new ProxmoxClient(named, TOKEN, TlsTrust.pinned(pve.fingerprint()), TIMEOUT).at(approved);
    assertThat(pinned.version().version()).isEqualTo("8.2.4");
    assertThat(pve.requests())
        .last()
        .satisfies(
            r ->
                assertThat(r.headers().get("host"))
                    .isEqualTo("pve1.example.invalid:" + pve.api().getPort()));
    // Against a trust store the certificate is checked for the name, not the address.
    ProxmoxClient trusted =
        new ProxmoxClient(named, TOKEN, new TlsTrust.TrustStore(pve.trustStore()), TIMEOUT)
            .at(approved);
    assertThat(trusted.version().version()).isEqualTo("8.2.4");
    URI other = URI.create("https://pve9.example.invalid:" + pve.api().getPort() + "/api2/json");
    ProxmoxClient wrong =
        new ProxmoxClient(other, TOKEN, new TlsTrust.TrustStore(pve.trustStore()), TIMEOUT)
            .at(approved);
    ProxmoxException e = catchThrowableOfType(ProxmoxException.class, wrong::version);
    assertThat(e.kind()).isEqualTo(ProxmoxException.Kind.TLS);
  }

  @Test
  void trustStoreAcceptsACertificateForTheAddress() throws Exception {
    try (FakePve byIp = FakePve.start(dir, "ip:127.0.0.1")) {
      byIp.on("/version", "version.json");
      ProxmoxClient c =
          new ProxmoxClient(byIp.api(), TOKEN, new TlsTrust.TrustStore(byIp.trustStore()), TIMEOUT);
      assertThat(c.version().repoid()).isEqualTo("faa83925");
    }
  }

  @Test
  void jvmTrustStoreRefusesTheSelfSignedCertificate() throws Exception {
    ProxmoxClient c = new ProxmoxClient(pve.api(), TOKEN, TlsTrust.jvmDefault(), TIMEOUT);
    assertThat(catchThrowableOfType(ProxmoxException.class, c::version).kind())
        .isEqualTo(ProxmoxException.Kind.TLS);
  }

  @Test
  void connectionRefused() throws Exception {
    ProxmoxClient c =
        new ProxmoxClient(
            URI.create("https://127.0.0.1:" + FakePve.closedPort() + "/api2/json"),
            TOKEN,
            TlsTrust.pinned(pve.fingerprint()),
            TIMEOUT);
    ProxmoxException e = catchThrowableOfType(ProxmoxException.class, c::version);
    assertThat(e.kind()).isEqualTo(ProxmoxException.Kind.CONNECTION);
    assertThat(e.getMessage()).startsWith("cannot connect to 127.0.0.1:");
  }

  @Test
  void silentServerTimesOut() throws Exception {
    List<Socket> held = new ArrayList<>();
    try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      Thread.ofVirtual()
          .start(
              () -> {
                try {
                  held.add(silent.accept());
                } catch (IOException e) {
                  // closed
                }
              });
      ProxmoxClient c =
          new ProxmoxClient(
              URI.create("https://127.0.0.1:" + silent.getLocalPort() + "/api2/json"),
              TOKEN,
              TlsTrust.pinned(pve.fingerprint()),
              Duration.ofMillis(300));
      long start = System.nanoTime();
      ProxmoxException e = catchThrowableOfType(ProxmoxException.class, c::version);
      assertThat(e.kind()).isEqualTo(ProxmoxException.Kind.TIMEOUT);
      assertThat(e.getMessage()).contains("within 300 ms");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    } finally {
      for (Socket s : held) {
        s.close();
      }
    }
  }

  @Test
  void answerThatIsNotTheApisJsonIsABadResponse() throws Exception {
    ProxmoxException html =
        catchThrowableOfType(ProxmoxException.class, () -> client().get("/nodes/pve1/html"));
    assertThat(html.kind()).isEqualTo(ProxmoxException.Kind.BAD_RESPONSE);
    assertThat(html.getMessage()).contains("not JSON").contains("<html>");
    ProxmoxException nodata =
        catchThrowableOfType(ProxmoxException.class, () -> client().get("/nodes/pve1/nodata"));
    assertThat(nodata.getMessage()).contains("no \"data\"");
  }

  @Test
  void refusesPlainHttpBadNodeNamesAndBadPins() {
    assertThatThrownBy(
            () ->
                new ProxmoxClient(
                    URI.create("http://127.0.0.1:8006/api2/json"),
                    TOKEN,
                    TlsTrust.jvmDefault(),
                    TIMEOUT))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> client().nodeStatus("../cluster"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TlsTrust.pinned("AB:CD")).isInstanceOf(IllegalArgumentException.class);
  }

  // ---- endpoints ----------------------------------------------------------------------------

  @Test
  void mon2ClusterStatus() throws Exception {
    ClusterStatus s = client().clusterStatus();
    assertThat(s.standalone()).isFalse();
    assertThat(s.cluster().orElseThrow())
        .isEqualTo(new ClusterStatus.Cluster("prod-fra1", 3, true, 7));
    assertThat(s.nodes()).hasSize(3);
    assertThat(s.nodes().getFirst())
        .isEqualTo(new ClusterStatus.Node("pve1", 1, true, true, "10.10.10.11", "c"));
    assertThat(s.offline()).isEmpty();
  }

  @Test
  void guestsWithConfiguredCpuAndMemoryInBytes() throws Exception {
    List<Guest> guests = client().guests();
    assertThat(guests)
        .extracting(Guest::id)
        .containsExactly("qemu/100", "qemu/101", "lxc/200", "qemu/9000");
    Guest web = guests.getFirst();
    assertThat(web.type()).isEqualTo("qemu");
    assertThat(web.vmid()).isEqualTo(100);
    assertThat(web.node()).isEqualTo("pve1");
    assertThat(web.maxcpu()).isEqualTo(4);
    assertThat(web.maxmem()).isEqualTo(8L * 1024 * 1024 * 1024);
    assertThat(web.maxdisk()).isEqualTo(64L * 1024 * 1024 * 1024);
    assertThat(web.running()).isTrue();
    assertThat(web.hastate()).isEqualTo("started");
    assertThat(web.pool()).isEqualTo("customer-a");
    Guest ct = guests.get(2);
    assertThat(ct.type()).isEqualTo("lxc");
    assertThat(ct.maxmem()).isEqualTo(2L * 1024 * 1024 * 1024);
    assertThat(ct.hastate()).isNull();
    assertThat(guests.get(3).template()).isTrue();
    assertThat(guests.get(3).running()).isFalse();
  }

  @Test
  void nodeCapacity() throws Exception {
    List<NodeResource> nodes = client().nodeResources();
    assertThat(nodes).extracting(NodeResource::node).containsExactly("pve1", "pve2", "pve3");
    assertThat(nodes.get(2).maxcpu()).isEqualTo(16);
    assertThat(nodes.get(2).maxmem()).isEqualTo(135007457280L);
    assertThat(nodes.get(2).online()).isTrue();
  }

  @Test
  void mon3NodeStatusWithLoadAsStrings() throws Exception {
    NodeStatus s = client().nodeStatus("pve1");
    assertThat(s.loadavg())
        .containsExactly(new BigDecimal("1.52"), new BigDecimal("2.10"), new BigDecimal("2.35"));
    assertThat(s.cpuinfo())
        .isEqualTo(new NodeStatus.CpuInfo(32, 16, 1, "AMD EPYC 7313P 16-Core Processor"));
    assertThat(s.memory())
        .isEqualTo(new NodeStatus.Memory(270014914560L, 98784247808L, 171230666752L, -1));
    assertThat(s.swap().total()).isEqualTo(8589930496L);
    assertThat(s.rootfs())
        .isEqualTo(new NodeStatus.RootFs(100861726720L, 9876543210L, 85798252544L));
    assertThat(s.cpu()).isEqualByComparingTo("0.0853");
    assertThat(s.iowait()).isEqualByComparingTo("0.0012");
    assertThat(s.pveversion()).isEqualTo("pve-manager/8.2.4/faa83925c9641325");
    assertThat(s.uptimeSeconds()).isEqualTo(2592000);
  }

  @Test
  void mon3Storage() throws Exception {
    List<StorageStatus> st = client().storage("pve1");
    assertThat(st)
        .extracting(StorageStatus::storage)
        .containsExactly("local", "local-zfs", "ceph-vm", "backup-nfs", "old-iscsi");
    assertThat(st.get(2))
        .isEqualTo(
            new StorageStatus(
                "ceph-vm",
                "rbd",
                "images",
                true,
                true,
                true,
                11811160064000L,
                10630044057600L,
                1181116006400L));
    // An inactive storage has no sizes: -1, not 0.
    assertThat(st.get(3).active()).isFalse();
    assertThat(st.get(3).total()).isEqualTo(-1);
    assertThat(st.get(4).enabled()).isFalse();
  }

  @Test
  void mon3ZfsAndThinPools() throws Exception {
    List<ZfsPool> zfs = client().zfsPools("pve1");
    assertThat(zfs.getFirst())
        .isEqualTo(
            new ZfsPool(
                "rpool",
                1992864825344L,
                1121236574208L,
                871628251136L,
                12,
                new BigDecimal("1"),
                "ONLINE"));
    assertThat(zfs.get(1).health()).isEqualTo("DEGRADED");
    assertThat(zfs.get(1).dedup()).isEqualByComparingTo("1.0");
    List<ThinPool> thin = client().thinPools("pve1");
    assertThat(thin.getFirst())
        .isEqualTo(
            new ThinPool("data", "pve", 366631436288L, 311636721664L, 3753902080L, 1238787686L));
    assertThat(thin.getFirst().fullName()).isEqualTo("pve/data");
  }

  @Test
  void pendingUpdates() throws Exception {
    List<PendingUpdate> u = client().pendingUpdates("pve1");
    assertThat(u).hasSize(5);
    assertThat(u.getFirst())
        .isEqualTo(
            new PendingUpdate(
                "libssl3",
                "Secure Sockets Layer toolkit - shared libraries",
                "3.0.15-1~deb12u1",
                "3.0.14-1~deb12u2",
                "Debian",
                "optional",
                "libs",
                "amd64"));
    assertThat(u.get(4).oldVersion()).as("a newly installed kernel has no OldVersion").isNull();
  }

  @Test
  void mon12VersionAndSubscription() throws Exception {
    assertThat(client().version()).isEqualTo(new Version("8.2.4", "8.2", "faa83925"));
    Subscription s = client().subscription("pve1");
    assertThat(s.status()).isEqualTo("active");
    assertThat(s.level()).isEqualTo("c");
    assertThat(s.nextDueDate()).isEqualTo("2027-03-14");
    assertThat(s.sockets()).isEqualTo(2);
    assertThat(s.toString()).doesNotContain("pve2c-0123456789");
  }

  @Test
  void mon5CephStatusIsTheCephDocument() throws Exception {
    var doc = client().cephStatus("pve1");
    assertThat(doc.path("health").path("status").asString()).isEqualTo("HEALTH_WARN");
    assertThat(doc.has("osdmap")).isTrue();
  }
}
