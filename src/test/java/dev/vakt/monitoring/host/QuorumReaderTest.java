package dev.vakt.monitoring.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.monitoring.CheckResult;
import dev.vakt.monitoring.CheckState;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** MON-2: corosync quorum of a Proxmox VE cluster. */
@DisplayName("MON-2 cluster quorum")
class QuorumReaderTest {

  @ParameterizedTest(name = "{0} -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "quorate.txt | 0 | OK | quorate: 3 of 3 expected votes, quorum 2, 3 nodes | 3 | 3",
        "node-missing.txt | 0 | WARNING | quorate, but 1 vote missing: 2 of 3 expected votes | 3"
            + " | 2",
        "not-quorate.txt | 0 | CRITICAL | cluster not quorate: 1 of 3 expected votes, quorum 2"
            + " | 3 | 1",
        "qdevice.txt | 0 | OK | quorate: 3 of 3 expected votes, quorum 2, 2 nodes and QDevice | 3"
            + " | 3",
        "qdevice-lost.txt | 0 | WARNING | 1 vote missing: 2 of 3 expected votes, quorum 2,"
            + " QDevice not voting | 3 | 2",
        "corosync-quorumtool.txt | 0 | OK | quorate: 3 of 3 expected votes | 3 | 3",
      })
  void judgesQuorum(
      String sample, int exit, CheckState state, String fragment, int expected, int total) {
    CheckResult r =
        new QuorumReader()
            .read(
                List.of(new CommandOutput(exit, SystemSamples.text("pvecm/" + sample), "")),
                SystemSamples.DEFAULTS);

    assertThat(r.state()).isEqualTo(state);
    assertThat(r.reason()).contains(fragment);
    assertThat(r.metrics().get("expected_votes")).isEqualByComparingTo(String.valueOf(expected));
    assertThat(r.metrics().get("total_votes")).isEqualByComparingTo(String.valueOf(total));
    assertThat(r.metrics()).containsKey("quorum");
  }

  @ParameterizedTest(name = "{0} -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "standalone.txt | 2 | OK | not a cluster",
        "corosync-down.txt | 1 | CRITICAL | corosync is not running on this cluster node",
      })
  void withoutRunningCluster(String sample, int exit, CheckState state, String fragment) {
    CheckResult r =
        new QuorumReader()
            .read(
                List.of(SystemSamples.failed(exit, SystemSamples.text("pvecm/" + sample))),
                SystemSamples.DEFAULTS);

    assertThat(r.state()).isEqualTo(state);
    assertThat(r.reason()).contains(fragment);
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "127 | bash: line 1: corosync-quorumtool: command not found | not found on the host",
        "0 | Cluster information | cannot read the quorum status",
      })
  void unreadableIsUnknown(int exit, String text, String fragment) {
    CheckResult r =
        new QuorumReader()
            .read(
                List.of(exit == 0 ? CommandOutput.ok(text) : SystemSamples.failed(exit, text)),
                SystemSamples.DEFAULTS);

    assertThat(r.state()).isEqualTo(CheckState.UNKNOWN);
    assertThat(r.reason()).contains(fragment);
  }
}
