package dev.vakt.maintenance;

import java.time.Instant;
import java.util.List;
import org.jmolecules.event.annotation.DomainEvent;

/**
 * Planned work that affects a customer's services was called off before it ended: alerting tells
 * the customer, who was told it was coming. Published once per affected customer.
 *
 * @param from the start the customer was told of
 * @param to the end the customer was told of
 */
@DomainEvent
public record MaintenanceCancelled(
    String maintenance,
    String customer,
    List<String> services,
    Instant from,
    Instant to,
    String title,
    String reason) {}
