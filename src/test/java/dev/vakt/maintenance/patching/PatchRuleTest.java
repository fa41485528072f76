package dev.vakt.maintenance.patching;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.catalog.Catalog;
import dev.vakt.contract.MaintenanceTerms.PatchPolicy;
import dev.vakt.contract.TermsResolver;
import dev.vakt.monitoring.PackageScan;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The example contracts' patch policies made operational (MNT-4, MNT-5, MNT-9, MNT-10). */
class PatchRuleTest {

  static final Duration GRACE = Duration.ofDays(30);

  static PatchPolicy policy(String provider, String contract) {
    Catalog catalog = Catalog.read(List.of(Path.of("examples", provider)));
    assertThat(catalog.problems()).isEmpty();
    return new TermsResolver(catalog.terms())
        .resolve(contract, LocalDate.of(2026, 11, 1))
        .orElseThrow()
        .terms()
        .maintenance()
        .patching();
  }

  static PatchRule rule(String provider, String contract, List<String> customer) {
    return PatchRule.of(policy(provider, contract), customer, List.of(), GRACE);
  }

  static Observation obs(String name, boolean security, String... origins) {
    Instant t = Instant.parse("2026-11-01T00:00:00Z");
    return new Observation(
        1,
        "s",
        name,
        "1",
        "2",
        Arrays.asList(origins),
        "",
        security,
        false,
        PackageScan.Source.SSH,
        t,
        t,
        null);
  }

  @Test
  void stwInstallsEveryUpdateOnceThreeDaysOld_MNT5() {
    PatchRule r = rule("stw", "stw-c-2001", List.of());

    assertThat(r.update().duration()).isEqualTo(Duration.ofDays(3));
    assertThat(r.security()).isEqualTo(r.update());
    assertThat(r.update().basis()).isEqualTo("stableAfter 3d");
    assertThat(r.officialRepositories()).containsExactly("Proxmox", "Debian");
    assertThat(r.postponementAllowed()).isTrue();
  }

  @Test
  void bdnInstallsSecurityPatchesWithinItsMonthlyCheck_MNT4() {
    PatchRule r = rule("bdn", "bdn-c-1001", List.of());

    assertThat(r.security().period()).isEqualTo(Period.ofMonths(1));
    assertThat(r.update()).as("BDN sets no rule for other updates").isNull();
    assertThat(r.providerInstalledOnly()).isTrue();
    assertThat(r.postponementAllowed()).isFalse();
  }

  @Test
  void swhGivesNoPeriodSoVaktsDefaultGraceIsNamed_MNT4() {
    PatchRule r = rule("swh", "swh-c-3001", List.of());

    assertThat(r.security().duration()).isEqualTo(GRACE);
    assertThat(r.security().basis()).contains("Vakt's").contains("30d");
  }

  @ParameterizedTest(name = "{0} {1} from {3}: {4}")
  @CsvSource(
      delimiter = '|',
      value = {
        "stw | pve-manager  | false | Proxmox     | in-scope",
        "stw | libssl3      | true  | Debian      | in-scope",
        "stw | docker-ce    | false | Docker      | outside-repositories",
        // An unknown origin is no evidence of a third-party source: the provider must look.
        "stw | proxmox-ve   | false | ''          | in-scope",
        "swh | redis-server | false | Debian      | customer-installed",
        "swh | openssl      | true  | Debian      | in-scope",
        "dg  | php8.2-fpm   | true  | Debian      | in-scope",
        "dg  | libssl3      | true  | Debian      | not-a-component",
      })
  void scopeFollowsRepositoriesInventoryAndComponents_MNT9_MNT10(
      String provider, String name, boolean security, String origin, String scope) {
    String contract =
        switch (provider) {
          case "stw" -> "stw-c-2001";
          case "swh" -> "swh-c-3001";
          default -> "dg-c-5001";
        };
    PatchRule r = rule(provider, contract, List.of("redis-server", "redis-tools"));
    Observation o = origin.isEmpty() ? obs(name, security) : obs(name, security, origin);

    assertThat(r.scope(o).code()).isEqualTo(scope);
  }

  @Test
  void softwareBothPartiesUseStaysTheProvidersToPatch_MNT9() {
    PatchRule r =
        PatchRule.of(
            policy("swh", "swh-c-3001"), List.of("libhiredis*"), List.of("libhiredis*"), GRACE);

    assertThat(r.scope(obs("libhiredis0.14", false, "Debian"))).isEqualTo(Scope.IN_SCOPE);
  }

  @Test
  void withoutAPolicyNothingIsCovered() {
    assertThat(PatchRule.of(null, List.of(), List.of(), GRACE).covered()).isFalse();
  }
}
