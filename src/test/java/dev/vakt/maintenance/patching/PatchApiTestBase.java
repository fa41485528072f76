package dev.vakt.maintenance.patching;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.IntegrationTest;
import dev.vakt.catalog.CatalogService;
import dev.vakt.proxmox.FakePve;
import dev.vakt.ssh.TestSshServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/**
 * What the patch compliance API tests share: a provider whose managed product sets STW-like patch
 * terms (3 days, security patches, Proxmox and Debian only, only the provider's software,
 * postponement allowed) and a strict product without postponement; a customer with a server reached
 * over a real SSH server, a Proxmox VE node behind a {@link FakePve}, and Redis the customer
 * installed; another customer under the strict product.
 */
abstract class PatchApiTestBase extends IntegrationTest {

  @Autowired CatalogService catalog;
  @TempDir Path dir;
  TestSshServer ssh;
  FakePve pve;

  @AfterEach
  void stop() throws Exception {
    if (ssh != null) {
      ssh.close();
    }
    if (pve != null) {
      pve.close();
    }
  }

  /** The documents for ids starting with {@code p}, once {@link #ssh} and {@link #pve} run. */
  String setUp(String p, Path key) throws Exception {
    return """
        apiVersion: vakt/v1
        kind: Provider
        id: %1$s
        version: 1
        effectiveFrom: 2024-01-01
        name: Drift AS
        terms: { timeZone: Europe/Oslo, currency: NOK, language: nb }
        ---
        apiVersion: vakt/v1
        kind: Product
        id: %1$s-managed
        version: 1
        effectiveFrom: 2024-01-01
        provider: %1$s
        name: Managed
        terms:
          monitoring: { interval: 2s, timeout: 2s, maxAttempts: 1, host: [reboot-needed] }
          maintenance:
            patching:
              stableAfter: 3d
              allSecurityPatches: true
              providerInstalledOnly: true
              officialRepositories: [Proxmox, Debian]
              postponementAllowed: true
        ---
        apiVersion: vakt/v1
        kind: Product
        id: %1$s-strict
        version: 1
        effectiveFrom: 2024-01-01
        provider: %1$s
        name: Strict
        terms:
          maintenance:
            patching: { stableAfter: 3d, postponementAllowed: false }
        ---
        apiVersion: vakt/v1
        kind: Contract
        id: %1$s-c
        version: 1
        effectiveFrom: 2024-01-01
        provider: %1$s
        customer: %1$s-cust
        product: %1$s-managed
        start: 2024-01-01
        ---
        apiVersion: vakt/v1
        kind: Contract
        id: %1$s-c2
        version: 1
        effectiveFrom: 2024-01-01
        provider: %1$s
        customer: %1$s-other
        product: %1$s-strict
        start: 2024-01-01
        ---
        apiVersion: vakt/v1
        kind: Inventory
        provider: %1$s
        customers:
          - id: %1$s-cust
            name: Kunde AS
            contacts: [{ name: Kari Nordmann, email: kari@kunde.example }]
          - id: %1$s-other
            name: Annen AS
            contacts: [{ name: Ola, email: ola@annen.example }]
        clusters:
          - { id: %1$s-cl, customer: %1$s-cust, name: prod, apiUrl: "%4$s",
              apiToken: "secret:%1$s-token", apiFingerprint: "%5$s" }
        servers:
          - id: %1$s-srv
            customer: %1$s-cust
            kind: vps
            ownership: provider
            address: 127.0.0.1
            access:
              ssh: { user: ops, port: %2$d, key: "file:%3$s", sudo: true, hostKey: "%6$s" }
          - { id: %1$s-pve1, customer: %1$s-cust, cluster: %1$s-cl, kind: proxmox-node,
              ownership: provider, address: 10.10.10.11, role: primary }
          - { id: %1$s-o1, customer: %1$s-other, kind: vps, ownership: provider, address: 127.0.0.1 }
        services:
          - { id: %1$s-web, server: %1$s-srv, type: tcp, software: nginx, port: %2$d,
              installedBy: provider, monitored: false }
          - { id: %1$s-redis, server: %1$s-srv, type: tcp, software: Redis, port: %2$d,
              installedBy: customer, monitored: false, packages: [redis-server, redis-tools] }
        """
        .formatted(p, ssh.port(), key, pve.api(), pve.fingerprint(), ssh.hostKey());
  }

  JsonNode get(String path) {
    ResponseEntity<JsonNode> r = http.get().uri(path).retrieve().toEntity(JsonNode.class);
    assertThat(r.getStatusCode()).as(String.valueOf(r.getBody())).isEqualTo(HttpStatus.OK);
    return r.getBody();
  }
}
