package dev.vakt.monitoring.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.contract.MonitoringTerms.HostCheck;
import dev.vakt.monitoring.CheckResult;
import dev.vakt.monitoring.CheckState;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * MON-6: S.M.A.R.T. of physical disks. The samples are smartctl 7.3 JSON (format 1.0) as {@code
 * smartctl -j -a} prints it for SATA (SAT), NVMe and virtual disks, one document per disk.
 */
@DisplayName("MON-6 S.M.A.R.T.")
class SmartReaderTest {

  private final SmartReader reader = new SmartReader();

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          ata-healthy.json                | OK       | 2 disks healthy (sda, sdb)                   | disks=2 disks_failing=0 sda_temp_c=31 sda_reallocated=0
          ata-reallocated-pending.json    | WARNING  | sdb (S/N WD-WCC7K4EF5GH6): 8 reallocated sectors, 2 pending sectors | disks_failing=1 sdb_reallocated=8 sdb_pending=2
          ata-failed.json                 | CRITICAL | sdb (S/N WD-WCC7K7JK8LM9): S.M.A.R.T. overall health FAILED, 5 Reallocated_Sector_Ct failing now (value 97 <= threshold 140), 2936 reallocated sectors | disks_failing=1 sdb_pending=24
          ata-past-failure.json           | WARNING  | sda (S/N WD-WCC7K1AB2CD3): 5 Reallocated_Sector_Ct failed in the past | disks=1
          ata-command-timeouts.json       | WARNING  | sda (S/N WJG1ABCD): command timeouts (raw 1 1 1); 1 disk healthy (sdb) | disks=2 disks_failing=1
          nvme-healthy.json               | OK       | 2 disks healthy (nvme0n1, nvme1n1)           | nvme0n1_wear_pct=2 nvme1n1_wear_pct=3 nvme0n1_temp_c=38 nvme0n1_media_errors=0
          nvme-critical-warning.json      | CRITICAL | nvme1n1 (S/N PHLJ9123004Y2P0BGN): critical warning 0x04 (reliability degraded), worn out: 100 % of rated endurance used, 3 media errors; 1 disk healthy (nvme0n1) | nvme1n1_wear_pct=100 nvme1n1_media_errors=3
          nvme-wear-media-errors.json     | WARNING  | nvme0n1 (S/N 22053A1B2C3D): 93 % of rated endurance used, 12 media errors | nvme0n1_wear_pct=93
          nvme-spare-low.json             | CRITICAL | critical warning 0x01 (spare below threshold) | disks_failing=1
          virtual-disks.json              | OK       | no physical disks with S.M.A.R.T. (no S.M.A.R.T.: sda, vda) | disks=0 disks_skipped=2
          mixed.json                      | WARNING  | sdb (S/N WD-WCC7K4EF5GH6): 1 pending sectors; 2 disks healthy (sda, nvme0n1); no S.M.A.R.T.: sdc | disks=3 disks_skipped=1 disks_failing=1
          open-failed.json                | UNKNOWN  | sdc: Smartctl open device: /dev/sdc failed: No such device | disks=2 disks_failing=1
          not-smartctl.json               | UNKNOWN  | not the JSON of smartctl -j                  |
          truncated.json                  | UNKNOWN  | not the JSON of smartctl -j                  |
          """)
  void judgesSamples(String file, CheckState state, String reason, String metrics) {
    CheckResult result =
        reader.read(List.of(StorageSamples.ok("smartctl", file)), StorageSamples.DEFAULTS);

    assertThat(result.state()).isEqualTo(state);
    assertThat(result.reason()).contains(reason);
    assertThat(result.metrics()).containsAllEntriesOf(StorageSamples.metrics(metrics));
  }

  @Test
  void aFailingDiskIsNamedBeforeHealthyOnes() {
    CheckResult result =
        reader.read(List.of(StorageSamples.ok("smartctl", "mixed.json")), StorageSamples.DEFAULTS);

    assertThat(result.reason()).startsWith("sdb ");
  }

  @Test
  void anEmptyDiskListingIsUnknownNotOk() {
    CheckResult result = reader.read(List.of(CommandOutput.ok("\n")), StorageSamples.DEFAULTS);

    assertThat(result.state()).isEqualTo(CheckState.UNKNOWN);
    assertThat(result.reason()).contains("no disks listed");
  }

  @Test
  void withoutSmartctlTheVerdictIsUnknown() {
    CheckResult result =
        reader.read(
            List.of(new CommandOutput(127, "", "smartctl: command not found\n")),
            StorageSamples.DEFAULTS);

    assertThat(result.state()).isEqualTo(CheckState.UNKNOWN);
    assertThat(result.reason()).isEqualTo("smartctl is not installed");
  }

  @Test
  void aFailingListOfDisksIsUnknown() {
    CheckResult result =
        reader.read(
            List.of(new CommandOutput(0, "", "lsblk: failed to access sysfs directory\n")),
            StorageSamples.DEFAULTS);

    assertThat(result.state()).isEqualTo(CheckState.UNKNOWN);
    assertThat(result.reason()).contains("lsblk: failed");
  }

  @Test
  void describesItself() {
    assertThat(reader.check()).isEqualTo(HostCheck.SMART);
    assertThat(reader.commands()).singleElement().asString().contains("smartctl -j -a");
  }
}
