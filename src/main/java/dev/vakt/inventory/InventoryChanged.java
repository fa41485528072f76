package dev.vakt.inventory;

import java.time.Instant;
import java.util.Set;
import org.jmolecules.event.annotation.DomainEvent;

/**
 * Customers, clusters, servers or services were created, changed or deleted. One event per
 * transaction's change or per imported document, published through the event publication registry.
 * It names the customers concerned so a listener can look again at just those.
 *
 * @param customers the customers whose inventory changed
 * @param at when
 */
@DomainEvent
public record InventoryChanged(Set<String> customers, Instant at) {
  public InventoryChanged {
    customers = Set.copyOf(customers);
  }
}
