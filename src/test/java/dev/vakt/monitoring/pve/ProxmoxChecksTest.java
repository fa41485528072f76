package dev.vakt.monitoring.pve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.contract.MonitoringTerms.HostCheck;
import dev.vakt.monitoring.CheckResult;
import dev.vakt.monitoring.CheckState;
import dev.vakt.monitoring.host.CephReader;
import dev.vakt.monitoring.host.CommandOutput;
import dev.vakt.monitoring.host.HostContext;
import dev.vakt.monitoring.host.PlatformSupportReader;
import dev.vakt.monitoring.host.QuorumReader;
import dev.vakt.proxmox.FakePve;
import dev.vakt.proxmox.ProxmoxClient;
import dev.vakt.proxmox.Subscription;
import dev.vakt.proxmox.ThinPool;
import dev.vakt.proxmox.TlsTrust;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Host checks through the Proxmox VE API. <b>Proxmox VE cannot run here</b>: {@link FakePve} is a
 * local HTTPS server answering recorded responses exactly as the documented API does. Where the SSH
 * path reads the same facts, the tests feed both paths equivalent inputs (the same Ceph document; a
 * {@code pvecm status} and the {@code /cluster/status} of the same cluster; {@code pveversion} and
 * {@code pvesubscription get} and their API answers) and require the same state.
 */
@DisplayName("Proxmox VE API checks (MON-2, MON-3, MON-5, MON-12)")
class ProxmoxChecksTest {

  static final HostContext CONTEXT = HostContext.defaults(LocalDate.of(2026, 3, 1));
  static final String HOST = "/dev/vakt/monitoring/host/";

  @TempDir static Path dir;
  static FakePve pve;
  static ProxmoxChecks checks;

  @BeforeAll
  static void start() throws Exception {
    pve = FakePve.start(dir, "dns:pve1.example.invalid");
    pve.on("/cluster/status", "cluster-status.json")
        .on("/nodes/pve1/status", "node-status.json")
        .on("/nodes/pve2/status", "node-status-busy.json")
        .on("/nodes/pve1/storage", "storage.json")
        .on("/nodes/pve1/disks/zfs", "disks-zfs.json")
        .on("/nodes/pve2/disks/zfs", FakePve.Answer.ok("{\"data\":[]}"))
        .on("/nodes/pve1/disks/lvmthin", "disks-lvmthin.json")
        .on("/nodes/pve1/apt/update", "apt-update.json")
        .on("/nodes/pve3/apt/update", "apt-update-proxmox-only.json")
        .on(
            "/nodes/pve2/apt/update",
            new FakePve.Answer(
                403, "Permission check failed (/nodes/pve2, Sys.Modify)", "{\"data\":null}"))
        .on("/nodes/pve1/subscription", "subscription-active.json")
        .on("/nodes/pve2/subscription", "subscription-notfound.json")
        .on("/nodes/pve2/ceph/status", new FakePve.Answer(500, "got timeout", "{\"data\":null}"));
    checks =
        new ProxmoxChecks(
            new ProxmoxClient(
                pve.api(),
                FakePve.TOKEN,
                TlsTrust.pinned(pve.fingerprint()),
                Duration.ofSeconds(5)));
  }

  @AfterAll
  static void stop() throws IOException {
    pve.close();
  }

  // ---- MON-2 quorum: API and SSH agree --------------------------------------------------------

  @ParameterizedTest(name = "MON-2 {0} ~ {1} -> {2}")
  @CsvSource({
    "quorate.txt, cluster-status.json, OK",
    "node-missing.txt, cluster-status-node-missing.json, WARNING",
    "not-quorate.txt, cluster-status-not-quorate.json, CRITICAL",
    "standalone.txt, cluster-status-standalone.json, OK",
  })
  void mon2QuorumSameAsSsh(String pvecm, String api, CheckState state) {
    pve.on("/cluster/status", api);
    CheckResult viaApi = checks.run(HostCheck.COROSYNC_QUORUM, "pve1", CONTEXT);
    String text = FakePve.resource(HOST + "pvecm/" + pvecm);
    CheckResult viaSsh =
        new QuorumReader()
            .read(
                List.of(
                    pvecm.equals("standalone.txt")
                        ? new CommandOutput(255, "", text)
                        : CommandOutput.ok(text)),
                CONTEXT);
    assertThat(viaApi.state()).isEqualTo(state).isEqualTo(viaSsh.state());
    assertThat(viaApi.reason()).startsWith(viaSsh.reason());
    pve.on("/cluster/status", "cluster-status.json");
  }

  @Test
  void mon2OfflineNodesAreNamed() {
    pve.on("/cluster/status", "cluster-status-node-missing.json");
    CheckResult r = checks.run(HostCheck.COROSYNC_QUORUM, "pve1", CONTEXT);
    assertThat(r.reason())
        .isEqualTo("quorate, but 1 vote missing: 2 of 3 expected votes, quorum 2; offline: pve3");
    assertThat(r.metrics().get("total_votes")).isEqualByComparingTo("2");
    pve.on("/cluster/status", "cluster-status.json");
  }

  // ---- MON-5 Ceph: the same document, the same verdict ----------------------------------------

  @ParameterizedTest(name = "MON-5 {0} {1}")
  @CsvSource({
    "health-ok.json, CEPH_OSD", "health-ok.json, CEPH_MON", "health-ok.json, CEPH_MDS",
    "health-ok.json, CEPH_RGW", "osd-down.json, CEPH_OSD", "osd-down.json, CEPH_MON",
    "mon-down.json, CEPH_MON", "mon-down.json, CEPH_OSD", "mds-replay.json, CEPH_MDS",
    "cephfs-rgw.json, CEPH_RGW", "cephfs-rgw.json, CEPH_MDS", "clock-skew.json, CEPH_MON",
    "health-err.json, CEPH_OSD", "health-err.json, CEPH_MON",
  })
  void mon5CephSameAsSsh(String sample, HostCheck check) {
    String doc = FakePve.resource(HOST + "ceph/" + sample);
    pve.on("/nodes/pve1/ceph/status", FakePve.Answer.ok("{\"data\":" + doc + "}"));
    CheckResult viaApi = checks.run(check, "pve1", CONTEXT);
    CheckResult viaSsh = new CephReader(check).read(List.of(CommandOutput.ok(doc)), CONTEXT);
    assertThat(viaApi.state()).isEqualTo(viaSsh.state());
    assertThat(viaApi.reason()).isEqualTo(viaSsh.reason());
    assertThat(viaApi.metrics()).isEqualTo(viaSsh.metrics());
  }

  @Test
  void mon5MonitorsTimingOutIsCriticalAsOverSsh() {
    CheckResult r = checks.run(HostCheck.CEPH_MON, "pve2", CONTEXT);
    assertThat(r.state()).isEqualTo(CheckState.CRITICAL);
    assertThat(r.reason()).startsWith("Ceph monitors not reachable (no quorum?)");
    assertThat(checks.run(HostCheck.CEPH_OSD, "pve2", CONTEXT).state())
        .isEqualTo(CheckState.UNKNOWN);
  }

  // ---- MON-12 platform support: API and SSH agree ---------------------------------------------

  @ParameterizedTest(name = "MON-12 {0} + {1} on {3} -> {4}")
  @CsvSource({
    "pve8.txt, active.txt, subscription-active.json, 2026-03-01, OK",
    "pve8.txt, active.txt, subscription-active.json, 2026-07-01, WARNING",
    "pve8.txt, notfound.txt, subscription-notfound.json, 2026-03-01, WARNING",
    "pve8.txt, expired.txt, subscription-expired.json, 2026-03-01, WARNING",
    "pve7.txt, pve7-active.txt, subscription-active.json, 2026-03-01, CRITICAL",
    "pve9.txt, active.txt, subscription-active.json, 2026-03-01, OK",
    "pve10.txt, active.txt, subscription-active.json, 2026-03-01, UNKNOWN",
  })
  void mon12PlatformSameAsSsh(
      String pveversion, String pvesub, String api, LocalDate today, CheckState state)
      throws Exception {
    HostContext context = HostContext.defaults(today);
    String version = FakePve.resource(HOST + "pveversion/" + pveversion);
    CheckResult viaSsh =
        new PlatformSupportReader()
            .read(
                List.of(
                    CommandOutput.ok(version),
                    CommandOutput.ok(FakePve.resource(HOST + "pvesubscription/" + pvesub))),
                context);
    Subscription sub =
        Subscription.of(
            tools.jackson.databind.json.JsonMapper.builder()
                .build()
                .readTree(FakePve.resource(api))
                .path("data"));
    CheckResult viaApi = checks.platformSupport(version, sub, context);
    assertThat(viaApi.state()).isEqualTo(state).isEqualTo(viaSsh.state());
    // The major's part of the reason is word for word the same.
    assertThat(viaApi.reason().split(";")[0]).isEqualTo(viaSsh.reason().split(";")[0]);
  }

  @Test
  void mon12EndToEndThroughTheApi() {
    CheckResult ok = checks.run(HostCheck.PLATFORM_SUPPORT, "pve1", CONTEXT);
    assertThat(ok.state()).isEqualTo(CheckState.OK);
    assertThat(ok.reason())
        .contains("Proxmox VE 8.2.4 (Debian 12 (bookworm)) supported until 2026-08-31")
        .contains("subscription active, next due 2027-03-14");
    // pve2 runs 7.4-19 without a subscription.
    CheckResult old = checks.run(HostCheck.PLATFORM_SUPPORT, "pve2", CONTEXT);
    assertThat(old.state()).isEqualTo(CheckState.CRITICAL);
    assertThat(old.reason())
        .contains("Proxmox VE 7.4-19 (Debian 11 (bullseye)) out of security support")
        .contains("no active subscription: status notfound (There is no subscription key)");
  }

  // ---- MON-3 ---------------------------------------------------------------------------------

  @Test
  void mon3MemoryAndLoad() {
    CheckResult mem = checks.run(HostCheck.MEMORY, "pve1", CONTEXT);
    assertThat(mem.state()).isEqualTo(CheckState.OK);
    assertThat(mem.reason()).startsWith("memory 36.6 % used");
    CheckResult busyMem = checks.run(HostCheck.MEMORY, "pve2", CONTEXT);
    assertThat(busyMem.state()).isEqualTo(CheckState.CRITICAL);
    assertThat(busyMem.reason()).contains("and swapping: swap 75 % used");

    CheckResult load = checks.run(HostCheck.LOAD, "pve1", CONTEXT);
    assertThat(load.state()).isEqualTo(CheckState.OK);
    assertThat(load.reason()).startsWith("load per core 0.07: 5-min load 2.10 on 32 cores");
    assertThat(checks.run(HostCheck.LOAD, "pve2", CONTEXT).state()).isEqualTo(CheckState.WARNING);
  }

  @Test
  void mon3DiskFromRootAndStorages() {
    CheckResult r = checks.run(HostCheck.DISK, "pve1", CONTEXT);
    // ceph-vm at 90 % (warning 85), backup-nfs enabled but inactive; zfspool left to ZFS.
    assertThat(r.state()).isEqualTo(CheckState.WARNING);
    assertThat(r.reason())
        .contains("storage ceph-vm (rbd) 90 % used (warning at 85 %)")
        .contains("storage backup-nfs (nfs) not active on this node")
        .contains("/ 9.8 % used")
        .doesNotContain("local-zfs")
        .doesNotContain("old-iscsi");
    assertThat(r.metrics()).containsKeys("root_used_pct", "ceph-vm_used_pct", "local_used_pct");
  }

  @Test
  void mon3ZfsHealthAndCapacity() {
    CheckResult r = checks.run(HostCheck.ZFS, "pve1", CONTEXT);
    assertThat(r.state()).isEqualTo(CheckState.CRITICAL);
    assertThat(r.reason())
        .startsWith("zpool tank DEGRADED")
        .contains("zpool tank 91 % used (warning at 85 %)")
        .contains("zpool rpool 56.3 % used");
    CheckResult none = checks.run(HostCheck.ZFS, "pve2", CONTEXT);
    assertThat(none.state()).isEqualTo(CheckState.OK);
    assertThat(none.reason()).isEqualTo("no ZFS pools on this node");
  }

  @Test
  void mon3ThinPoolDataAndMetadata() {
    CheckResult r = checks.run(HostCheck.LVM_THIN, "pve1", CONTEXT);
    // pve/data at 85 % data (warning 80), ssd/thin2 metadata at 95 % (critical 90).
    assertThat(r.state()).isEqualTo(CheckState.CRITICAL);
    assertThat(r.reason())
        .startsWith("thin pool ssd/thin2 metadata 95 % used (critical at 90 %)")
        .contains("thin pool pve/data data 85 % used (warning at 80 %)")
        .contains("thin pool pve/data metadata 33 % used");
  }

  @Test
  void mon3ThinPoolThresholdsAreTheThinPoolLevels() {
    List<ThinPool> pools = List.of(new ThinPool("data", "pve", 100, 79, 100, 10));
    assertThat(ProxmoxChecks.thinPools(pools, CONTEXT).state()).isEqualTo(CheckState.OK);
    pools = List.of(new ThinPool("data", "pve", 100, 80, 100, 10));
    assertThat(ProxmoxChecks.thinPools(pools, CONTEXT).state()).isEqualTo(CheckState.WARNING);
    pools = List.of(new ThinPool("data", "pve", 100, 10, 100, 90));
    assertThat(ProxmoxChecks.thinPools(pools, CONTEXT).state()).isEqualTo(CheckState.CRITICAL);
  }

  // ---- pending updates -----------------------------------------------------------------------

  @Test
  void debianStableUpdatesCountAsPossibleSecurityUpdates() {
    CheckResult r = checks.run(HostCheck.PENDING_UPDATES, "pve1", CONTEXT);
    assertThat(r.state()).isEqualTo(CheckState.WARNING);
    assertThat(r.reason())
        .startsWith(
            "3 possible security updates pending (Debian stable updates; the API does not name the"
                + " suite): libssl3, openssh-server, tzdata")
        .contains("2 other updates pending");
    assertThat(r.metrics().get("updates")).isEqualByComparingTo("5");
    assertThat(r.metrics().get("security_updates")).isEqualByComparingTo("3");

    CheckResult proxmoxOnly = checks.run(HostCheck.PENDING_UPDATES, "pve3", CONTEXT);
    assertThat(proxmoxOnly.state()).isEqualTo(CheckState.OK);
    assertThat(proxmoxOnly.reason()).isEqualTo("1 other update pending");
  }

  @Test
  void missingPrivilegeIsUnknownWithTheReason() {
    CheckResult r = checks.run(HostCheck.PENDING_UPDATES, "pve2", CONTEXT);
    assertThat(r.state()).isEqualTo(CheckState.UNKNOWN);
    assertThat(r.reason())
        .startsWith("Proxmox VE API: permission denied for GET /nodes/pve2/apt/update")
        .contains("Sys.Modify");
  }

  // ---- never OK for what the API cannot tell -------------------------------------------------

  @ParameterizedTest
  @EnumSource(
      value = HostCheck.class,
      names = {
        "CPU",
        "RAID",
        "SMART",
        "REBOOT_NEEDED",
        "MAIL_QUEUE",
        "MAIL_SENDING_LIMITS",
        "TRAFFIC"
      })
  void unsupportedChecksAreUnknown(HostCheck check) {
    assertThat(ProxmoxChecks.supports(check)).isFalse();
    CheckResult r = checks.run(check, "pve1", CONTEXT);
    assertThat(r.state()).isEqualTo(CheckState.UNKNOWN);
    assertThat(r.reason()).contains("SSH");
  }

  @Test
  void unreachableApiIsUnknownNeverOk() throws Exception {
    ProxmoxChecks down =
        new ProxmoxChecks(
            new ProxmoxClient(
                java.net.URI.create("https://127.0.0.1:" + FakePve.closedPort() + "/api2/json"),
                FakePve.TOKEN,
                TlsTrust.pinned(pve.fingerprint()),
                Duration.ofSeconds(2)));
    for (HostCheck c : HostCheck.values()) {
      CheckResult r = down.run(c, "pve1", CONTEXT);
      assertThat(r.state()).as(c.name()).isEqualTo(CheckState.UNKNOWN);
    }
  }
}
