package dev.vakt.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.IntegrationTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * DPA-3: the login rate limit is kept in PostgreSQL, so it holds across a restart (a new
 * LoginThrottle) and across instances sharing the database, and old windows are pruned.
 */
class LoginThrottleTest extends IntegrationTest {

  @Autowired AccessProperties properties;

  private final Instant minute = Instant.parse("2031-03-04T05:06:00Z");

  private LoginThrottle at(Instant t) {
    return new LoginThrottle(properties, jdbc, Clock.fixed(t, ZoneOffset.UTC));
  }

  @Test
  void theLimitHoldsAcrossANewThrottle_DPA3() {
    String address = unique("10.0.0");
    int limit = properties.loginsPerMinute();
    LoginThrottle first = at(minute);
    for (int i = 0; i < limit - 1; i++) {
      assertThat(first.tryAcquire(address)).isTrue();
    }
    // "Restart": a new instance, same database, same minute.
    LoginThrottle second = at(minute.plusSeconds(30));
    assertThat(second.tryAcquire(address)).isTrue();
    assertThat(second.tryAcquire(address)).isFalse();
    assertThat(at(minute.plusSeconds(59)).tryAcquire(address)).isFalse();
    // Another address is not affected.
    assertThat(second.tryAcquire(unique("10.0.1"))).isTrue();
    // The next minute starts a new window, and the old one is pruned.
    assertThat(at(minute.plus(Duration.ofMinutes(1))).tryAcquire(address)).isTrue();
    assertThat(
            jdbc.sql("select count(*) from login_attempt where address = :a and minute < :m")
                .param("a", address)
                .param("m", minute.plus(Duration.ofMinutes(1)).toEpochMilli() / 60_000)
                .query(Integer.class)
                .single())
        .isZero();
  }
}
