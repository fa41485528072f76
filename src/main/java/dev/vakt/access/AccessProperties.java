package dev.vakt.access;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Login and token settings, with their defaults (docs/access.md).
 *
 * @param backoffAfter failed logins for one account from one client address that cost nothing; each
 *     further one makes that address wait before it may try that account again
 * @param backoffInitial the first wait; it doubles with every further failure
 * @param backoffMax the longest wait (a cap, never a lock)
 * @param loginsPerMinute login attempts one client address may make per minute (then 429)
 * @param trustedProxies CIDR ranges of reverse proxies whose {@code X-Forwarded-For} is believed;
 *     empty: the direct peer is the client
 * @param recentSecondFactor how long after its last TOTP (or password) check a session may make
 *     sensitive changes (accounts, tokens, secrets)
 * @param tokenLifetime how long an API token lives when its creator names no expiry
 * @param maxTokenLifetime the longest expiry a token may be given
 * @param minPasswordLength the shortest password accepted
 */
@ConfigurationProperties("vakt.access")
record AccessProperties(
    @DefaultValue("3") int backoffAfter,
    @DefaultValue("2s") Duration backoffInitial,
    @DefaultValue("15m") Duration backoffMax,
    @DefaultValue("30") int loginsPerMinute,
    @DefaultValue List<String> trustedProxies,
    @DefaultValue("15m") Duration recentSecondFactor,
    @DefaultValue("90d") Duration tokenLifetime,
    @DefaultValue("366d") Duration maxTokenLifetime,
    @DefaultValue("12") int minPasswordLength) {

  AccessProperties {
    if (backoffAfter < 0 || loginsPerMinute < 1 || minPasswordLength < 8) {
      throw new IllegalArgumentException(
          "vakt.access: backoff-after must not be negative, logins-per-minute at least 1,"
              + " min-password-length at least 8");
    }
    if (backoffInitial.isNegative()
        || backoffMax.compareTo(backoffInitial) < 0
        || !recentSecondFactor.isPositive()
        || tokenLifetime.compareTo(maxTokenLifetime) > 0) {
      throw new IllegalArgumentException(
          "vakt.access: backoff-initial must not be negative nor above backoff-max,"
              + " recent-second-factor must be positive, token-lifetime not above"
              + " max-token-lifetime");
    }
    trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
  }
}
