package dev.vakt.monitoring.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.monitoring.CheckResult;
import dev.vakt.monitoring.CheckSpec;
import dev.vakt.monitoring.CheckState;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** DNS checks against a small UDP responder on 127.0.0.1 (MON-6). */
class DnsProbeTest {

  static TinyDns dns;
  static TinyDns silent;
  final DnsProbe probe = new DnsProbe();

  @BeforeAll
  static void start() throws IOException {
    dns = new TinyDns(false);
    silent = new TinyDns(true);
  }

  @AfterAll
  static void stop() {
    dns.close();
    silent.close();
  }

  static CheckSpec.Dns spec(int port, String name, String type, String expect, Duration timeout) {
    return new CheckSpec.Dns("127.0.0.1", port, name, type, expect, timeout);
  }

  @Test
  @DisplayName("MON-6: an A record answered is OK, with the addresses and time_ms")
  void answered() {
    CheckResult result =
        probe.check(spec(dns.port(), TinyDns.NAME, "A", null, Duration.ofSeconds(2)));
    assertThat(result.state()).as(result.reason()).isEqualTo(CheckState.OK);
    assertThat(result.reason()).startsWith("www.vakt.test A ").contains("127.0.0.10", "127.0.0.11");
    assertThat(result.metrics()).containsKey("time_ms");
  }

  @Test
  @DisplayName("MON-6: the expected value among the answers is OK (record type defaults to A)")
  void expectedValue() {
    CheckResult result =
        probe.check(spec(dns.port(), "WWW.vakt.test.", null, "127.0.0.11", Duration.ofSeconds(2)));
    assertThat(result.state()).as(result.reason()).isEqualTo(CheckState.OK);
  }

  @Test
  @DisplayName("MON-6: an expected value missing from the answers is CRITICAL")
  void unexpectedValue() {
    CheckResult result =
        probe.check(spec(dns.port(), TinyDns.NAME, "A", "127.0.0.99", Duration.ofSeconds(2)));
    assertThat(result.state()).isEqualTo(CheckState.CRITICAL);
    assertThat(result.reason()).contains("expected 127.0.0.99");
  }

  @Test
  @DisplayName("MON-6: NXDOMAIN is CRITICAL")
  void nxdomain() {
    CheckResult result =
        probe.check(spec(dns.port(), "nope.vakt.test", "A", null, Duration.ofSeconds(2)));
    assertThat(result.state()).isEqualTo(CheckState.CRITICAL);
    assertThat(result.reason()).isEqualTo("NXDOMAIN: nope.vakt.test does not exist");
  }

  @Test
  @DisplayName("MON-6: a name without a record of the type asked is CRITICAL")
  void noRecordOfType() {
    CheckResult result =
        probe.check(spec(dns.port(), TinyDns.NAME, "AAAA", null, Duration.ofSeconds(2)));
    assertThat(result.state()).isEqualTo(CheckState.CRITICAL);
    assertThat(result.reason()).isEqualTo("no AAAA record for www.vakt.test");
  }

  @Test
  @DisplayName("MON-6: a server that never answers is CRITICAL 'timed out' within the timeout")
  void noAnswer() {
    CheckResult result =
        probe.check(spec(silent.port(), TinyDns.NAME, "A", null, Duration.ofSeconds(1)));
    assertThat(result.state()).isEqualTo(CheckState.CRITICAL);
    assertThat(result.reason()).startsWith("timed out after 1 s");
    assertThat(result.latency()).isLessThan(Duration.ofMillis(1_500));
  }

  @Test
  @DisplayName("MON-6: no server on the port is CRITICAL")
  void noServer() throws IOException {
    int port;
    try (DatagramSocket closed =
        new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      port = closed.getLocalPort();
    }
    CheckResult result = probe.check(spec(port, TinyDns.NAME, "A", null, Duration.ofSeconds(1)));
    assertThat(result.state()).isEqualTo(CheckState.CRITICAL);
    assertThat(result.reason())
        .isEqualTo("no DNS server at 127.0.0.1:" + port + " (port unreachable)");
    assertThat(result.latency()).isLessThan(Duration.ofMillis(1_500));
  }

  @Test
  @DisplayName("MON-6: a record type the client does not know is UNKNOWN")
  void unsupportedType() {
    CheckResult result =
        probe.check(spec(dns.port(), TinyDns.NAME, "BOGUS", null, Duration.ofSeconds(1)));
    assertThat(result.state()).isEqualTo(CheckState.UNKNOWN);
    assertThat(result.reason()).isEqualTo("unsupported record type BOGUS");
  }

  @ParameterizedTest(name = "''{0}'' matches ''{1}'': {2}")
  @CsvSource({
    "127.0.0.1, 127.0.0.1, true",
    "mx.vakt.test., mx.vakt.test, true",
    "10 mx.vakt.test., mx.vakt.test, true",
    "10 mx.vakt.test., MX.VAKT.TEST., true",
    "'\"v=spf1 -all\"', v=spf1 -all, true",
    "127.0.0.10, 127.0.0.1, false",
    "10 mx.vakt.test., vakt.test, false"
  })
  @DisplayName("MON-6: expected values match answers ignoring case, final dot, MX priority, quotes")
  void matches(String answer, String expected, boolean matches) {
    assertThat(DnsProbe.matches(answer, expected)).isEqualTo(matches);
  }

  /**
   * A test fixture, not a DNS server: answers UDP queries on 127.0.0.1 with two A records for
   * {@link #NAME}, no records of other types for it, and NXDOMAIN for every other name. A silent
   * one never answers.
   */
  static final class TinyDns implements AutoCloseable {
    static final String NAME = "www.vakt.test";
    static final List<byte[]> ADDRESSES =
        List.of(new byte[] {127, 0, 0, 10}, new byte[] {127, 0, 0, 11});

    private final DatagramSocket socket;
    private final boolean silent;

    TinyDns(boolean silent) throws IOException {
      this.silent = silent;
      this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      Thread.ofVirtual().start(this::serve);
    }

    int port() {
      return socket.getLocalPort();
    }

    private void serve() {
      byte[] buffer = new byte[512];
      while (!socket.isClosed()) {
        DatagramPacket query = new DatagramPacket(buffer, buffer.length);
        try {
          socket.receive(query);
          if (!silent) {
            byte[] reply = answer(Arrays.copyOf(query.getData(), query.getLength()));
            socket.send(new DatagramPacket(reply, reply.length, query.getSocketAddress()));
          }
        } catch (IOException | RuntimeException e) {
          // closed, or a query this fixture cannot read: no answer
        }
      }
    }

    /** RFC 1035 message: header, the question echoed, then the answers. */
    static byte[] answer(byte[] query) {
      int at = 12; // the question's name starts after the 12-byte header
      StringBuilder name = new StringBuilder();
      while (query[at] != 0) {
        int length = query[at];
        name.append(name.isEmpty() ? "" : ".");
        name.append(new String(query, at + 1, length, StandardCharsets.US_ASCII));
        at += length + 1;
      }
      int type = ((query[at + 1] & 0xff) << 8) | (query[at + 2] & 0xff);
      int questionEnd = at + 5; // zero byte, type, class
      boolean known = name.toString().equalsIgnoreCase(NAME);
      List<byte[]> answers = known && type == 1 ? ADDRESSES : List.of();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.write(query[0]); // the query's id
      out.write(query[1]);
      out.write(0x84 | (query[2] & 0x01)); // response, authoritative, recursion desired as asked
      out.write(known ? 0 : 3); // NOERROR or NXDOMAIN
      short16(out, 1);
      short16(out, answers.size());
      short16(out, 0);
      short16(out, 0);
      out.write(query, 12, questionEnd - 12);
      for (byte[] address : answers) {
        short16(out, 0xC00C); // the name: a pointer to the question's
        short16(out, 1); // A
        short16(out, 1); // IN
        short16(out, 0);
        short16(out, 60); // TTL
        short16(out, address.length);
        out.write(address, 0, address.length);
      }
      return out.toByteArray();
    }

    private static void short16(ByteArrayOutputStream out, int value) {
      out.write(value >> 8);
      out.write(value);
    }

    @Override
    public void close() {
      socket.close();
    }
  }
}
