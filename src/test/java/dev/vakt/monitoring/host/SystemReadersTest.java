package dev.vakt.monitoring.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.contract.MonitoringTerms.HostCheck;
import dev.vakt.monitoring.CheckResult;
import dev.vakt.monitoring.CheckState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What holds for every system and cluster reader: empty or odd output is UNKNOWN, never OK. */
class SystemReadersTest {

  static Stream<HostReader> readers() {
    return Stream.of(
        new LoadReader(),
        new CpuReader(),
        new MemoryReader(),
        new CephReader(HostCheck.CEPH_OSD),
        new CephReader(HostCheck.CEPH_MON),
        new CephReader(HostCheck.CEPH_MDS),
        new CephReader(HostCheck.CEPH_RGW),
        new QuorumReader(),
        new PendingUpdatesReader(),
        new RebootNeededReader(),
        new PlatformSupportReader());
  }

  @ParameterizedTest
  @MethodSource("readers")
  void emptyOutputIsUnknown(HostReader reader) {
    List<CommandOutput> empty = Collections.nCopies(reader.commands().size(), CommandOutput.ok(""));

    CheckResult r = reader.read(empty, SystemSamples.DEFAULTS);

    assertThat(r.state()).as(r.reason()).isEqualTo(CheckState.UNKNOWN);
  }

  @ParameterizedTest
  @MethodSource("readers")
  void nullOutputIsUnknownNotAnException(HostReader reader) {
    List<CommandOutput> outputs = new ArrayList<>();
    for (int i = 0; i < reader.commands().size(); i++) {
      outputs.add(null);
    }

    CheckResult r = reader.read(outputs, SystemSamples.DEFAULTS);

    assertThat(r.state()).isEqualTo(CheckState.UNKNOWN);
    assertThat(r.reason()).startsWith("reader error");
  }

  @ParameterizedTest
  @MethodSource("readers")
  void commandsOnlyRead(HostReader reader) {
    assertThat(reader.commands()).isNotEmpty();
    assertThat(String.join("\n", reader.commands()))
        .doesNotContainPattern("\\brm\\b|>\\s*/(?!dev/null)|apt-get (?!-s)|systemctl");
  }
}
