package dev.vakt.monitoring.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vakt.common.Percent;
import dev.vakt.monitoring.CheckResult;
import dev.vakt.monitoring.CheckSpec;
import dev.vakt.monitoring.CheckState;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** ICMP ping through the system's iputils ping, never a TCP fallback (MON-1). */
class PingProbeTest {

  // Real iputils-ping 20221126 output, captured on Debian 12. The loss samples come from a network
  // namespace whose kernel was told to ignore echo requests (all of them, or from mid-run on).
  static final String ALL_REPLIES =
      """
      PING 127.0.0.1 (127.0.0.1) 56(84) bytes of data.
      64 bytes from 127.0.0.1: icmp_seq=1 ttl=64 time=0.254 ms
      64 bytes from 127.0.0.1: icmp_seq=2 ttl=64 time=0.056 ms
      64 bytes from 127.0.0.1: icmp_seq=3 ttl=64 time=0.048 ms

      --- 127.0.0.1 ping statistics ---
      3 packets transmitted, 3 received, 0% packet loss, time 405ms
      rtt min/avg/max/mdev = 0.048/0.119/0.254/0.095 ms
      """;
  static final String HALF_LOST =
      """
      PING 127.0.0.1 (127.0.0.1) 56(84) bytes of data.
      64 bytes from 127.0.0.1: icmp_seq=1 ttl=64 time=0.352 ms
      64 bytes from 127.0.0.1: icmp_seq=2 ttl=64 time=0.054 ms
      64 bytes from 127.0.0.1: icmp_seq=3 ttl=64 time=0.056 ms
      64 bytes from 127.0.0.1: icmp_seq=4 ttl=64 time=0.052 ms
      64 bytes from 127.0.0.1: icmp_seq=5 ttl=64 time=0.052 ms

      --- 127.0.0.1 ping statistics ---
      10 packets transmitted, 5 received, 50% packet loss, time 1834ms
      rtt min/avg/max/mdev = 0.052/0.113/0.352/0.119 ms
      """;
  static final String ALL_LOST =
      """
      PING 127.0.0.1 (127.0.0.1) 56(84) bytes of data.

      --- 127.0.0.1 ping statistics ---
      3 packets transmitted, 0 received, 100% packet loss, time 406ms
      """;
  // The form iputils prints when a router answers for an unreachable host (documentation address).
  static final String UNREACHABLE =
      """
      PING 192.0.2.10 (192.0.2.10) 56(84) bytes of data.
      From 192.0.2.1 icmp_seq=1 Destination Host Unreachable
      From 192.0.2.1 icmp_seq=2 Destination Host Unreachable
      From 192.0.2.1 icmp_seq=3 Destination Host Unreachable

      --- 192.0.2.10 ping statistics ---
      3 packets transmitted, 0 received, +3 errors, 100% packet loss, time 2041ms
      pipe 3
      """;
  static final String IPV6 =
      """
      PING ::1(::1) 56 data bytes
      64 bytes from ::1: icmp_seq=1 ttl=64 time=0.219 ms
      64 bytes from ::1: icmp_seq=2 ttl=64 time=0.055 ms

      --- ::1 ping statistics ---
      2 packets transmitted, 2 received, 0% packet loss, time 201ms
      rtt min/avg/max/mdev = 0.055/0.137/0.219/0.082 ms
      """;
  static final String NAME_NOT_KNOWN = "ping: nonexistent.invalid: Name or service not known\n";
  static final String UNKNOWN_HOST = "ping: unknown host nonexistent.invalid\n"; // older iputils
  static final String NO_NETWORK = "ping: connect: Network is unreachable\n";

  /** Table: output, expected state, reason prefix, loss_pct (null: none), rtt_avg_ms (null). */
  static Stream<Arguments> outputs() {
    return Stream.of(
        Arguments.of(
            ALL_REPLIES, CheckState.OK, "0% packet loss, rtt avg 0.119 ms (3/3", "0", "0.119"),
        Arguments.of(
            HALF_LOST, CheckState.OK, "50% packet loss, rtt avg 0.113 ms (5/10", "50", "0.113"),
        Arguments.of(
            ALL_LOST, CheckState.CRITICAL, "100% packet loss (3 sent, no reply)", "100", null),
        Arguments.of(
            UNREACHABLE,
            CheckState.CRITICAL,
            "100% packet loss (3 sent, no reply): From 192.0.2.1 icmp_seq=1 Destination Host",
            "100",
            null),
        Arguments.of(IPV6, CheckState.OK, "0% packet loss, rtt avg 0.137 ms (2/2", "0", "0.137"),
        Arguments.of(
            NAME_NOT_KNOWN,
            CheckState.CRITICAL,
            "host not found: nonexistent.invalid: Name or service not known",
            null,
            null),
        Arguments.of(
            UNKNOWN_HOST,
            CheckState.CRITICAL,
            "host not found: unknown host nonexistent.invalid",
            null,
            null),
        Arguments.of(
            NO_NETWORK,
            CheckState.CRITICAL,
            "ping failed: connect: Network is unreachable",
            null,
            null),
        Arguments.of("", CheckState.UNKNOWN, "cannot read the output of ping", null, null));
  }

  @ParameterizedTest(name = "[{index}] {1} {2}")
  @MethodSource("outputs")
  @DisplayName("MON-1: iputils output is read into loss, round trips and a verdict")
  void readsOutput(String output, CheckState state, String reason, String loss, String rttAvg) {
    CheckResult result =
        PingProbe.verdict(spec(null, null, null, null), PingProbe.parse(output), Duration.ZERO);
    assertThat(result.state()).isEqualTo(state);
    assertThat(result.reason()).startsWith(reason);
    if (loss == null) {
      assertThat(result.metrics()).doesNotContainKey("loss_pct");
    } else {
      assertThat(result.metrics().get("loss_pct")).isEqualByComparingTo(loss);
    }
    if (rttAvg == null) {
      assertThat(result.metrics()).doesNotContainKey("rtt_avg_ms");
    } else {
      assertThat(result.metrics().get("rtt_avg_ms")).isEqualByComparingTo(rttAvg);
    }
  }

  @Test
  @DisplayName("MON-1: the summary is parsed into counts and round trips")
  void parsesSummary() {
    PingProbe.Stats stats = PingProbe.parse(HALF_LOST);
    assertThat(stats.transmitted()).isEqualTo(10);
    assertThat(stats.received()).isEqualTo(5);
    assertThat(stats.lossPct()).isEqualByComparingTo("50");
    assertThat(stats.rttMin()).isEqualByComparingTo("0.052");
    assertThat(stats.rttMax()).isEqualByComparingTo("0.352");
    assertThat(PingProbe.parse(UNREACHABLE).unreachable()).contains("Destination Host Unreachable");
  }

  /** Table: thresholds (warn rtt ms, crit rtt ms, warn loss %, crit loss %), output, verdict. */
  static Stream<Arguments> thresholds() {
    return Stream.of(
        Arguments.of(100, 200, "20", "60", HALF_LOST, CheckState.WARNING, "loss warning at 20 %"),
        Arguments.of(100, 200, "20", "50", HALF_LOST, CheckState.CRITICAL, "loss critical at 50 %"),
        Arguments.of(100, 200, "20", "60", ALL_REPLIES, CheckState.OK, "(3/3 replies)"),
        // a round trip at the threshold counts, as in check_ping
        Arguments.of(0, 200, "20", "60", ALL_REPLIES, CheckState.WARNING, "rtt warning at 0 ms"),
        Arguments.of(0, 0, "20", "60", ALL_REPLIES, CheckState.CRITICAL, "rtt critical at 0 ms"),
        Arguments.of(100, 200, "100", "100", ALL_LOST, CheckState.CRITICAL, "100% packet loss"));
  }

  @ParameterizedTest(name = "[{index}] {5}: {6}")
  @MethodSource("thresholds")
  @DisplayName("MON-1: round trip and loss thresholds give WARNING and CRITICAL")
  void thresholds(
      int warnMs,
      int critMs,
      String warnLoss,
      String critLoss,
      String output,
      CheckState state,
      String reason) {
    CheckSpec.Ping spec =
        spec(
            Duration.ofMillis(warnMs),
            Duration.ofMillis(critMs),
            Percent.of(warnLoss),
            Percent.of(critLoss));
    CheckResult result = PingProbe.verdict(spec, PingProbe.parse(output), Duration.ZERO);
    assertThat(result.state()).isEqualTo(state);
    assertThat(result.reason()).contains(reason);
  }

  @Test
  @DisplayName("MON-1: live ICMP echo to 127.0.0.1 is OK with round trips")
  void live() {
    assumeTrue(Files.isExecutable(PingProbe.SYSTEM_PING), "iputils-ping is not installed");
    CheckResult result =
        new PingProbe()
            .check(
                new CheckSpec.Ping("127.0.0.1", Duration.ofSeconds(3), 3, null, null, null, null));
    assertThat(result.state()).as(result.reason()).isEqualTo(CheckState.OK);
    assertThat(result.metrics().get("loss_pct")).isEqualByComparingTo("0");
    assertThat(result.metrics()).containsKeys("rtt_min_ms", "rtt_avg_ms", "rtt_max_ms");
    assertThat(result.latency()).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  @DisplayName("MON-1: a short timeout with many packets still gives a verdict in time")
  void liveShortTimeout() {
    assumeTrue(Files.isExecutable(PingProbe.SYSTEM_PING), "iputils-ping is not installed");
    CheckResult result =
        new PingProbe()
            .check(
                new CheckSpec.Ping("127.0.0.1", Duration.ofSeconds(1), 10, null, null, null, null));
    // 10 packets 200 ms apart would take 1.8 s
    assertThat(result.state()).as(result.reason()).isEqualTo(CheckState.OK);
    assertThat(result.reason()).contains("(10/10 replies)");
    assertThat(result.latency()).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  @DisplayName("MON-1: live ICMPv6 echo to ::1 is OK")
  void liveIpv6() throws IOException {
    assumeTrue(Files.isExecutable(PingProbe.SYSTEM_PING), "iputils-ping is not installed");
    Path interfaces = Path.of("/proc/net/if_inet6");
    assumeTrue(
        Files.exists(interfaces)
            && Files.readString(interfaces).contains("00000000000000000000000000000001"),
        "no IPv6 loopback address");
    CheckResult result =
        new PingProbe()
            .check(new CheckSpec.Ping("::1", Duration.ofSeconds(3), 2, null, null, null, null));
    assertThat(result.state()).as(result.reason()).isEqualTo(CheckState.OK);
  }

  @Test
  @DisplayName("MON-1: no ping binary is UNKNOWN 'ping not installed', never a TCP fallback")
  void notInstalled() {
    CheckResult result =
        new PingProbe(Path.of("/nonexistent/ping")).check(spec(null, null, null, null));
    assertThat(result.state()).isEqualTo(CheckState.UNKNOWN);
    assertThat(result.reason()).startsWith("ping not installed");
    assertThat(result.metrics()).isEmpty();
  }

  @Test
  @DisplayName("MON-1: a ping that hangs is killed at the timeout: CRITICAL timed out")
  void hangingPing(@TempDir Path dir) throws IOException, URISyntaxException {
    Path hang = dir.resolve("ping");
    Files.copy(Path.of(getClass().getResource("/plugins/hang.sh").toURI()), hang);
    Files.setPosixFilePermissions(hang, PosixFilePermissions.fromString("rwx------"));
    CheckResult result =
        new PingProbe(hang)
            .check(
                new CheckSpec.Ping("127.0.0.1", Duration.ofMillis(800), 3, null, null, null, null));
    assertThat(result.state()).isEqualTo(CheckState.CRITICAL);
    assertThat(result.reason()).isEqualTo("timed out after 800 ms");
    assertThat(result.latency()).isLessThan(Duration.ofMillis(1_300));
  }

  @Test
  @DisplayName("MON-1: a host that ping would read as an option is refused")
  void optionAsHost() {
    CheckResult result =
        new PingProbe()
            .check(new CheckSpec.Ping("-f", Duration.ofSeconds(1), 1, null, null, null, null));
    assertThat(result.state()).isEqualTo(CheckState.UNKNOWN);
  }

  @Test
  @DisplayName("MON-1: the command line bounds ping by itself: -w, -W, -6 for IPv6 literals")
  void commandLine() {
    PingProbe probe = new PingProbe();
    assertThat(
            probe.command(
                new CheckSpec.Ping("127.0.0.1", Duration.ofSeconds(5), 5, null, null, null, null)))
        .containsExactly(
            "/usr/bin/ping", "-n", "-c", "5", "-i", "0.2", "-W", "4.05", "-w", "4", "127.0.0.1");
    assertThat(
            probe.command(
                new CheckSpec.Ping("::1", Duration.ofMillis(900), 2, null, null, null, null)))
        .containsExactly("/usr/bin/ping", "-6", "-n", "-c", "2", "-i", "0.2", "-W", "0.55", "::1");
    // five packets 200 ms apart would not fit in 500 ms: they go closer together
    assertThat(
            probe.command(
                new CheckSpec.Ping("127.0.0.1", Duration.ofMillis(500), 5, null, null, null, null)))
        .containsExactly(
            "/usr/bin/ping", "-n", "-c", "5", "-i", "0.043", "-W", "0.178", "127.0.0.1");
  }

  static CheckSpec.Ping spec(
      Duration warnRtt, Duration critRtt, Percent warnLoss, Percent critLoss) {
    return new CheckSpec.Ping(
        "127.0.0.1", Duration.ofSeconds(2), 3, warnRtt, critRtt, warnLoss, critLoss);
  }
}
