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

/** MON-3: LVM thin pools. Samples are lvm2 2.03.16 (Debian 12, Proxmox VE 8) JSON reports. */
@DisplayName("MON-3 LVM thin pools")
class ThinPoolReaderTest {

  private final ThinPoolReader reader = new ThinPoolReader();

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          fine.json               | OK       | pve/data: metadata 1.83 %, data 23.45 %                      | thin_pools=1 thin_pve_data_data_pct=23.45 thin_pve_data_meta_pct=1.83
          data-near-full.json     | CRITICAL | pve/data: data 91.2 % (critical at 90 %), metadata 4.02 %; ssd/thin: data 82.5 % (warning at 80 %), metadata 12 % | thin_pools=2 thin_ssd_thin_data_pct=82.50
          metadata-near-full.json | CRITICAL | pve/data: metadata read-only, metadata 99.96 % (critical at 90 %), data 48.31 % | thin_pve_data_meta_pct=99.96
          metadata-warning.json   | WARNING  | pve/data: metadata 84.13 % (warning at 80 %), data 35 %      | thin_pve_data_meta_pct=84.13
          no-thin-pools.json      | OK       | no thin pools                                                | thin_pools=0
          inactive.json           | UNKNOWN  | backup/thin: not active, usage unknown; pve/data: metadata 0.95 %, data 12 % | thin_pools=2 thin_pve_data_data_pct=12.00
          plain-text.txt          | UNKNOWN  | lvs printed no JSON report                                   |
          """)
  void judgesSamples(String file, CheckState state, String reason, String metrics) {
    CheckResult result =
        reader.read(List.of(StorageSamples.ok("lvs", file)), StorageSamples.DEFAULTS);

    assertThat(result.state()).isEqualTo(state);
    assertThat(result.reason()).contains(reason);
    assertThat(result.metrics()).containsAllEntriesOf(StorageSamples.metrics(metrics));
  }

  @Test
  void lvmWithoutJsonReportsIsUnknownWithTheReason() {
    CheckResult result =
        reader.read(
            List.of(new CommandOutput(3, "", "  Unrecognised report format: json\n")),
            StorageSamples.DEFAULTS);

    assertThat(result.state()).isEqualTo(CheckState.UNKNOWN);
    assertThat(result.reason())
        .isEqualTo(
            "lvs printed no JSON report (lvm2 older than 2.02.158?): Unrecognised report format: json");
  }

  @Test
  void withoutLvsTheVerdictIsUnknown() {
    CheckResult result =
        reader.read(
            List.of(new CommandOutput(127, "", "sudo: lvs: command not found\n")),
            StorageSamples.DEFAULTS);

    assertThat(result.state()).isEqualTo(CheckState.UNKNOWN);
    assertThat(result.reason()).isEqualTo("lvs is not installed");
  }

  @Test
  void describesItself() {
    assertThat(reader.check()).isEqualTo(HostCheck.LVM_THIN);
    assertThat(reader.commands()).singleElement().asString().startsWith("lvs --reportformat json");
  }
}
