package dev.vakt.monitoring;

import java.time.Instant;
import org.jmolecules.event.annotation.DomainEvent;

/**
 * A service (or host check) that was CRITICAL or UNKNOWN is OK or WARNING again. Published in the
 * transaction that records the change, with whose it is (issue 18).
 *
 * @param service the service id, or {@code SERVER:CHECK} for a host check
 * @param server the server it runs on; null when monitoring did not know
 * @param customer the server's customer; null likewise
 * @param at when the service answered again
 * @param before the hard state it left: {@code CRITICAL} (down) or {@code UNKNOWN} (not known)
 * @param coverageVersion the coverage index version the check was planned from
 */
@DomainEvent
public record ServiceCameBack(
    String service,
    String server,
    String customer,
    Instant at,
    CheckState before,
    long coverageVersion) {}
