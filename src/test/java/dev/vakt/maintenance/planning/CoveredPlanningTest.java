package dev.vakt.maintenance.planning;

import static dev.vakt.maintenance.CoveredMaintenanceWorld.OSLO_NEW_YEAR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.IntegrationTest;
import dev.vakt.catalog.Catalog;
import dev.vakt.catalog.CatalogService;
import dev.vakt.maintenance.CoveredMaintenanceWorld;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Planned maintenance asks coverage (issue 18). K-2: work on a customer's hosted service is judged
 * by the contract covering that service only, and work on services under two contracts by each of
 * them with its own notice; before, every contract of the customer judged any work. K-1: the
 * contract version in effect on the work's local start day (Oslo) decides, from local midnight.
 */
class CoveredPlanningTest extends IntegrationTest {

  @Autowired CatalogService catalog;
  @Autowired MaintenancePlanner planner;

  private String importWorld() {
    String p = unique("cvm");
    Catalog c = catalog.read("covered-planning-test", CoveredMaintenanceWorld.yaml(p));
    assertThat(c.problems()).isEmpty();
    catalog.importCatalog(c, "test");
    return p;
  }

  private static MaintenancePlanner.Request work(Instant from, List<String> services) {
    return new MaintenancePlanner.Request(
        "Kernel update",
        null,
        null,
        from,
        from.plus(Duration.ofHours(1)),
        List.of(),
        services,
        null,
        null,
        null);
  }

  @Test
  void k2_workOnAHostedServiceIsJudgedByItsCoveringContractOnly_MNT11() {
    String p = importWorld();
    Instant from = Instant.now().plus(Duration.ofDays(30));
    List<ContractCheck> checks = planner.check(work(from, List.of(p + "-https")));
    assertThat(checks).extracting(ContractCheck::contract).containsExactly(p + "-b-hosting");
    assertThat(checks.getFirst().notice()).isEqualTo(Duration.ofDays(1));
    assertThat(checks.getFirst().fits()).isTrue();
  }

  @Test
  void k2_servicesUnderTwoContractsOweEachContractsNotice_MNT11() {
    String p = importWorld();
    // Planned four days ahead: enough for the hosting contract's 1 day, not the colocation's 7.
    Instant from = Instant.now().plus(Duration.ofDays(4));
    List<ContractCheck> checks = planner.check(work(from, List.of(p + "-https", p + "-box-ping")));
    assertThat(checks)
        .extracting(ContractCheck::contract, ContractCheck::notice, ContractCheck::fits)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(p + "-a-colo", Duration.ofDays(7), false),
            org.assertj.core.groups.Tuple.tuple(p + "-b-hosting", Duration.ofDays(1), true));
  }

  @Test
  void k1_theContractVersionOfTheWorksOsloDayDecidesTheNotice_MNT11() {
    String p = importWorld();
    // 00:30 on 2026-01-01 in Oslo: version 2's 1 day; one hour earlier version 1's 2 days.
    assertThat(planner.check(work(OSLO_NEW_YEAR, List.of(p + "-https"))))
        .extracting(ContractCheck::notice)
        .containsExactly(Duration.ofDays(1));
    assertThat(planner.check(work(OSLO_NEW_YEAR.minus(Duration.ofHours(1)), List.of(p + "-https"))))
        .extracting(ContractCheck::notice)
        .containsExactly(Duration.ofDays(2));
  }
}
