package dev.vakt.coverage;

import java.time.Instant;
import java.util.Set;
import org.jmolecules.event.annotation.DomainEvent;

/**
 * The coverage index was rebuilt after terms or inventory changed: engines that plan work from it
 * (monitoring's schedule) plan again. Carries the version, so a listener can tell a stale answer.
 *
 * @param version the new index version
 * @param customers the customers whose coverage may have changed; empty means possibly all
 * @param at when the index was rebuilt
 */
@DomainEvent
public record CoverageChanged(long version, Set<String> customers, Instant at) {
  public CoverageChanged {
    customers = Set.copyOf(customers);
  }
}
