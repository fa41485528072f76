package dev.vakt.maintenance.capacity;

import dev.vakt.contract.CapacityTerms;
import dev.vakt.contract.ResolvedTerms;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The capacity terms a cluster is held to (issue 18): those of the contracts covering its nodes.
 * When several contracts with capacity terms cover them, the strictest of each applies, since the
 * cluster must keep every one of them: N-1 when any requires it, the lowest overcommit ratios and
 * storage limit (a ratio a contract leaves out means no overcommit), and a shortfall the customer's
 * only when every one of them says so.
 *
 * @param contract the contract whose terms apply; several ids joined by ", " when several do; null
 *     when none sets capacity terms
 * @param capacity the terms; null when none
 */
public record ClusterTerms(String contract, CapacityTerms capacity) {

  static final ClusterTerms NONE = new ClusterTerms(null, null);

  /** The terms of the contracts in {@code covering} that set capacity terms (plain Java). */
  static ClusterTerms of(List<ResolvedTerms> covering) {
    Map<String, CapacityTerms> byContract = new LinkedHashMap<>();
    covering.stream()
        .filter(Objects::nonNull)
        .filter(t -> t.terms().capacity() != null)
        .sorted(Comparator.comparing(ResolvedTerms::contract))
        .forEach(t -> byContract.putIfAbsent(t.contract(), t.terms().capacity()));
    if (byContract.isEmpty()) {
      return NONE;
    }
    List<CapacityTerms> all = new ArrayList<>(byContract.values());
    return new ClusterTerms(
        String.join(", ", byContract.keySet()),
        new CapacityTerms(
            all.stream().anyMatch(t -> Boolean.TRUE.equals(t.nMinusOne()))
                ? Boolean.TRUE
                : any(all, CapacityTerms::nMinusOne),
            lowestRatio(all, CapacityTerms::cpuOvercommit),
            lowestRatio(all, CapacityTerms::ramOvercommit),
            min(all, CapacityTerms::storageMaxUsed),
            all.stream().allMatch(t -> Boolean.TRUE.equals(t.shortfallIsCustomerResponsibility()))
                ? Boolean.TRUE
                : any(all, CapacityTerms::shortfallIsCustomerResponsibility)));
  }

  /** Whether several contracts' terms were combined. */
  boolean combined() {
    return contract != null && contract.contains(", ");
  }

  /** FALSE when some contract says so, else null (not set by any). */
  private static Boolean any(List<CapacityTerms> all, Function<CapacityTerms, Boolean> f) {
    return all.stream().map(f).anyMatch(Boolean.FALSE::equals) ? Boolean.FALSE : null;
  }

  /** A ratio a contract leaves out is 1.0, no overcommit ({@link CapacityRule}): the lowest. */
  private static java.math.BigDecimal lowestRatio(
      List<CapacityTerms> all, Function<CapacityTerms, java.math.BigDecimal> f) {
    return all.stream().map(f).anyMatch(Objects::isNull) ? null : min(all, f);
  }

  private static <T extends Comparable<T>> T min(
      List<CapacityTerms> all, Function<CapacityTerms, T> f) {
    return all.stream().map(f).filter(Objects::nonNull).min(Comparator.naturalOrder()).orElse(null);
  }
}
