package dev.vakt.maintenance.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.IntegrationTest;
import dev.vakt.catalog.Catalog;
import dev.vakt.catalog.CatalogService;
import dev.vakt.proxmox.FakePve;
import dev.vakt.secrets.Secrets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The N-1 check asks coverage which contract's capacity terms hold a cluster (issue 18, K-2): those
 * of the contract covering its nodes. Customer {@code P-acme} has a colocation contract (ids sort
 * it first) with lax capacity terms covering its own box, and a hosting contract with STW's N-1
 * rule covering the three cluster nodes; before, the first contract with capacity terms applied.
 */
class CoveredCapacityTest extends IntegrationTest {

  @TempDir static Path dir;
  @Autowired CatalogService catalog;
  @Autowired CapacityService capacity;
  @Autowired Secrets secrets;
  FakePve pve;

  @BeforeEach
  void fake() throws Exception {
    pve = CapacityApiTest.fakeCluster(dir);
  }

  @AfterEach
  void stop() throws Exception {
    pve.close();
  }

  @Test
  void k2_clusterIsHeldToTheCapacityTermsOfTheContractCoveringItsNodes_MNT8_SLA9()
      throws Exception {
    String p = unique("cvc");
    Catalog c = catalog.read("covered-capacity-test", world(p));
    assertThat(c.problems()).isEmpty();
    catalog.importCatalog(c, "test");
    secrets.put(p + "-token", "vakt@pve!capacity=00000000-0000-0000-0000-000000000000", "test");

    CapacityService.Assessment a = capacity.capacity(p + "-cl", CapacityService.Options.defaults());
    assertThat(a.contract()).isEqualTo(p + "-b-hosting");
    assertThat(a.nMinusOneRequired()).isTrue();
    assertThat(a.shortfallIsCustomerResponsibility()).isTrue();
    assertThat(a.report().rule().cpuOvercommit()).isEqualByComparingTo("4.0");
    assertThat(a.warnings()).noneMatch(w -> w.contains("capacity terms"));
  }

  private String world(String p) throws Exception {
    return dev.vakt.coverage.OsloHosting.head(
            p, "{ timeZone: Europe/Oslo, currency: NOK, language: nb }")
        + """
        apiVersion: vakt/v1
        kind: Contract
        id: %1$s-a-colo
        version: 1
        effectiveFrom: 2024-01-01
        provider: %1$s
        customer: %1$s-acme
        product: %1$s-colo
        start: 2024-01-01
        lines:
          - { id: box, servers: [%1$s-box], clause: "Colocation 2" }
        terms:
          capacity: { nMinusOne: false, cpuOvercommit: 8.0, ramOvercommit: 2.0, shortfallIsCustomerResponsibility: false }
        ---
        apiVersion: vakt/v1
        kind: Contract
        id: %1$s-b-hosting
        version: 1
        effectiveFrom: 2024-01-01
        provider: %1$s
        customer: %1$s-acme
        product: %1$s-hosting
        start: 2024-01-01
        lines:
          - { id: cluster, servers: [%1$s-pve1, %1$s-pve2, %1$s-pve3], clause: "Drift 10.0" }
        terms:
          capacity:
            nMinusOne: true
            cpuOvercommit: 4.0
            ramOvercommit: 1.0
            storageMaxUsed: 80
            shortfallIsCustomerResponsibility: true
        ---
        apiVersion: vakt/v1
        kind: Inventory
        provider: %1$s
        customers:
          - { id: %1$s-acme, name: Acme AS, language: nb }
        clusters:
          - { id: %1$s-cl, customer: %1$s-acme, name: prod, apiUrl: "%2$s",
              apiToken: "secret:%1$s-token", apiFingerprint: "%3$s" }
        servers:
          - { id: %1$s-pve1, customer: %1$s-acme, cluster: %1$s-cl, kind: proxmox-node, ownership: provider, address: 10.10.10.11, role: primary }
          - { id: %1$s-pve2, customer: %1$s-acme, cluster: %1$s-cl, kind: proxmox-node, ownership: provider, address: 10.10.10.12, role: secondary }
          - { id: %1$s-pve3, customer: %1$s-acme, cluster: %1$s-cl, kind: proxmox-node, ownership: provider, address: 10.10.10.13, role: secondary }
          - { id: %1$s-box, customer: %1$s-acme, kind: colocation, ownership: customer, address: 127.0.0.2 }
        """
            .formatted(p, pve.api(), pve.fingerprint());
  }
}
