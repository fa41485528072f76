package dev.vakt.maintenance.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.IntegrationTest;
import dev.vakt.catalog.Catalog;
import dev.vakt.catalog.CatalogService;
import dev.vakt.maintenance.CoveredMaintenanceWorld;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/**
 * Self-service restart asks coverage (issue 18, K-2): the contract covering the server decides, not
 * any contract of the customer. Before, the hosting contract's {@code selfService: true} let the
 * customer restart its colocation server too.
 */
class CoveredRestartTest extends IntegrationTest {

  @Autowired CatalogService catalog;

  @Test
  void k2_restartIsAllowedByTheContractCoveringTheServerOnly_MNT12() {
    String p = unique("cvr");
    Catalog c = catalog.read("covered-restart-test", CoveredMaintenanceWorld.yaml(p));
    assertThat(c.problems()).isEmpty();
    catalog.importCatalog(c, "test");

    ResponseEntity<JsonNode> colo = post("/api/servers/" + p + "-box/restart", "{\"dryRun\":true}");
    assertThat(colo.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(colo.getBody().at("/detail").asString())
        .contains("contract " + p + "-a-colo")
        .contains("maintenance.restart.selfService");

    // The hosting contract allows it: the restart gets past the contract to the guest placement.
    ResponseEntity<JsonNode> web = post("/api/servers/" + p + "-web/restart", "{\"dryRun\":true}");
    assertThat(web.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(web.getBody().at("/detail").asString()).contains("names no guest placement");
  }
}
