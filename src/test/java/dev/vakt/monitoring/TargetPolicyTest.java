package dev.vakt.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Checks reach only the networks allowed: loopback unless production widens it. */
class TargetPolicyTest {

  final TargetPolicy loopback = new TargetPolicy(List.of("127.0.0.0/8", "::1/128"));

  @ParameterizedTest
  @CsvSource({
    "127.0.0.1, true",
    "127.10.20.30, true",
    "::1, true",
    "[::1], true",
    "localhost, true",
    "10.0.0.1, false",
    "192.168.1.1, false",
    "8.8.8.8, false",
    "128.0.0.1, false",
    "::2, false"
  })
  void loopbackOnly(String host, boolean allowed) {
    assertThat(loopback.allows(host)).isEqualTo(allowed);
  }

  @Test
  void productionCanAllowEverything() {
    TargetPolicy all = new TargetPolicy(List.of("0.0.0.0/0", "::/0"));
    assertThat(all.allows("10.1.2.3")).isTrue();
    assertThat(all.allows("2001:db8::1")).isTrue();
  }

  @Test
  void aBadBlockIsRefusedAtStart() {
    assertThatThrownBy(() -> new TargetPolicy(List.of("127.0.0.0/40")))
        .hasMessageContaining("not a CIDR block");
    assertThatThrownBy(() -> new TargetPolicy(List.of("nonsense")))
        .hasMessageContaining("not a CIDR block");
  }
}
