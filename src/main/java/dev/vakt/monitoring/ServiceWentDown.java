package dev.vakt.monitoring;

import java.time.Instant;
import org.jmolecules.event.annotation.DomainEvent;

/**
 * A watched service (or a host check, id {@code SERVER:CHECK}) reached a hard CRITICAL state.
 * Published in the transaction that records the change in the ledger, so a listener in another
 * module sees it even after a crash.
 *
 * @param service the service id, or {@code SERVER:CHECK} for a host check
 * @param at when the hard state was reached
 * @param reason the check's reason: internal, for staff only
 * @param flapping whether the service has been changing state too often to trust one change
 */
@DomainEvent
public record ServiceWentDown(String service, Instant at, String reason, boolean flapping) {}
