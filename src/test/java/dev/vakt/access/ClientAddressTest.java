package dev.vakt.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * F9 (DPA-3): the client address for login throttling. X-Forwarded-For counts only from a
 * configured trusted proxy, and then its right-most untrusted hop; a client cannot choose it.
 */
class ClientAddressTest {

  private static ClientAddress trusting(String... cidrs) {
    return new ClientAddress(
        new AccessProperties(
            3,
            Duration.ofSeconds(2),
            Duration.ofMinutes(15),
            30,
            List.of(cidrs),
            Duration.ofMinutes(15),
            Duration.ofDays(90),
            Duration.ofDays(366),
            12));
  }

  private static MockHttpServletRequest from(String peer, String... forwarded) {
    MockHttpServletRequest r = new MockHttpServletRequest("POST", "/api/session");
    r.setRemoteAddr(peer);
    for (String f : forwarded) {
      r.addHeader("X-Forwarded-For", f);
    }
    return r;
  }

  @Test
  void withoutTrustedProxiesTheHeaderIsIgnored_F9_DPA3() {
    ClientAddress none = trusting();
    assertThat(none.of(from("127.0.0.1", "198.51.100.7"))).isEqualTo("127.0.0.1");
  }

  @Test
  void fromATrustedProxyTheRightMostUntrustedHopIsTheClient_F9_DPA3() {
    ClientAddress proxy = trusting("10.0.0.0/8", "127.0.0.1/32");
    // A client that forges a left-most address does not get to choose it.
    assertThat(proxy.of(from("127.0.0.1", "203.0.113.66, 198.51.100.7"))).isEqualTo("198.51.100.7");
    // Two proxies in a row: the first untrusted hop from the right.
    assertThat(proxy.of(from("127.0.0.1", "198.51.100.7, 10.1.2.3"))).isEqualTo("198.51.100.7");
    assertThat(proxy.of(from("127.0.0.1", "198.51.100.7", "10.1.2.3"))).isEqualTo("198.51.100.7");
    // Only trusted hops, no header, or garbage: the peer itself.
    assertThat(proxy.of(from("127.0.0.1", "10.1.2.3"))).isEqualTo("127.0.0.1");
    assertThat(proxy.of(from("127.0.0.1"))).isEqualTo("127.0.0.1");
    assertThat(proxy.of(from("127.0.0.1", "not-an-address.example"))).isEqualTo("127.0.0.1");
    assertThat(proxy.of(from("127.0.0.1", "2001:db8::1"))).isEqualTo("2001:db8::1");
  }

  @Test
  void fromAnUntrustedPeerTheHeaderIsIgnored_F9_DPA3() {
    ClientAddress proxy = trusting("10.0.0.0/8");
    assertThat(proxy.of(from("198.51.100.9", "10.1.2.3"))).isEqualTo("198.51.100.9");
  }
}
