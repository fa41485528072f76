package dev.vakt.monitoring;

import java.net.InetAddress;

/**
 * One kind of check. A probe is given its typed settings and returns a verdict; it never throws for
 * a failure of the thing it checks (a refused connection is CRITICAL, a malformed answer UNKNOWN or
 * CRITICAL as the check defines), and it never runs longer than the spec's timeout.
 *
 * @param <S> the settings this probe understands
 */
@FunctionalInterface
public interface Probe<S extends CheckSpec> {

  CheckResult check(S spec);

  /**
   * The check connected to {@code approved}, the address the guard approved for the spec's host,
   * instead of a second lookup of the name whose answer may have changed (DNS rebinding, issue 16,
   * F19). Probes that need the name itself (TLS SNI and certificate names, the HTTP {@code Host}
   * header) override this and keep the name for exactly that; the others get a spec already aimed
   * at the address ({@link Pinning}) and need not.
   *
   * @param approved the address to connect to; null when the spec names an address literal or no
   *     host at all
   */
  default CheckResult check(S spec, InetAddress approved) {
    return check(spec);
  }
}
