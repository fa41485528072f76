package dev.vakt.monitoring.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.common.Percent;
import dev.vakt.contract.MonitoringTerms;
import dev.vakt.contract.MonitoringTerms.HostCheck;
import dev.vakt.monitoring.CheckResult;
import dev.vakt.monitoring.CheckState;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * MON-3: ZFS pools. Samples are OpenZFS 2.1 (Debian 12, Proxmox VE 8): {@code zpool list -Hp ...}
 * in {@code <case>.list.txt}, {@code zpool status -x} in {@code <case>.status.txt}.
 */
@DisplayName("MON-3 ZFS pools")
class ZfsReaderTest {

  private final ZfsReader reader = new ZfsReader();

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          online         | OK       | 2 pools ONLINE (rpool 12.8 %, tank 37.8 %)                         | pools=2 zfs_rpool_pct=12.8 zfs_tank_pct=37.8
          no-pools       | OK       | no ZFS pools                                                       | pools=0
          resilvering    | CRITICAL | tank: DEGRADED, ata-WDC_WD40EFRX-68N32N0_WD-WCC7K7JK8LM9 FAULTED (too many errors), resilver 13.97 % done, 02:07:40 to go; 1 pool ONLINE (rpool 12.8 %) | zfs_tank_pct=37.9
          degraded       | CRITICAL | tank: DEGRADED, 11083503785464428345 UNAVAIL (was /dev/disk/by-id/ata-WDC_WD40EFRX-68N32N0_WD-WCC7K4EF5GH6-part1) | pools=1
          unavailable    | CRITICAL | backup: UNAVAIL, usb-WD_Elements_25A3_5758123-0:0 UNAVAIL           | pools=2 zfs_rpool_pct=12.8
          full           | CRITICAL | rpool: 96 % used (critical at 95 %); tank: 88.5 % used (warning at 85 %) | zfs_rpool_pct=96.0 zfs_tank_pct=88.5
          data-errors    | CRITICAL | tank: 2 data errors, use '-v' for a list, sdb 0/0/4 read/write/checksum errors | pools=1
          repaired-error | WARNING  | tank: sdb 0/0/3 read/write/checksum errors, One or more devices has experienced an unrecoverable error | pools=1
          """)
  void judgesSamples(String sample, CheckState state, String reason, String metrics) {
    CheckResult result =
        reader.read(
            List.of(
                StorageSamples.ok("zpool", sample + ".list.txt"),
                StorageSamples.ok("zpool", sample + ".status.txt")),
            StorageSamples.DEFAULTS);

    assertThat(result.state()).isEqualTo(state);
    assertThat(result.reason()).contains(reason);
    assertThat(result.metrics()).containsAllEntriesOf(StorageSamples.metrics(metrics));
  }

  @Test
  void capacityFollowsTheContractsDiskLevels() {
    var thresholds =
        new MonitoringTerms.Thresholds(
            Percent.of("30"), Percent.of("40"), null, null, null, null, null, null, null, null);
    CheckResult result =
        reader.read(
            List.of(
                StorageSamples.ok("zpool", "online.list.txt"),
                StorageSamples.ok("zpool", "online.status.txt")),
            HostContext.of(thresholds, LocalDate.of(2024, 6, 10)));

    assertThat(result.state()).isEqualTo(CheckState.WARNING);
    assertThat(result.reason()).startsWith("tank: 37.8 % used (warning at 30 %)");
  }

  @Test
  void noPoolsAsZpoolSaysIt() {
    CheckResult result =
        reader.read(
            List.of(CommandOutput.ok(""), new CommandOutput(0, "", "no pools available\n")),
            StorageSamples.DEFAULTS);

    assertThat(result.state()).isEqualTo(CheckState.OK);
    assertThat(result.reason()).isEqualTo("no ZFS pools");
  }

  @Test
  void withoutZpoolOrItsModuleTheVerdictIsUnknown() {
    CommandOutput missing = new CommandOutput(127, "", "bash: line 1: zpool: command not found\n");
    CommandOutput noModule =
        new CommandOutput(
            1,
            "",
            "The ZFS modules are not loaded.\nTry running '/sbin/modprobe zfs' as root to load them.\n");

    assertThat(reader.read(List.of(missing, missing), StorageSamples.DEFAULTS).reason())
        .isEqualTo("zpool is not installed");
    CheckResult result = reader.read(List.of(noModule, noModule), StorageSamples.DEFAULTS);
    assertThat(result.state()).isEqualTo(CheckState.UNKNOWN);
    assertThat(result.reason()).contains("module is not loaded");
  }

  @Test
  void anUnexpectedListIsUnknown() {
    CheckResult result =
        reader.read(
            List.of(
                CommandOutput.ok(
                    "NAME   SIZE  ALLOC   FREE  CAP  HEALTH\ntank  7.25T  2.74T  4.51T  37%  ONLINE\n"),
                CommandOutput.ok("all pools are healthy\n")),
            StorageSamples.DEFAULTS);

    assertThat(result.state()).isEqualTo(CheckState.UNKNOWN);
    assertThat(result.reason()).startsWith("unexpected line from zpool list");
  }

  @Test
  void describesItself() {
    assertThat(reader.check()).isEqualTo(HostCheck.ZFS);
    assertThat(reader.commands())
        .containsExactly("zpool list -Hp -o name,size,alloc,free,cap,health", "zpool status -x");
  }
}
