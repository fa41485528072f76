package dev.vakt.monitoring;

import java.time.Instant;
import org.jmolecules.event.annotation.DomainEvent;

/**
 * A watched service (or a host check, id {@code SERVER:CHECK}) reached a hard CRITICAL state.
 * Published in the transaction that records the change in the ledger, so a listener in another
 * module sees it even after a crash. It carries what its listeners need (issue 18), so none calls
 * back into monitoring or the inventory to learn whose it is.
 *
 * @param service the service id, or {@code SERVER:CHECK} for a host check
 * @param server the server it runs on; null when monitoring did not know (checks planned before an
 *     upgrade)
 * @param customer the server's customer; null likewise
 * @param at when the hard state was reached
 * @param reason the check's reason: internal, for staff only
 * @param flapping whether the service has been changing state too often to trust one change
 * @param parent the service it depends on (its server's ping or its {@code dependsOn}); null
 * @param parentDown whether that parent was in a hard CRITICAL state when this was published
 * @param coverageVersion the coverage index version the check was planned from
 */
@DomainEvent
public record ServiceWentDown(
    String service,
    String server,
    String customer,
    Instant at,
    String reason,
    boolean flapping,
    String parent,
    boolean parentDown,
    long coverageVersion) {}
