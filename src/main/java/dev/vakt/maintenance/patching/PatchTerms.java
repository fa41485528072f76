package dev.vakt.maintenance.patching;

import dev.vakt.contract.ContractService;
import dev.vakt.contract.MaintenanceTerms.PatchPolicy;
import dev.vakt.contract.ResolvedTerms;
import dev.vakt.inventory.Service;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Which patch policy applies to a customer on a day, and what it means for each of its servers. A
 * customer may have several contracts; the first that sets {@code maintenance.patching} governs, as
 * the first that sets monitoring governs its checks.
 */
@Component
class PatchTerms {

  /**
   * The terms applied.
   *
   * @param contract the contract; null when none sets a patch policy
   * @param zone its time zone (UTC without one)
   * @param policy its patch policy; null when none
   */
  record Applied(String contract, ZoneId zone, PatchPolicy policy) {}

  private final ContractService contracts;
  private final PatchingProperties properties;

  PatchTerms(ContractService contracts, PatchingProperties properties) {
    this.contracts = contracts;
    this.properties = properties;
  }

  Applied forCustomer(String customer, LocalDate day) {
    List<ResolvedTerms> all = contracts.termsFor(customer, day);
    for (ResolvedTerms r : all) {
      if (r.terms().maintenance() != null && r.terms().maintenance().patching() != null) {
        return new Applied(r.contract(), zone(r), r.terms().maintenance().patching());
      }
    }
    return new Applied(null, all.isEmpty() ? ZoneOffset.UTC : zone(all.getFirst()), null);
  }

  /**
   * The rule for {@code server}: the policy, with the package patterns of the software the
   * inventory says the customer and the provider installed on it (INV-2).
   *
   * @param services the customer's services
   */
  PatchRule rule(Applied applied, String server, List<Service> services) {
    if (applied.policy() == null) {
      return PatchRule.none();
    }
    List<Service> own = services.stream().filter(s -> s.server().equals(server)).toList();
    return PatchRule.of(
        applied.policy(),
        patterns(own, Service.InstalledBy.CUSTOMER),
        patterns(own, Service.InstalledBy.PROVIDER),
        properties.securityGrace());
  }

  private static List<String> patterns(List<Service> services, Service.InstalledBy by) {
    return services.stream()
        .filter(s -> s.installedBy() == by)
        .flatMap(s -> s.packagePatterns().stream())
        .distinct()
        .toList();
  }

  private static ZoneId zone(ResolvedTerms r) {
    return r.terms().timeZone() == null ? ZoneOffset.UTC : r.terms().timeZone();
  }
}
