package dev.vakt.contract;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jmolecules.event.annotation.DomainEvent;

/**
 * Terms documents were stored (K-1): new versions of providers, products, contracts or special
 * agreements. Published through the event publication registry, so a listener that fails or a crash
 * before it ran gets the event again at the next start.
 *
 * @param stored the versions stored, as labels ("Contract dg-c-5001 v2")
 * @param customers the customers whose terms the stored versions can change: a contract's customer,
 *     the customers whose contracts name a stored product or whose provider was stored
 * @param at when they were stored
 */
@DomainEvent
public record TermsStored(List<String> stored, Set<String> customers, Instant at) {
  public TermsStored {
    stored = List.copyOf(stored);
    customers = Set.copyOf(customers);
  }
}
