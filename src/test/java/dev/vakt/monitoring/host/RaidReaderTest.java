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

/** MON-6: software RAID from /proc/mdstat. */
@DisplayName("MON-6 software RAID (md)")
class RaidReaderTest {

  private final RaidReader reader = new RaidReader();

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          healthy.txt                | OK       | 2 arrays healthy (md1 raid1 [UU], md0 raid1 [UU]) | arrays=2 degraded=0 failed_members=0
          no-arrays.txt              | OK       | no software RAID                                  | arrays=0
          failed-member.txt          | CRITICAL | md1 degraded [U_], sdb2 failed; md0 degraded [U_], sdb1 failed | arrays=2 degraded=2 failed_members=2
          degraded.txt               | CRITICAL | md1 degraded [U_]                                 | degraded=1 failed_members=0
          recovering.txt             | CRITICAL | md1 degraded [U_]; recovery 37.5 % (finish 12.3 min) | degraded=1 rebuild_pct=37.5
          check.txt                  | OK       | md2 check 12.1 % (finish 285.6 min)               | arrays=1 degraded=0
          inactive.txt               | CRITICAL | md127 inactive (sdb1 sda1)                        | arrays=1 degraded=1
          mixed-levels.txt           | OK       | 4 arrays healthy (md3 raid10 [UUUU], md2 raid0, md1 raid5 [UUU], md0 raid1 [UU]) | arrays=4 degraded=0
          raid5-recovery-delayed.txt | CRITICAL | md1 degraded [UUU_]; resync delayed; md0 degraded [UUU_]; recovery 3.4 % (finish 2.8 min) | degraded=2 rebuild_pct=3.4
          imsm.txt                   | OK       | 2 arrays healthy (md126 raid1 [UU], md127 container) | arrays=2 degraded=0
          garbage.txt                | UNKNOWN  | not the format of /proc/mdstat                    |
          """)
  void judgesSamples(String file, CheckState state, String reason, String metrics) {
    CheckResult result =
        reader.read(List.of(StorageSamples.ok("mdstat", file)), StorageSamples.DEFAULTS);

    assertThat(result.state()).isEqualTo(state);
    assertThat(result.reason()).contains(reason);
    assertThat(result.metrics()).containsAllEntriesOf(StorageSamples.metrics(metrics));
  }

  @Test
  void worstArrayIsNamedFirst() {
    CheckResult result =
        reader.read(List.of(StorageSamples.ok("mdstat", "degraded.txt")), StorageSamples.DEFAULTS);

    assertThat(result.reason()).startsWith("md1 degraded [U_]");
  }

  @Test
  void withoutTheMdDriverThereIsNoSoftwareRaid() {
    CheckResult result =
        reader.read(
            List.of(new CommandOutput(1, "", "cat: /proc/mdstat: No such file or directory\n")),
            StorageSamples.DEFAULTS);

    assertThat(result.state()).isEqualTo(CheckState.OK);
    assertThat(result.reason()).isEqualTo("no software RAID (no /proc/mdstat)");
  }

  @Test
  void aCommandThatCouldNotRunIsUnknownNeverOk() {
    CheckResult denied =
        reader.read(
            List.of(new CommandOutput(1, "", "sudo: a password is required\n")),
            StorageSamples.DEFAULTS);
    CheckResult empty = reader.read(List.of(CommandOutput.ok("")), StorageSamples.DEFAULTS);
    CheckResult missing = reader.read(List.of(), StorageSamples.DEFAULTS);

    assertThat(denied.state()).isEqualTo(CheckState.UNKNOWN);
    assertThat(denied.reason()).contains("permission denied");
    assertThat(empty.state()).isEqualTo(CheckState.UNKNOWN);
    assertThat(missing.state()).isEqualTo(CheckState.UNKNOWN);
  }

  @Test
  void anUnknownMemberSyntaxIsUnknown() {
    String odd = "Personalities : [raid1]\nmd0 : active raid1 sda1{0}\n      1 blocks [1/1] [U]\n";
    CheckResult result = reader.read(List.of(CommandOutput.ok(odd)), StorageSamples.DEFAULTS);

    assertThat(result.state()).isEqualTo(CheckState.UNKNOWN);
    assertThat(result.reason()).contains("sda1{0}");
  }

  @Test
  void describesItself() {
    assertThat(reader.check()).isEqualTo(HostCheck.RAID);
    assertThat(reader.commands()).containsExactly("cat /proc/mdstat");
  }
}
