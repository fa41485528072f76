package dev.vakt.outage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vakt.IntegrationTest;
import dev.vakt.alerting.CoverageAlertingTest;
import dev.vakt.catalog.Catalog;
import dev.vakt.catalog.CatalogService;
import dev.vakt.common.ApiErrors;
import dev.vakt.common.Percent;
import dev.vakt.sla.SlaReport;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * SLA reports ask coverage which contract governs (issue 18). K-2: a customer with a hosting and a
 * colocation contract gets each service's report under the contract covering it, where before any
 * customer with two contracts was refused. K-1: a report's last day is the Oslo day, so a terms
 * version effective on a date governs the report of that day and not the one before.
 */
class CoverageOutageTest extends IntegrationTest {

  @Autowired CatalogService catalog;
  @Autowired OutageService outages;

  private String importWorld() {
    String p = unique("cvo");
    Catalog c = catalog.read("coverage-outage-test", CoverageAlertingTest.world(p));
    assertThat(c.problems()).isEmpty();
    catalog.importCatalog(c, "test");
    return p;
  }

  private static final LocalDate JUNE = LocalDate.parse("2025-06-01");

  @Test
  void k2_slaReportOfAServiceIsMadeUnderItsCoveringContract_SLA4() {
    String p = importWorld();
    SlaReport web = outages.report(p + "-acme", JUNE, JUNE.plusMonths(1), null, p + "-https");
    assertThat(web.contract()).isEqualTo(p + "-b-hosting");
    SlaReport box = outages.report(p + "-acme", JUNE, JUNE.plusMonths(1), null, p + "-box-ping");
    assertThat(box.contract()).isEqualTo(p + "-a-colo");
    // Naming another contract than the covering one is the caller's mistake, said so.
    assertThatThrownBy(
            () ->
                outages.report(p + "-acme", JUNE, JUNE.plusMonths(1), p + "-a-colo", p + "-https"))
        .isInstanceOf(ApiErrors.InvalidInput.class)
        .hasMessageContaining(p + "-b-hosting");
  }

  @Test
  void k2_customerReportCoversTheServicesOfTheNamedContractOnly_SLA4() {
    String p = importWorld();
    SlaReport colo = outages.report(p + "-acme", JUNE, JUNE.plusMonths(1), p + "-a-colo", null);
    assertThat(colo.services())
        .extracting(SlaReport.ServiceReport::service)
        .containsExactly(p + "-box-ping");
    SlaReport hosting =
        outages.report(p + "-acme", JUNE, JUNE.plusMonths(1), p + "-b-hosting", null);
    assertThat(hosting.services())
        .extracting(SlaReport.ServiceReport::service)
        .containsExactly(p + "-https");
    // Unnamed, while services are under two contracts: one report measures one contract's targets.
    assertThatThrownBy(() -> outages.report(p + "-acme", JUNE, JUNE.plusMonths(1), null, null))
        .isInstanceOf(ApiErrors.Conflict.class)
        .hasMessageContaining(p + "-a-colo")
        .hasMessageContaining(p + "-b-hosting");
  }

  @Test
  void k1_reportOfAnOsloDayIsMadeUnderThatDaysTermsVersion_SLA4() {
    String p = importWorld();
    LocalDate newYear = LocalDate.parse("2026-01-01");
    // The last day 2025-12-31 ends at 23:00 UTC in Oslo: version 1 (99.0 %), though 23:00-24:00
    // UTC already falls on 2026-01-01 in Oslo.
    SlaReport before =
        outages.report(p + "-acme", newYear.minusDays(1), newYear, null, p + "-https");
    assertThat(target(before)).isEqualTo(Percent.of("99.0"));
    SlaReport after = outages.report(p + "-acme", newYear, newYear.plusDays(1), null, p + "-https");
    assertThat(target(after)).isEqualTo(Percent.of("99.9"));
    assertThat(after.from()).isEqualTo(java.time.Instant.parse("2025-12-31T23:00:00Z"));
  }

  private static Percent target(SlaReport r) {
    return r.services().getFirst().figures().stream()
        .filter(f -> f.target() != null)
        .findFirst()
        .orElseThrow()
        .target();
  }
}
