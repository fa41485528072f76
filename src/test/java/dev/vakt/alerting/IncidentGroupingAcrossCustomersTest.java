package dev.vakt.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vakt.IntegrationTest;
import dev.vakt.catalog.Catalog;
import dev.vakt.catalog.CatalogService;
import dev.vakt.monitoring.TestEvents;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Grouping reads the inventory of the failing services' customers only (issue 18), yet still
 * follows a {@code dependsOn} to an uplink registered under another customer (the provider's own
 * network), as it did when it read the whole inventory (issue 32, ALR-2).
 */
class IncidentGroupingAcrossCustomersTest extends IntegrationTest {

  @Autowired CatalogService catalog;
  @Autowired ApplicationEventPublisher events;
  @Autowired dev.vakt.inventory.InventoryService inventory;
  @Autowired TransactionTemplate tx;

  private static String documents(String p) {
    return """
        apiVersion: vakt/v1
        kind: Provider
        id: %1$s
        version: 1
        effectiveFrom: 2024-01-01
        name: Drift A/S
        terms: { timeZone: Europe/Copenhagen, currency: DKK, language: da }
        ---
        apiVersion: vakt/v1
        kind: Product
        id: %1$s-managed
        version: 1
        effectiveFrom: 2024-01-01
        provider: %1$s
        name: Managed
        terms:
          monitoring: { interval: 1s, timeout: 500ms, maxAttempts: 1, services: [tcp, ping] }
          alerting:
            emergencyList: { channels: [email], notifyOn: [outage, recovery] }
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
        kind: Inventory
        provider: %1$s
        customers:
          - { id: %1$s-net, name: Drift netværk, language: da }
          - id: %1$s-cust
            name: Skovly Møbler A/S
            language: da
            contacts:
              - { name: Mette Kjær, email: mette@skovly.example, emergency: true, language: da }
        servers:
          - { id: %1$s-sw, customer: %1$s-net, kind: dedicated, ownership: provider, address: 127.0.0.1 }
          - { id: %1$s-srv, customer: %1$s-cust, kind: vps, ownership: provider, address: 127.0.0.1, dependsOn: %1$s-sw }
        services:
          - { id: %1$s-sw-ping, server: %1$s-sw, type: ping, installedBy: provider, monitored: false }
          - { id: %1$s-ping, server: %1$s-srv, type: ping, installedBy: provider, monitored: false }
          - { id: %1$s-web, server: %1$s-srv, type: tcp, port: 80, installedBy: provider, monitored: false }
        """
        .formatted(p);
  }

  @Test
  void aServerBehindAnotherCustomersUplinkJoinsTheUplinksGroup_ALR2() {
    String p = unique("grx");
    Catalog c = catalog.read("grouping-across-test", documents(p));
    assertThat(c.problems()).isEmpty();
    catalog.importCatalog(c, "test");
    Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    for (String id : List.of("sw-ping", "ping", "web")) {
      status(p + "-" + id, at);
      tx.executeWithoutResult(
          s -> events.publishEvent(TestEvents.down(inventory, p + "-" + id, at, "down")));
    }
    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                jdbc.sql("select count(*) from notification where customer_id = :c")
                        .param("c", p + "-cust")
                        .query(Integer.class)
                        .single()
                    >= 1);
    // The customer's server and service are one incident under the uplink (its root), told once.
    assertThat(
            jdbc.sql("select distinct incident from service_incident where service_id in (:s)")
                .param("s", List.of(p + "-ping", p + "-web"))
                .query(String.class)
                .list())
        .singleElement()
        .satisfies(i -> assertThat(i).startsWith("host-" + p + "-sw-"));
    assertThat(
            jdbc.sql(
                    "select count(*) from notification where customer_id = :c"
                        + " and template = 'service-down'")
                .param("c", p + "-cust")
                .query(Integer.class)
                .single())
        .isEqualTo(1);
  }

  private void status(String service, Instant at) {
    jdbc.sql(
            """
            insert into service_status (service_id, hard, hard_since, current, attempt, flapping)
            values (:id, 'critical', :at, 'critical', 1, false)
            on conflict (service_id) do update set hard = excluded.hard,
              hard_since = excluded.hard_since, current = excluded.current
            """)
        .param("id", service)
        .param("at", Timestamp.from(at))
        .update();
  }
}
