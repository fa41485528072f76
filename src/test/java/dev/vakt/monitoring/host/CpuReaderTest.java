package dev.vakt.monitoring.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vakt.common.Percent;
import dev.vakt.monitoring.CheckResult;
import dev.vakt.monitoring.CheckState;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** MON-3: CPU contention from pressure stall information. */
@DisplayName("MON-3 CPU pressure")
class CpuReaderTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "idle.txt,      OK,       tasks waited for a CPU 0.12 % of the last 5 min,       0.12",
    "contended.txt, WARNING,  58.4 % of the last 5 min (warning at 50 %),            58.40",
    "saturated.txt, CRITICAL, 86.02 % of the last 5 min (critical at 80 %),          86.02",
  })
  void judgesFiveMinutePressure(String sample, CheckState state, String fragment, String avg300) {
    CheckResult r =
        new CpuReader()
            .read(List.of(SystemSamples.ok("pressure/" + sample)), SystemSamples.DEFAULTS);

    assertThat(r.state()).isEqualTo(state);
    assertThat(r.reason()).contains(fragment);
    assertThat(r.metrics().get("cpu_some_avg300")).isEqualByComparingTo(avg300);
  }

  @Test
  void levelsCanBeSet() {
    CheckResult r =
        new CpuReader(Percent.of("10"), Percent.of("60"))
            .read(List.of(SystemSamples.ok("pressure/contended.txt")), SystemSamples.DEFAULTS);

    assertThat(r.state()).isEqualTo(CheckState.WARNING);
    assertThatThrownBy(() -> new CpuReader(Percent.of("90"), Percent.of("60")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "1 | cat: /proc/pressure/cpu: Operation not supported | boot with psi=1",
        "1 | cat: /proc/pressure/cpu: No such file or directory | Linux 4.20",
        "127 | sh: 1: cat: not found | not found on the host",
        "0 | | cannot read /proc/pressure/cpu",
      })
  void withoutPressureInformationIsUnknown(int exit, String stderr, String fragment) {
    CheckResult r =
        new CpuReader().read(List.of(new CommandOutput(exit, "", stderr)), SystemSamples.DEFAULTS);

    assertThat(r.state()).isEqualTo(CheckState.UNKNOWN);
    assertThat(r.reason()).contains(fragment);
  }
}
