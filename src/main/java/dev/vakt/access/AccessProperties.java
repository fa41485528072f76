package dev.vakt.access;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Login and token settings, with their defaults (docs/access.md).
 *
 * @param maxFailedAttempts failed logins in a row after which an account is locked
 * @param lockout how long a locked account stays locked
 * @param loginsPerMinute login attempts one client address may make per minute (then 429)
 * @param tokenLifetime how long an API token lives when its creator names no expiry
 * @param maxTokenLifetime the longest expiry a token may be given
 * @param minPasswordLength the shortest password accepted
 */
@ConfigurationProperties("vakt.access")
record AccessProperties(
    @DefaultValue("5") int maxFailedAttempts,
    @DefaultValue("15m") Duration lockout,
    @DefaultValue("30") int loginsPerMinute,
    @DefaultValue("90d") Duration tokenLifetime,
    @DefaultValue("366d") Duration maxTokenLifetime,
    @DefaultValue("12") int minPasswordLength) {

  AccessProperties {
    if (maxFailedAttempts < 1 || loginsPerMinute < 1 || minPasswordLength < 8) {
      throw new IllegalArgumentException(
          "vakt.access: max-failed-attempts and logins-per-minute must be at least 1,"
              + " min-password-length at least 8");
    }
    if (lockout.isNegative() || tokenLifetime.compareTo(maxTokenLifetime) > 0) {
      throw new IllegalArgumentException(
          "vakt.access: lockout must not be negative, token-lifetime not above max-token-lifetime");
    }
  }
}
