package dev.vakt.monitoring;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What one check found: a state, why, how long it took, and any measurements (performance data).
 *
 * @param state OK, WARNING, CRITICAL or UNKNOWN
 * @param reason one line a technician understands, e.g. "SMTP banner '220 mx ESMTP' in 12 ms"
 * @param latency time from start to verdict
 * @param metrics named measurements, e.g. {@code time_ms}, {@code cert_days_left}, {@code
 *     offset_ms}
 */
public record CheckResult(
    CheckState state, String reason, Duration latency, Map<String, BigDecimal> metrics) {

  public CheckResult {
    Objects.requireNonNull(state, "state");
    reason = reason == null || reason.isBlank() ? state.code() : reason.strip();
    latency = latency == null ? Duration.ZERO : latency;
    metrics =
        metrics == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(metrics));
  }

  public static CheckResult ok(String reason, Duration latency, Map<String, BigDecimal> metrics) {
    return new CheckResult(CheckState.OK, reason, latency, metrics);
  }

  public static CheckResult critical(String reason, Duration latency) {
    return new CheckResult(CheckState.CRITICAL, reason, latency, Map.of());
  }

  public static CheckResult unknown(String reason, Duration latency) {
    return new CheckResult(CheckState.UNKNOWN, reason, latency, Map.of());
  }
}
