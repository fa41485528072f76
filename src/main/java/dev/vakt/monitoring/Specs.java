package dev.vakt.monitoring;

import static dev.vakt.common.InvalidField.check;
import static dev.vakt.common.InvalidField.required;

import java.time.Duration;

/** Validation shared by the check specs. */
final class Specs {

  private Specs() {}

  static void endpoint(String host, int port, Duration timeout) {
    required("host", host);
    check(!host.isBlank(), "host", "cannot be empty");
    // A host name or an address literal, nothing more: some probes build URLs from it (F18).
    check(
        host.matches("[A-Za-z0-9_.-]{1,253}|\\[?[0-9A-Fa-f:.%A-Za-z]{2,64}\\]?")
            && !host.contains("/")
            && !host.contains("?"),
        "host",
        "must be a host name or an IP address");
    check(port >= 1 && port <= 65535, "port", "must be a port from 1 to 65535");
    timeout(timeout);
  }

  static void timeout(Duration timeout) {
    required("timeout", timeout);
    check(
        timeout.toMillis() >= 10 && timeout.toMinutes() <= 10,
        "timeout",
        "must be from 10ms to 10m");
  }

  static void certDays(Integer warn, Integer critical) {
    check(warn == null || warn >= 0, "certWarnDays", "cannot be negative");
    check(critical == null || critical >= 0, "certCriticalDays", "cannot be negative");
    check(
        warn == null || critical == null || warn >= critical,
        "certWarnDays",
        "must be at least certCriticalDays: the warning comes first");
  }
}
