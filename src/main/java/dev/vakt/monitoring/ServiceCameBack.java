package dev.vakt.monitoring;

import java.time.Instant;
import org.jmolecules.event.annotation.DomainEvent;

/**
 * A service (or host check) that was CRITICAL or UNKNOWN is OK or WARNING again. Published in the
 * transaction that records the change.
 *
 * @param service the service id, or {@code SERVER:CHECK} for a host check
 * @param at when the service answered again
 * @param before the hard state it left: {@code CRITICAL} (down) or {@code UNKNOWN} (not known)
 */
@DomainEvent
public record ServiceCameBack(String service, Instant at, CheckState before) {}
