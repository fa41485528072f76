package dev.vakt.access;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Login throttling, kept in PostgreSQL so a restart does not reset it (F9; ADR 0017). Two parts:
 *
 * <ul>
 *   <li>Per client address: at most {@code vakt.access.logins-per-minute} attempts per minute (then
 *       429), so one client cannot try passwords across many accounts.
 *   <li>Per account and client address: after {@code backoff-after} failures, each further attempt
 *       from that address at that account must wait {@code backoff-initial}, doubling with each
 *       failure up to {@code backoff-max}. Never a lock: another address (the account's owner) is
 *       not held back, and a success from an address clears that address's count.
 * </ul>
 *
 * <p>The per-minute count is Counted in PostgreSQL ({@code login_attempt}), one row per address and
 * minute, so a restart does not reset the count and instances sharing the database share the limit;
 * windows before the current minute are deleted once a minute.
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

  /** Until when {@code address} must wait before trying {@code username} again; null if not. */
  java.time.Instant blockedUntil(String username, String address) {
    return jdbc.sql(
            "select blocked_until from login_failure where username = :u and address = :a"
                + " and blocked_until > :now")
        .param("u", username)
        .param("a", address)
        .param("now", java.sql.Timestamp.from(clock.instant()))
        .query(java.sql.Timestamp.class)
        .optional()
        .map(java.sql.Timestamp::toInstant)
        .orElse(null);
  }

  /**
   * Counts a failure of {@code address} at {@code username} and returns the number of failures so
   * far; the next attempt waits as {@link #delay} says. Failures older than {@code backoff-max}
   * times four are forgotten, so an old typo costs nothing.
   */
  int failed(String username, String address) {
    java.time.Instant now = clock.instant();
    java.time.Instant stale = now.minus(properties.backoffMax().multipliedBy(4));
    int failures =
        jdbc.sql(
                """
                insert into login_failure (username, address, failures, last_failure, blocked_until)
                values (:u, :a, 1, :now, :now)
                on conflict (username, address) do update set
                  failures = case when login_failure.last_failure < :stale then 1
                                  else login_failure.failures + 1 end,
                  last_failure = :now
                returning failures
                """)
            .param("u", username)
            .param("a", address)
            .param("now", java.sql.Timestamp.from(now))
            .param("stale", java.sql.Timestamp.from(stale))
            .query(Integer.class)
            .single();
    jdbc.sql("update login_failure set blocked_until = :until where username = :u and address = :a")
        .param("u", username)
        .param("a", address)
        .param("until", java.sql.Timestamp.from(now.plus(delay(failures))))
        .update();
    return failures;
  }

  /** The wait after {@code failures} failures: none for the first few, then doubling, capped. */
  java.time.Duration delay(int failures) {
    int over = failures - properties.backoffAfter();
    if (over <= 0) {
      return java.time.Duration.ZERO;
    }
    java.time.Duration d = properties.backoffInitial().multipliedBy(1L << Math.min(over - 1, 30));
    return d.compareTo(properties.backoffMax()) > 0 ? properties.backoffMax() : d;
  }

  /** A success from {@code address} forgets its failures at {@code username}. */
  void succeeded(String username, String address) {
    jdbc.sql("delete from login_failure where username = :u and address = :a")
        .param("u", username)
        .param("a", address)
        .update();
  }

  /** An admin's unlock: forgets every address's failures at {@code username}. */
  void forget(String username) {
    jdbc.sql("delete from login_failure where username = :u").param("u", username).update();
  }

  private void prune(long minute) {
    long before = prunedBefore.get();
    if (before < minute && prunedBefore.compareAndSet(before, minute)) {
      jdbc.sql("delete from login_attempt where minute < :minute").param("minute", minute).update();
      java.time.Instant old = clock.instant().minus(properties.backoffMax().multipliedBy(4));
      jdbc.sql("delete from login_failure where last_failure < :old and blocked_until < :now")
          .param("old", java.sql.Timestamp.from(old))
          .param("now", java.sql.Timestamp.from(clock.instant()))
          .update();
    }
  }
}
