package dev.vakt.maintenance.patching;

import static dev.vakt.maintenance.CoveredMaintenanceWorld.OSLO_NEW_YEAR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vakt.IntegrationTest;
import dev.vakt.catalog.Catalog;
import dev.vakt.catalog.CatalogService;
import dev.vakt.common.ApiErrors;
import dev.vakt.maintenance.CoveredMaintenanceWorld;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Patching asks coverage (issue 18). K-2: a customer whose colocation server's contract sets no
 * patch management while its dedicated server's does has only the dedicated server judged, scanned
 * and postponed; before, the first contract with {@code maintenance.patching} was applied to every
 * server of the customer. K-1: a terms version effective on a date applies from Oslo's midnight
 * (23:00 UTC the day before), not UTC's.
 */
class CoveredPatchingTest extends IntegrationTest {

  @Autowired CatalogService catalog;
  @Autowired PatchTerms terms;
  @Autowired PatchComplianceService compliance;
  @Autowired PostponementService postponements;

  private String importWorld() {
    String p = unique("cvp");
    Catalog c = catalog.read("covered-patching-test", CoveredMaintenanceWorld.yaml(p));
    assertThat(c.problems()).isEmpty();
    catalog.importCatalog(c, "test");
    return p;
  }

  @Test
  void k2_patchComplianceJudgesOnlyTheServerWhoseContractPatches_MNT4_MNT5() {
    String p = importWorld();
    CustomerCompliance c = compliance.customer(p + "-acme", null);
    assertThat(c.contract()).isEqualTo(p + "-b-hosting");
    assertThat(c.zone().getId()).isEqualTo("Europe/Oslo");
    // Never scanned: the dedicated server is unknown; the colocation server is not covered.
    assertThat(c.servers())
        .extracting(ServerCompliance::server, ServerCompliance::verdict)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(p + "-web", Verdict.UNKNOWN),
            org.assertj.core.groups.Tuple.tuple(p + "-box", Verdict.NOT_COVERED));
    assertThat(compliance.server(p + "-box", null).servers().getFirst().verdict())
        .isEqualTo(Verdict.NOT_COVERED);
  }

  @Test
  void k2_onlyTheServerWhoseContractPatchesIsScanned_MNT4() {
    String p = importWorld();
    // The scanner's filter: the covering contract's policy now.
    java.time.Instant now = java.time.Instant.now();
    assertThat(terms.forServer(p + "-web", now).policy()).isNotNull();
    assertThat(terms.forServer(p + "-box", now).policy()).isNull();
    assertThat(terms.forServer(p + "-box", now).contract()).isEqualTo(p + "-a-colo");
  }

  @Test
  void k2_updatesArePostponedOnlyOnServersWhoseContractPatches_MNT6() {
    String p = importWorld();
    String until = LocalDate.now().plusDays(7).toString();
    assertThatThrownBy(
            () ->
                postponements.postpone(
                    p + "-acme", request(List.of(p + "-box"), null, until), "test"))
        .isInstanceOf(ApiErrors.Conflict.class)
        .hasMessageContaining("sets patch management");
    Postponement all = postponements.postpone(p + "-acme", request(null, true, until), "test");
    assertThat(all.contract()).isEqualTo(p + "-b-hosting");
    assertThat(all.endsAt())
        .isEqualTo(
            LocalDate.parse(until)
                .plusDays(1)
                .atStartOfDay(java.time.ZoneId.of("Europe/Oslo"))
                .toInstant());
  }

  @Test
  void k1_patchTermsVersionAppliesFromOsloMidnight_MNT6() {
    String p = importWorld();
    PatchTerms.Applied newYear = terms.forServer(p + "-web", OSLO_NEW_YEAR);
    assertThat(newYear.today()).isEqualTo(LocalDate.of(2026, 1, 1));
    assertThat(newYear.policy().postponementAllowed()).isTrue();
    PatchTerms.Applied before =
        terms.forServer(p + "-web", OSLO_NEW_YEAR.minus(Duration.ofHours(1)));
    assertThat(before.today()).isEqualTo(LocalDate.of(2025, 12, 31));
    assertThat(before.policy().postponementAllowed()).isFalse();
  }

  @Test
  void k1_theReportMonthEndsAtOsloMidnight_MNT4() {
    String p = importWorld();
    CustomerCompliance december =
        compliance.customer(p + "-acme", java.time.YearMonth.of(2025, 12));
    assertThat(december.from()).isEqualTo(java.time.Instant.parse("2025-11-30T23:00:00Z"));
    assertThat(december.evaluatedAt()).isEqualTo(OSLO_NEW_YEAR.minus(Duration.ofMinutes(30)));
  }

  private static PostponementService.Request request(
      List<String> servers, Boolean all, String until) {
    return new PostponementService.Request(
        servers,
        all,
        "busy season",
        "open vulnerabilities",
        "kari@acme.example",
        LocalDate.parse(until));
  }
}
