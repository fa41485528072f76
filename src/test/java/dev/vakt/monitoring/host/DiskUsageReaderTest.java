package dev.vakt.monitoring.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.contract.MonitoringTerms.HostCheck;
import dev.vakt.monitoring.CheckResult;
import dev.vakt.monitoring.CheckState;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** MON-3, MON-6: file system space and inodes. Samples are GNU coreutils 9.1 df (Debian 12). */
@DisplayName("MON-3/MON-6 disk usage")
class DiskUsageReaderTest {

  private final DiskUsageReader reader = new DiskUsageReader();

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          normal.txt   | OK       | 4 file systems below 85 % (fullest /var/lib/vz 44 %)           | filesystems=4 disk_root_pct=38 disk_var_lib_vz_pct=44 disk_srv_backup_data_pct=34 disk_boot_efi_pct=2 inodes_root_pct=10
          warning.txt  | WARNING  | / 88 % used (warning at 85 %)                                  | disk_root_pct=88 disk_var_pct=49
          critical.txt | CRITICAL | /var 100 % used (critical at 95 %); / 88 % used (warning at 85 %) | disk_var_pct=100
          inodes.txt   | CRITICAL | / inodes 100 % used (critical at 95 %); /var/spool inodes 87 % used (warning at 85 %) | inodes_root_pct=100 inodes_var_spool_pct=87 disk_data_pct=31
          garbage.txt  | UNKNOWN  | not the output of df --output: Filesystem                      |
          """)
  void judgesSamples(String file, CheckState state, String reason, String metrics) {
    CheckResult result =
        reader.read(List.of(StorageSamples.ok("df", file)), StorageSamples.DEFAULTS);

    assertThat(result.state()).isEqualTo(state);
    assertThat(result.reason()).contains(reason);
    assertThat(result.metrics()).containsAllEntriesOf(StorageSamples.metrics(metrics));
  }

  @Test
  void aMountPointWithSpacesStaysWhole() {
    CheckResult result =
        reader.read(List.of(StorageSamples.ok("df", "normal.txt")), StorageSamples.DEFAULTS);

    assertThat(result.metrics()).containsKey("disk_srv_backup_data_pct");
    assertThat(DiskUsageReader.unescape("/srv/backup\\040data")).isEqualTo("/srv/backup data");
  }

  @Test
  void percentIsDfsOwnRoundedUp() {
    assertThat(DiskUsageReader.usePercent(BigInteger.valueOf(8401), BigInteger.valueOf(1599)))
        .isEqualTo(new BigDecimal("85"));
    assertThat(DiskUsageReader.usePercent(BigInteger.valueOf(8500), BigInteger.valueOf(1500)))
        .isEqualTo(new BigDecimal("85"));
    assertThat(DiskUsageReader.usePercent(BigInteger.ZERO, BigInteger.ZERO)).isNull();
  }

  @Test
  void aPartialListIsJudgedAndAnEmptyOneIsUnknown() {
    String partial = StorageSamples.text("df", "warning.txt");
    CheckResult judged =
        reader.read(
            List.of(new CommandOutput(1, partial, "df: /mnt/stale: Stale file handle\n")),
            StorageSamples.DEFAULTS);
    CheckResult failed =
        reader.read(
            List.of(new CommandOutput(1, "", "df: unrecognized option '--output=fstype'\n")),
            StorageSamples.DEFAULTS);

    assertThat(judged.state()).isEqualTo(CheckState.WARNING);
    assertThat(failed.state()).isEqualTo(CheckState.UNKNOWN);
    assertThat(failed.reason()).contains("unrecognized option");
  }

  @Test
  void describesItself() {
    assertThat(reader.check()).isEqualTo(HostCheck.DISK);
    assertThat(reader.commands()).singleElement().asString().startsWith("df -l -B1 --output=");
  }
}
