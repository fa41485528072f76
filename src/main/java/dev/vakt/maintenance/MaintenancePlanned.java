package dev.vakt.maintenance;

import java.time.Instant;
import java.util.List;
import org.jmolecules.event.annotation.DomainEvent;

/**
 * Work was planned that affects a customer's services: alerting tells the customer (MNT-11).
 * Published once per affected customer in the transaction that stores the plan, so it survives a
 * crash.
 *
 * @param maintenance the maintenance id
 * @param customer the customer told
 * @param services the customer's affected services
 * @param title what the work is
 * @param description more for the customer; may be null
 */
@DomainEvent
public record MaintenancePlanned(
    String maintenance,
    String customer,
    List<String> services,
    Instant from,
    Instant to,
    String title,
    String description) {}
