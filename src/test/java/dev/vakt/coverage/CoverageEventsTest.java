package dev.vakt.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vakt.IntegrationTest;
import dev.vakt.catalog.Catalog;
import dev.vakt.catalog.CatalogService;
import dev.vakt.common.ServiceType;
import dev.vakt.inventory.InventoryService;
import dev.vakt.inventory.Service;
import dev.vakt.monitoring.MonitoringService;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Events, not polling (issue 18 item 3): storing terms or changing the inventory reaches coverage
 * at once and monitoring's schedule within a second, with no call to a sync and no 30-second poll.
 */
class CoverageEventsTest extends IntegrationTest {

  static final Duration ONE_SECOND = Duration.ofSeconds(1);

  @Autowired CatalogService catalog;
  @Autowired InventoryService inventory;
  @Autowired MonitoringService monitoring;
  @Autowired CoverageService coverage;

  private void importYaml(String name, String yaml) {
    Catalog c = catalog.read(name, yaml);
    assertThat(c.problems()).isEmpty();
    catalog.importCatalog(c, "test");
  }

  private String plan(String service) {
    return String.valueOf(monitoring.coverage().get(service));
  }

  @Test
  void importsAndInventoryChangesReachTheScheduleWithinASecond_MON1() {
    String x = unique("ev");
    importYaml("events", CoverageWorld.world(x));
    // Coverage answers at once: the import returned after the index was rebuilt.
    Coverage c = coverage.now(Subject.service(x + "acme-https"));
    assertThat(c.lineId()).contains("web");
    await().atMost(ONE_SECOND).until(() -> plan(x + "acme-https").startsWith("checked every 1m"));
    assertThat(plan(x + "acme-box-ping")).contains("colocation");

    inventory.putService(
        new Service(
            x + "acme-smtp",
            x + "acme-web",
            ServiceType.TCP,
            "Postfix",
            null,
            25,
            null,
            Service.InstalledBy.PROVIDER,
            null,
            null),
        "test");
    await().atMost(ONE_SECOND).until(() -> plan(x + "acme-smtp").startsWith("checked every 1m"));

    inventory.deleteService(x + "acme-smtp", "test");
    await().atMost(ONE_SECOND).until(() -> plan(x + "acme-smtp").equals("null"));
  }

  @Test
  void k1_aNewTermsVersionFromTodayReachesTheScheduleWithinASecond_MON1() {
    String x = unique("tv");
    importYaml("terms", CoverageWorld.world(x));
    await().atMost(ONE_SECOND).until(() -> plan(x + "solo-https").startsWith("checked every 1m"));
    LocalDate today = LocalDate.now(ZoneId.of("Europe/Oslo"));
    importYaml(
        "terms-v2",
        """
        apiVersion: vakt/v1
        kind: Contract
        id: %1$ssolo-%1$shosting
        version: 2
        effectiveFrom: %2$s
        provider: %1$sp
        customer: %1$ssolo
        product: %1$shosting
        start: 2024-01-01
        terms:
          monitoring: { interval: 30s }
        """
            .formatted(x, today));
    await().atMost(ONE_SECOND).until(() -> plan(x + "solo-https").startsWith("checked every 30s"));
    Coverage c = coverage.at(Subject.service(x + "solo-https"), Instant.now());
    assertThat(c.contract().version()).isEqualTo(2);
  }
}
