package dev.vakt.monitoring.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.contract.MonitoringTerms;
import dev.vakt.monitoring.CheckResult;
import dev.vakt.monitoring.CheckState;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** MON-3: load average per core against the contract's levels (defaults 2 and 4). */
@DisplayName("MON-3 load per core")
class LoadReaderTest {

  private final LoadReader reader = new LoadReader();

  @ParameterizedTest(name = "{0} on {1} cores -> {2}")
  @CsvSource({
    "normal.txt,     8,  OK,       load per core 0.07,         0.58",
    "high.txt,       8,  WARNING,  load per core 2.28 (warning at 2),  18.20",
    "overloaded.txt, 16, CRITICAL, load per core 4.15 (critical at 4), 66.42",
    "high.txt,       32, OK,       load per core 0.57,         18.20",
  })
  void judgesFiveMinuteLoadPerCore(
      String sample, String cores, CheckState state, String fragment, String load5) {
    CheckResult r =
        reader.read(
            List.of(SystemSamples.ok("loadavg/" + sample), CommandOutput.ok(cores + "\n")),
            SystemSamples.DEFAULTS);

    assertThat(r.state()).isEqualTo(state);
    assertThat(r.reason()).contains(fragment);
    assertThat(r.metrics().get("load5")).isEqualByComparingTo(load5);
    assertThat(r.metrics().get("cores")).isEqualByComparingTo(cores);
    assertThat(r.metrics()).containsKeys("load1", "load15", "load_per_core");
  }

  @Test
  void contractLevelsApply() {
    var terms =
        new MonitoringTerms.Thresholds(
            null,
            null,
            null,
            null,
            new BigDecimal("1"),
            new BigDecimal("2"),
            null,
            null,
            null,
            null);
    CheckResult r =
        reader.read(
            List.of(SystemSamples.ok("loadavg/high.txt"), CommandOutput.ok("12\n")),
            HostContext.of(terms, LocalDate.of(2026, 3, 1)));

    assertThat(r.state()).isEqualTo(CheckState.WARNING);
    assertThat(r.reason()).startsWith("load per core 1.52 (warning at 1)");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "garbage loadavg | 0 | hello | 0 | 4 | cannot read /proc/loadavg",
        "nproc missing | 0 | 0.10 0.20 0.30 1/100 42 | 127 | | nproc not found",
        "nproc garbage | 0 | 0.10 0.20 0.30 1/100 42 | 0 | many | cannot read the number of cores",
        "cat refused | 1 | | 0 | 4 | could not run",
      })
  void unreadableIsUnknown(
      String name, int loadExit, String load, int coresExit, String cores, String fragment) {
    CommandOutput loadOut =
        loadExit == 0
            ? CommandOutput.ok(load)
            : SystemSamples.failed(loadExit, "cat: /proc/loadavg: Permission denied");
    CommandOutput coresOut =
        coresExit == 0
            ? CommandOutput.ok(cores)
            : SystemSamples.failed(coresExit, "bash: line 1: nproc: command not found");

    CheckResult r = reader.read(List.of(loadOut, coresOut), SystemSamples.DEFAULTS);

    assertThat(r.state()).isEqualTo(CheckState.UNKNOWN);
    assertThat(r.reason()).contains(fragment);
  }

  @Test
  void tooFewOutputsIsUnknownNotAnException() {
    assertThat(reader.read(List.of(), SystemSamples.DEFAULTS).state())
        .isEqualTo(CheckState.UNKNOWN);
  }
}
