package dev.vakt.monitoring.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.monitoring.CheckResult;
import dev.vakt.monitoring.CheckSpec;
import dev.vakt.monitoring.CheckState;
import java.math.BigDecimal;
import java.time.Duration;
import org.apache.commons.net.ntp.NtpV3Packet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** MON-6: NTP offset and stratum, against a real UDP NTP responder on 127.0.0.1. */
class NtpProbeTest {

  private static final Duration WARN = Duration.ofMillis(200);
  private static final Duration CRITICAL = Duration.ofSeconds(1);

  private final NtpProbe probe = new NtpProbe();

  private static CheckSpec.Ntp spec(int port, Duration timeout, Integer maxStratum) {
    return new CheckSpec.Ntp("127.0.0.1", port, timeout, WARN, CRITICAL, maxStratum);
  }

  private CheckResult check(FixtureNtpServer server) {
    return probe.check(spec(server.port(), Duration.ofSeconds(3), 4));
  }

  @Test
  @DisplayName("MON-6: a synchronised server with a close clock is OK, with offset_ms and stratum")
  void healthy() throws Exception {
    try (var server = FixtureNtpServer.synced(2, 0)) {
      CheckResult result = check(server);
      assertThat(result.state()).as(result.reason()).isEqualTo(CheckState.OK);
      assertThat(result.reason()).startsWith("NTP offset").contains("stratum 2");
      assertThat(result.metrics().get("stratum")).isEqualByComparingTo("2");
      assertThat(result.metrics().get("offset_ms").abs()).isLessThan(BigDecimal.valueOf(100));
      assertThat(result.metrics()).containsKey("time_ms");
    }
  }

  @Test
  @DisplayName("MON-6: an offset beyond warnOffset is WARNING, ahead or behind")
  void warningOffset() throws Exception {
    for (long offset : new long[] {500, -500}) {
      try (var server = FixtureNtpServer.synced(2, offset)) {
        CheckResult result = check(server);
        assertThat(result.state()).as(result.reason()).isEqualTo(CheckState.WARNING);
        assertThat(result.reason()).contains("exceeds the warning 200 ms");
        assertThat(result.metrics().get("offset_ms").signum()).isEqualTo(Long.signum(offset));
      }
    }
  }

  @Test
  @DisplayName("MON-6: an offset beyond criticalOffset is CRITICAL")
  void criticalOffset() throws Exception {
    try (var server = FixtureNtpServer.synced(2, 5_000)) {
      CheckResult result = check(server);
      assertThat(result.state()).as(result.reason()).isEqualTo(CheckState.CRITICAL);
      assertThat(result.reason()).contains("exceeds the critical 1 s");
      assertThat(result.metrics().get("offset_ms").longValue()).isBetween(4_800L, 5_200L);
    }
  }

  @Test
  @DisplayName("MON-6: a stratum above maxStratum is CRITICAL")
  void stratumTooHigh() throws Exception {
    try (var server = FixtureNtpServer.synced(9, 0)) {
      CheckResult result = check(server);
      assertThat(result.state()).isEqualTo(CheckState.CRITICAL);
      assertThat(result.reason()).startsWith("NTP stratum 9 above the maximum 4");
    }
  }

  @Test
  @DisplayName("MON-6: stratum 16 or leap indicator 3 (not synchronised) is CRITICAL")
  void unsynchronised() throws Exception {
    try (var stratum16 = FixtureNtpServer.with(16, NtpV3Packet.LI_NO_WARNING);
        var alarm = FixtureNtpServer.with(3, NtpV3Packet.LI_ALARM_CONDITION)) {
      for (var server : new FixtureNtpServer[] {stratum16, alarm}) {
        CheckResult result = check(server);
        assertThat(result.state()).isEqualTo(CheckState.CRITICAL);
        assertThat(result.reason()).contains("not synchronised");
      }
    }
  }

  @Test
  @DisplayName("MON-6: a kiss-o'-death (stratum 0) is CRITICAL and names its code")
  void kissOfDeath() throws Exception {
    try (var server = FixtureNtpServer.kissOfDeath("RATE")) {
      CheckResult result = check(server);
      assertThat(result.state()).isEqualTo(CheckState.CRITICAL);
      assertThat(result.reason()).contains("kiss-o'-death 'RATE'");
    }
  }

  @Test
  @DisplayName("MON-6: an answer that does not echo our request is CRITICAL")
  void notEchoed() throws Exception {
    try (var server = FixtureNtpServer.notEchoing()) {
      CheckResult result = check(server);
      assertThat(result.state()).isEqualTo(CheckState.CRITICAL);
      assertThat(result.reason()).contains("does not match the request");
    }
  }

  @Test
  @DisplayName(
      "MON-6: no answer (silent server, or nothing on the port) is CRITICAL within the timeout")
  void silence() throws Exception {
    try (var server = FixtureNtpServer.silent()) {
      int stopped = FixtureLineServer.refusedPort();
      for (int port : new int[] {server.port(), stopped}) {
        long start = System.nanoTime();
        CheckResult result = probe.check(spec(port, Duration.ofMillis(400), null));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(result.state()).isEqualTo(CheckState.CRITICAL);
        assertThat(result.reason()).isEqualTo("timed out after 400 ms waiting for the NTP answer");
        assertThat(took).isLessThan(Duration.ofMillis(1_500));
      }
    }
  }
}
