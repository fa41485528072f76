package dev.vakt.monitoring.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vakt.contract.MonitoringTerms.HostCheck;
import dev.vakt.monitoring.CheckResult;
import dev.vakt.monitoring.CheckState;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** MON-5: Ceph OSD, MON, MDS and RGW from one {@code ceph status -f json}. */
@DisplayName("MON-5 Ceph")
class CephReaderTest {

  @ParameterizedTest(name = "{1} on {0} -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "health-ok.json | CEPH_OSD | OK | 6 of 6 OSDs up, 6 in; cluster HEALTH_OK",
        "health-ok.json | CEPH_MON | OK | 3 of 3 monitors in quorum",
        "health-ok.json | CEPH_MDS | OK | no CephFS file system",
        "health-ok.json | CEPH_RGW | CRITICAL | no RADOS gateway (RGW) daemon running",
        "osd-down.json | CEPH_OSD | WARNING | OSD_DOWN: 1 osds down; PG_DEGRADED: Degraded data"
            + " redundancy",
        "osd-down.json | CEPH_OSD | WARNING | 5 of 6 OSDs up, 6 in",
        "osd-down.json | CEPH_MON | OK | 3 of 3 monitors in quorum; cluster HEALTH_WARN",
        "clock-skew.json | CEPH_MON | WARNING | MON_CLOCK_SKEW: clock skew detected on mon.pve3",
        "clock-skew.json | CEPH_OSD | OK | 6 of 6 OSDs up",
        "mon-down.json | CEPH_MON | WARNING | MON_DOWN: 1/3 mons down, quorum pve1,pve2; 1 of 3"
            + " monitors out of quorum (quorum: pve1, pve2)",
        "health-err.json | CEPH_OSD | CRITICAL | OSD_FULL: 1 full osd(s); 2 PGs not active",
        "health-err.json | CEPH_MON | WARNING | RECENT_CRASH: 1 daemons have recently crashed",
        "cephfs-rgw.json | CEPH_MDS | OK | 1 MDS active of max 1, 2 standby",
        "cephfs-rgw.json | CEPH_RGW | OK | 2 RGW daemons: pve1, pve2",
        "cephfs-rgw.json | CEPH_MON | OK | RECENT_CRASH (muted warning)",
        "mds-replay.json | CEPH_MDS | WARNING | FS_DEGRADED: 1 filesystem is degraded;"
            + " MDS_INSUFFICIENT_STANDBY",
        "mds-replay.json | CEPH_MDS | WARNING | MDS pve2 (rank 0) up:replay",
      })
  void judgesEachPartOfTheCluster(String sample, HostCheck check, CheckState state, String part) {
    CheckResult r =
        new CephReader(check)
            .read(List.of(SystemSamples.ok("ceph/" + sample)), SystemSamples.DEFAULTS);

    assertThat(r.state()).isEqualTo(state);
    assertThat(r.reason()).contains(part);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "health-ok.json, CEPH_OSD, osds, 6",
    "osd-down.json,  CEPH_OSD, osds_up, 5",
    "osd-down.json,  CEPH_OSD, pgs_degraded, 43",
    "health-err.json, CEPH_OSD, pgs_inactive, 2",
    "mon-down.json,  CEPH_MON, mons_in_quorum, 2",
    "mon-down.json,  CEPH_MON, mons, 3",
    "cephfs-rgw.json, CEPH_MDS, mds_standby, 2",
    "cephfs-rgw.json, CEPH_RGW, rgw_daemons, 2",
  })
  void reportsCountsAsMetrics(String sample, HostCheck check, String metric, int value) {
    CheckResult r =
        new CephReader(check)
            .read(List.of(SystemSamples.ok("ceph/" + sample)), SystemSamples.DEFAULTS);

    assertThat(r.metrics().get(metric)).isEqualByComparingTo(String.valueOf(value));
  }

  @Test
  void everyHealthCodeRaisesExactlyOneCheck() {
    String json = SystemSamples.text("ceph/health-err.json");
    long warned =
        List.of(HostCheck.CEPH_OSD, HostCheck.CEPH_MON, HostCheck.CEPH_MDS).stream()
            .map(
                c ->
                    new CephReader(c).read(List.of(CommandOutput.ok(json)), SystemSamples.DEFAULTS))
            .filter(r -> r.reason().contains("RECENT_CRASH"))
            .count();
    assertThat(warned).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0}: {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "CEPH_MON | timed-out.txt | CRITICAL | Ceph monitors not reachable",
        "CEPH_OSD | timed-out.txt | UNKNOWN | cannot read ceph status (exit 1): [errno 110]",
        "CEPH_OSD | not-configured.txt | UNKNOWN | Error initializing cluster client",
      })
  void clusterNotReachable(HostCheck check, String sample, CheckState state, String fragment) {
    CheckResult r =
        new CephReader(check)
            .read(
                List.of(SystemSamples.failed(1, SystemSamples.text("ceph/" + sample))),
                SystemSamples.DEFAULTS);

    assertThat(r.state()).isEqualTo(state);
    assertThat(r.reason()).contains(fragment);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "not json | {\"health\": | cannot read ceph status",
        "other json | {\"status\": \"ok\"} | cannot read ceph status",
      })
  void garbageIsUnknown(String name, String stdout, String fragment) {
    CheckResult r =
        new CephReader(HostCheck.CEPH_OSD)
            .read(List.of(CommandOutput.ok(stdout)), SystemSamples.DEFAULTS);

    assertThat(r.state()).isEqualTo(CheckState.UNKNOWN);
    assertThat(r.reason()).contains(fragment);
  }

  @Test
  void cephMissingIsUnknown() {
    CheckResult r =
        new CephReader(HostCheck.CEPH_MON)
            .read(
                List.of(SystemSamples.failed(127, "bash: line 1: ceph: command not found")),
                SystemSamples.DEFAULTS);

    assertThat(r.state()).isEqualTo(CheckState.UNKNOWN);
    assertThat(r.reason()).startsWith("ceph not found on the host");
  }

  @Test
  void onlyCephChecks() {
    assertThatThrownBy(() -> new CephReader(HostCheck.ZFS))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
