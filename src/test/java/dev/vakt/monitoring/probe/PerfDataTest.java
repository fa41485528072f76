package dev.vakt.monitoring.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Performance data of Monitoring-Plugins output (MON-4): parsing and metric names. */
class PerfDataTest {

  /** Table: perfdata text, metrics expected ("name=value,..."), invalid items expected. */
  static Stream<Arguments> table() {
    return Stream.of(
        Arguments.of("time=0.5s;1;2;0;", "time_s=0.5", 0),
        Arguments.of("'Disk Usage /'=42%;80;90;0;100", "disk_usage_pct=42", 0),
        // check_ping's real output
        Arguments.of(
            "rta=0.191000ms;100.000000;200.000000;0.000000 pl=0%;20;50;0;",
            "rta_ms=0.191000,pl_pct=0", 0),
        // check_disk's root file system
        Arguments.of(
            "/=2643MB;5948;5958;0;5968 /boot=68MB;88;93;0;98", "root_mb=2643,boot_mb=68", 0),
        Arguments.of("'it''s'=1", "it_s=1", 0),
        Arguments.of(
            "bytes=1024B size=1.5TB mem=512KB disk=3GB",
            "bytes=1024,size_tb=1.5,mem_kb=512,disk_gb=3",
            0),
        Arguments.of("requests=1234c", "requests_total=1234", 0),
        Arguments.of("time_ms=12ms", "time_ms=12", 0),
        Arguments.of("responseTime=3.2s latency=250us", "response_time_s=3.2,latency_us=250", 0),
        Arguments.of("temp=-3.5", "temp=-3.5", 0),
        Arguments.of("time=1e-3s", "time_s=0.001", 0),
        Arguments.of("load1=0.5 load5=0.4 load15=0.3", "load1=0.5,load5=0.4,load15=0.3", 0),
        Arguments.of("1min=5", "m_1min=5", 0),
        Arguments.of("a=1 A=2", "a=1,a_2=2", 0),
        Arguments.of("  x=1   y=2  ", "x=1,y=2", 0),
        Arguments.of("'free space'=10MB;;;0;100MB", "free_space_mb=10", 0),
        // "U": the plugin could not determine the value, skipped but not invalid
        Arguments.of("x=U;1;2 y=3", "y=3", 0),
        Arguments.of("novalue x= =5 y=abc z=1,5 ok=1", "ok=1", 5),
        Arguments.of("'unterminated=5", "", 1),
        Arguments.of("a=1;2;3;4;5;6", "", 1),
        Arguments.of("", "", 0));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("table")
  @DisplayName("MON-4: perfdata items become named metrics; invalid ones are skipped and counted")
  void parses(String text, String expected, int invalid) {
    PerfData.Parsed parsed = PerfData.parse(text);
    assertThat(parsed.metrics()).containsExactlyEntriesOf(metrics(expected));
    assertThat(parsed.invalid()).isEqualTo(invalid);
  }

  @Test
  @DisplayName("MON-4: thresholds, min and max are kept with the item")
  void keepsThresholds() {
    PerfData.Item item = PerfData.parse("'Disk Usage /'=42%;~:80;@90:95;0;100").items().get(0);
    assertThat(item.label()).isEqualTo("Disk Usage /");
    assertThat(item.value()).isEqualByComparingTo("42");
    assertThat(item.unit()).isEqualTo("%");
    assertThat(item.warn()).isEqualTo("~:80");
    assertThat(item.crit()).isEqualTo("@90:95");
    assertThat(item.min()).isEqualByComparingTo("0");
    assertThat(item.max()).isEqualByComparingTo("100");
    assertThat(item.metricName()).isEqualTo("disk_usage_pct");
  }

  @Test
  @DisplayName("MON-4: a null text has no items")
  void nullText() {
    assertThat(PerfData.parse(null).items()).isEmpty();
  }

  private static Map<String, BigDecimal> metrics(String expected) {
    Map<String, BigDecimal> metrics = new LinkedHashMap<>();
    if (!expected.isEmpty()) {
      for (String pair : expected.split(",")) {
        String[] kv = pair.split("=");
        metrics.put(kv[0], new BigDecimal(kv[1]));
      }
    }
    return metrics;
  }
}
