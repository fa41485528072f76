package dev.vakt.maintenance.patching;

import dev.vakt.contract.MaintenanceTerms.PatchPolicy;
import dev.vakt.contract.ResolvedTerms;
import dev.vakt.coverage.Coverage;
import dev.vakt.coverage.CoverageService;
import dev.vakt.coverage.Subject;
import dev.vakt.inventory.Service;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Which patch policy applies to a server at an instant, and what it means for it (issue 18): the
 * contract covering the server (coverage) decides, so a customer's colocation server is not judged
 * by the patch terms of its hosting contract. Days are the contract's local days.
 */
@Component
class PatchTerms {

  /**
   * The terms applied to one server.
   *
   * @param contract the covering contract; null when none covers the server
   * @param zone the contract's time zone (the provider's when no contract covers the server)
   * @param today the local day in {@code zone} at the instant asked about
   * @param policy the covering contract's patch policy; null when it sets none
   */
  record Applied(String contract, ZoneId zone, LocalDate today, PatchPolicy policy) {}

  private final CoverageService coverage;
  private final PatchingProperties properties;

  PatchTerms(CoverageService coverage, PatchingProperties properties) {
    this.coverage = coverage;
    this.properties = properties;
  }

  /** The terms of the contract covering {@code server} at {@code at}. */
  Applied forServer(String server, Instant at) {
    Coverage c = coverage.at(Subject.server(server), at);
    ResolvedTerms t = c.terms();
    PatchPolicy policy =
        t == null || t.terms().maintenance() == null ? null : t.terms().maintenance().patching();
    return new Applied(c.contractId().orElse(null), c.zone(), c.localDate(), policy);
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
}
