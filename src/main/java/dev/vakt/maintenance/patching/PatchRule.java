package dev.vakt.maintenance.patching;

import dev.vakt.contract.MaintenanceTerms.PatchPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A contract's patch policy made operational for one server: how long each kind of update may wait
 * and which packages the provider must patch at all.
 *
 * <ul>
 *   <li>With {@code stableAfter} every update in scope must be installed once it is that old (STW
 *       4.0, MNT-5).
 *   <li>With {@code allSecurityPatches} security updates must be installed (BDN SLA 1.1.1.3,
 *       MNT-4): once older than {@code stableAfter}, else within {@code checkEvery} (BDN checks
 *       monthly), else within Vakt's default grace, named as such in every report.
 *   <li>Packages kept back follow the rule of updates; a needed reboot the rule of security
 *       updates, as kernel and library fixes take effect only after it.
 *   <li>Packages whose known origins are all outside {@code officialRepositories} are out of scope
 *       (STW 8.0, MNT-10). An unknown origin is not taken as outside: the provider must look.
 *   <li>With {@code providerInstalledOnly} (SWH 2, MNT-9): packages of software the inventory says
 *       the customer installed are out of scope, unless the provider's software uses them too; and
 *       when the contract names {@code components}, only their packages are in scope.
 * </ul>
 *
 * @param covered whether the contract sets patch management at all
 * @param security the deadline of security updates, null when none
 * @param update the deadline of other updates and kept-back packages, null when none
 * @param officialRepositories the APT origins in scope; null when the contract does not restrict
 * @param components the contract's components (MNT-5); empty when it names none
 * @param providerInstalledOnly whether only the provider's software is patched (MNT-9)
 * @param customerPackages package patterns of software the customer installed (INV-2)
 * @param providerPackages package patterns of software the provider installed (INV-2)
 * @param postponementAllowed whether the customer may postpone updates (MNT-6)
 */
public record PatchRule(
    boolean covered,
    Deadline security,
    Deadline update,
    List<String> officialRepositories,
    List<String> components,
    boolean providerInstalledOnly,
    List<String> customerPackages,
    List<String> providerPackages,
    boolean postponementAllowed) {

  public PatchRule {
    officialRepositories = officialRepositories == null ? null : List.copyOf(officialRepositories);
    components = components == null ? List.of() : List.copyOf(components);
    customerPackages = customerPackages == null ? List.of() : List.copyOf(customerPackages);
    providerPackages = providerPackages == null ? List.of() : List.copyOf(providerPackages);
  }

  /** No patch management: nothing is in scope, nothing is ever overdue. */
  public static PatchRule none() {
    return new PatchRule(false, null, null, null, null, false, null, null, false);
  }

  /**
   * The rule of a contract's patch policy.
   *
   * @param policy the contract's {@code maintenance.patching}; null for {@link #none()}
   * @param customerPackages package patterns of the server's customer-installed software
   * @param providerPackages package patterns of the server's provider-installed software
   * @param defaultGrace how long security updates may wait when the contract requires all of them
   *     but gives no period
   */
  public static PatchRule of(
      PatchPolicy policy,
      List<String> customerPackages,
      List<String> providerPackages,
      Duration defaultGrace) {
    if (policy == null) {
      return none();
    }
    Objects.requireNonNull(defaultGrace, "defaultGrace");
    Deadline stable =
        policy.stableAfter() == null ? null : Deadline.of(policy.stableAfter(), "stableAfter");
    Deadline security = stable;
    if (Boolean.TRUE.equals(policy.allSecurityPatches()) && stable == null) {
      security =
          policy.checkEvery() != null
              ? Deadline.of(policy.checkEvery(), "allSecurityPatches, checkEvery")
              : Deadline.of(defaultGrace, "allSecurityPatches, no period in the contract: Vakt's");
    }
    return new PatchRule(
        true,
        security,
        stable,
        policy.officialRepositories(),
        policy.components(),
        Boolean.TRUE.equals(policy.providerInstalledOnly()),
        customerPackages,
        providerPackages,
        Boolean.TRUE.equals(policy.postponementAllowed()));
  }

  /** Whether the provider must install the update, and if not, why not. */
  public Scope scope(Observation o) {
    if (officialRepositories != null
        && !o.origins().isEmpty()
        && o.origins().stream().noneMatch(officialRepositories::contains)) {
      return Scope.OUTSIDE_REPOSITORIES;
    }
    if (providerInstalledOnly) {
      if (PackageNames.matchesAny(customerPackages, o.name())
          && !PackageNames.matchesAny(providerPackages, o.name())) {
        return Scope.CUSTOMER_INSTALLED;
      }
      if (!components.isEmpty()
          && components.stream()
              .noneMatch(c -> PackageNames.matchesComponent(c, o.name(), o.origins()))) {
        return Scope.NOT_A_COMPONENT;
      }
    }
    return Scope.IN_SCOPE;
  }

  /** How long the update may wait; null when the contract sets no limit for it. */
  public Deadline deadline(Observation o) {
    return o.security() && security != null ? security : update;
  }

  /** How long a needed reboot may wait: as security updates, else as updates. */
  public Deadline reboot() {
    return security != null ? security : update;
  }
}
