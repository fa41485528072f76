package dev.vakt.monitoring;

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
}
