package dev.vakt.monitoring.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.monitoring.CheckResult;
import dev.vakt.monitoring.CheckState;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** MON-3: memory in use against the contract's levels (defaults 90 % and 97 %). */
@DisplayName("MON-3 memory")
class MemoryReaderTest {

  private final MemoryReader reader = new MemoryReader();

  @ParameterizedTest(name = "{0} -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "normal.txt | | OK | memory 37.7 % used, 40067 of 64308 MiB available | 37.7 | 0",
        "high-swapping.txt | | WARNING"
            + " | memory 92.6 % used (warning at 90 %), 4757 of 64308 MiB available;"
            + " and swapping: swap 75 % used | 92.6 | 75.0",
        "critical.txt | | CRITICAL | memory 98.2 % used (critical at 97 %) | 98.2 | 98.8",
        "old-kernel.txt | | OK | estimated as free + buffers + cache | 62.8 | 0",
        "zfs-arc.txt | arcstats.txt | OK | ZFS ARC 26624 MiB counted as available | 51.2 | 0",
        "zfs-arc.txt | | WARNING | memory 92.6 % used | 92.6 | 0",
      })
  void judgesMemoryInUse(
      String sample, String arc, CheckState state, String fragment, String used, String swap) {
    CommandOutput arcOut = arc == null ? CommandOutput.ok("") : SystemSamples.ok("meminfo/" + arc);
    CheckResult r =
        reader.read(List.of(SystemSamples.ok("meminfo/" + sample), arcOut), SystemSamples.DEFAULTS);

    assertThat(r.state()).isEqualTo(state);
    assertThat(r.reason()).contains(fragment);
    assertThat(r.metrics().get("memory_used_pct")).isEqualByComparingTo(used);
    assertThat(r.metrics().getOrDefault("swap_used_pct", java.math.BigDecimal.ZERO))
        .isEqualByComparingTo(swap);
    assertThat(r.metrics()).containsKeys("mem_total_mib", "mem_available_mib", "swap_total_mib");
  }

  @Test
  void swapIsNotMentionedWhileMemoryIsFine() {
    String swapping =
        SystemSamples.text("meminfo/normal.txt")
            .replaceAll("SwapFree: .*", "SwapFree:         100000 kB");
    CheckResult r =
        reader.read(
            List.of(CommandOutput.ok(swapping), CommandOutput.ok("")), SystemSamples.DEFAULTS);

    assertThat(r.state()).isEqualTo(CheckState.OK);
    assertThat(r.reason()).doesNotContain("swapping");
    assertThat(r.metrics().get("swap_used_pct")).isEqualByComparingTo("98.8");
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "0 | MemFree: lots | cannot read /proc/meminfo",
        "126 | | cannot be executed",
        "0 | MemTotal: 1000 kB | neither MemAvailable nor MemFree",
      })
  void unreadableIsUnknown(int exit, String stdout, String fragment) {
    CheckResult r =
        reader.read(
            List.of(new CommandOutput(exit, stdout, ""), CommandOutput.ok("")),
            SystemSamples.DEFAULTS);

    assertThat(r.state()).isEqualTo(CheckState.UNKNOWN);
    assertThat(r.reason()).contains(fragment);
  }
}
