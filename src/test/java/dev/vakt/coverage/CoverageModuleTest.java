package dev.vakt.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.ModuleSlices;
import dev.vakt.catalog.Catalog;
import dev.vakt.contract.ContractService;
import dev.vakt.inventory.InventoryDocument;
import dev.vakt.inventory.InventoryService;
import dev.vakt.monitoring.MonitoringService;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.modulith.test.AssertablePublishedEvents;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The coverage module starts with only contract and inventory (and what they need) on a real
 * embedded PostgreSQL; storing terms and inventory rebuilds it and tells the engines (issue 18).
 */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES, extraIncludes = "platform")
class CoverageModuleTest {

  static final Path DATA = ModuleSlices.freshDataDir("coverage");

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    ModuleSlices.properties(registry, DATA);
  }

  @Autowired org.springframework.context.ApplicationContext context;
  @Autowired CoverageService coverage;
  @Autowired ContractService contracts;
  @Autowired InventoryService inventory;

  @Test
  void k2_storedTermsAndInventoryAnswerWhichLineCoversAService(AssertablePublishedEvents events) {
    Catalog c = Catalog.read("slice.yaml", CoverageWorld.world());
    assertThat(c.problems()).isEmpty();
    for (InventoryDocument doc : c.inventories()) {
      inventory.importDocument(doc, "test");
    }
    contracts.store(c.documents(), "test");
    Coverage answer =
        coverage.at(Subject.service("acme-https"), Instant.parse("2026-06-01T10:00:00Z"));
    assertThat(answer.contractId()).contains("acme-hosting");
    assertThat(answer.lineId()).contains("web");
    assertThat(answer.covered()).isTrue();
    assertThat(events).contains(CoverageChanged.class);
  }

  @Test
  void startsWithoutTheModulesThatUseIt() {
    assertThat(context.getBeanProvider(MonitoringService.class).getIfAvailable()).isNull();
  }
}
