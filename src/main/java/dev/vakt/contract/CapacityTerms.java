package dev.vakt.contract;

import static dev.vakt.common.InvalidField.check;

import dev.vakt.common.Percent;
import java.math.BigDecimal;

/**
 * The cluster capacity rule (STW 10.0, MNT-8, SLA-9).
 *
 * @param nMinusOne every cluster must be able to lose one node without affecting guests
 * @param cpuOvercommit allowed ratio of configured vCPUs to physical cores
 * @param ramOvercommit allowed ratio of configured guest RAM to physical RAM
 * @param storageMaxUsed storage use the remaining nodes may reach
 * @param shortfallIsCustomerResponsibility outages from a shortfall are the customer's (SLA-9)
 */
public record CapacityTerms(
    Boolean nMinusOne,
    BigDecimal cpuOvercommit,
    BigDecimal ramOvercommit,
    Percent storageMaxUsed,
    Boolean shortfallIsCustomerResponsibility) {

  public CapacityTerms {
    check(
        cpuOvercommit == null || cpuOvercommit.compareTo(BigDecimal.ONE) >= 0,
        "cpuOvercommit",
        "must be at least 1.0 (1.0 means no overcommit)");
    check(
        ramOvercommit == null || ramOvercommit.compareTo(BigDecimal.ONE) >= 0,
        "ramOvercommit",
        "must be at least 1.0 (1.0 means no overcommit)");
  }
}
