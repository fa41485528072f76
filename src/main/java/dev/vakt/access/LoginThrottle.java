package dev.vakt.access;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * At most {@code vakt.access.logins-per-minute} login attempts per client address and minute, so
 * one client cannot try passwords across many accounts (each account's own lock-out stops guessing
 * at one). Counted in PostgreSQL ({@code login_attempt}), one row per address and minute, so a
 * restart does not reset the count and instances sharing the database share the limit; windows
 * before the current minute are deleted once a minute.
 */
@Component
class LoginThrottle {

  private final AccessProperties properties;
  private final JdbcClient jdbc;
  private final Clock clock;
  private final AtomicLong prunedBefore = new AtomicLong();

  LoginThrottle(AccessProperties properties, JdbcClient jdbc, Clock clock) {
    this.properties = properties;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Counts an attempt from {@code address}; false when it is over the limit. */
  boolean tryAcquire(String address) {
    long minute = clock.millis() / 60_000;
    prune(minute);
    // One statement counts and reads, so concurrent attempts (from any instance) never lose one.
    int attempts =
        jdbc.sql(
                """
                insert into login_attempt (address, minute, attempts) values (:address, :minute, 1)
                on conflict (address, minute)
                  do update set attempts = login_attempt.attempts + 1
                returning attempts
                """)
            .param("address", address)
            .param("minute", minute)
            .query(Integer.class)
            .single();
    return attempts <= properties.loginsPerMinute();
  }

  private void prune(long minute) {
    long before = prunedBefore.get();
    if (before < minute && prunedBefore.compareAndSet(before, minute)) {
      jdbc.sql("delete from login_attempt where minute < :minute").param("minute", minute).update();
    }
  }
}
