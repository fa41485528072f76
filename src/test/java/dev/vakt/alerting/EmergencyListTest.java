package dev.vakt.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vakt.IntegrationTest;
import dev.vakt.catalog.Catalog;
import dev.vakt.catalog.CatalogService;
import dev.vakt.monitoring.MonitoringService;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * ALR-2: the customer's Emergency Response List is told when a service goes down and when it comes
 * back, in each contact's language, on the channels the contract names, with no internal details.
 * End to end: a real TCP service on loopback stops answering, the engine records the hard change,
 * the event reaches the alerting module through the event publication registry, and the outbox
 * holds one message per contact and channel.
 */
class EmergencyListTest extends IntegrationTest {

  @Autowired CatalogService catalog;
  @Autowired MonitoringService monitoring;
  @Autowired ApplicationEventPublisher events;
  @Autowired dev.vakt.inventory.InventoryService inventory;
  @Autowired TransactionTemplate tx;

  ServerSocket tcp;

  @AfterEach
  void stop() throws IOException {
    if (tcp != null) {
      tcp.close();
    }
  }

  private void open(int port) throws IOException {
    tcp = new ServerSocket();
    tcp.setReuseAddress(true);
    tcp.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    ServerSocket s = tcp;
    Thread.ofVirtual()
        .start(
            () -> {
              while (!s.isClosed()) {
                try (Socket c = s.accept()) {
                  c.getOutputStream().flush();
                } catch (IOException e) {
                  return;
                }
              }
            });
  }

  private String setUp(String p, int port, String channels) {
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
            emergencyList: { channels: [%3$s], notifyOn: [outage, recovery] }
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
          - id: %1$s-cust
            name: Skovly Møbler A/S
            language: da
            email: it@skovly.example
            webhook: skovly-tickets
            contacts:
              - { name: Mette Kjær, email: mette@skovly.example, phone: "+45 21 43 65 87", emergency: true, language: da }
              - { name: Emma Clarke, email: emma@skovly.example, emergency: true, language: en }
              - { name: Sofie Lund, email: sofie@skovly.example, emergency: false }
        servers:
          - { id: %1$s-srv, customer: %1$s-cust, kind: vps, ownership: provider, address: 127.0.0.1 }
        services:
          - { id: %1$s-shop, server: %1$s-srv, type: tcp, port: %2$d, installedBy: provider }
        """
        .formatted(p, port, channels);
  }

  private List<String> outbox(String customer) {
    return jdbc.sql(
            "select template || ' ' || channel || ':' || recipient || ' ' || subject"
                + " from notification where customer_id = :c order by id")
        .param("c", customer)
        .query(String.class)
        .list();
  }

  @Test
  void theEmergencyListIsToldOfAnOutageAndTheRecoveryInEachContactsLanguage_ALR2()
      throws Exception {
    String p = unique("erl");
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    open(port);
    Catalog c = catalog.read("erl-test", setUp(p, port, "email, sms, webhook"));
    assertThat(c.problems()).isEmpty();
    catalog.importCatalog(c, "test");
    monitoring.sync();
    await().atMost(Duration.ofSeconds(20)).until(() -> hard(p + "-shop").equals("ok"));

    tcp.close();
    await().atMost(Duration.ofSeconds(20)).until(() -> outbox(p + "-cust").size() == 4);
    assertThat(outbox(p + "-cust"))
        .anySatisfy(m -> assertThat(m).startsWith("service-down webhook:skovly-tickets"))
        .anySatisfy(m -> assertThat(m).startsWith("service-down email:mette@skovly.example"))
        .anySatisfy(m -> assertThat(m).startsWith("service-down sms:+4521436587"))
        .anySatisfy(m -> assertThat(m).startsWith("service-down email:emma@skovly.example"))
        .noneSatisfy(m -> assertThat(m).contains("sofie")); // not on the list
    String danish =
        jdbc.sql(
                "select body from notification where customer_id = :c and recipient = 'mette@skovly.example'")
            .param("c", p + "-cust")
            .query(String.class)
            .single();
    String english =
        jdbc.sql(
                "select subject from notification where customer_id = :c and recipient = 'emma@skovly.example'")
            .param("c", p + "-cust")
            .query(String.class)
            .single();
    assertThat(danish).contains("Skovly Møbler A/S").doesNotContain("Connection refused");
    assertThat(english)
        .isNotEqualTo(
            jdbc.sql(
                    "select subject from notification where customer_id = :c and recipient = 'mette@skovly.example'")
                .param("c", p + "-cust")
                .query(String.class)
                .single());

    open(port);
    await().atMost(Duration.ofSeconds(20)).until(() -> outbox(p + "-cust").size() == 8);
    assertThat(outbox(p + "-cust").subList(4, 8))
        .allSatisfy(m -> assertThat(m).startsWith("service-up"));
  }

  @Test
  void aHostThatIsDownIsToldOnceNotOncePerService_ALR2() {
    String p = unique("erl");
    Catalog c =
        catalog.read(
            "erl-test",
            setUp(p, 1, "email")
                + "  - { id: "
                + p
                + "-ping, server: "
                + p
                + "-srv, type: ping, installedBy: provider, monitored: false }\n");
    assertThat(c.problems()).isEmpty();
    catalog.importCatalog(c, "test");
    Instant at = Instant.parse("2026-11-26T03:00:00Z");
    // The host's ping is hard critical (as the ledger writer records it) and the event follows.
    tx.executeWithoutResult(
        s -> {
          jdbc.sql(
                  "insert into service_status (service_id, hard, hard_since, current, attempt, flapping)"
                      + " values (:id, 'critical', :at, 'critical', 1, false)")
              .param("id", p + "-ping")
              .param("at", Timestamp.from(at))
              .update();
          events.publishEvent(
              dev.vakt.monitoring.TestEvents.down(inventory, p + "-ping", at, "100% packet loss"));
        });
    await().atMost(Duration.ofSeconds(10)).until(() -> outbox(p + "-cust").size() == 2);
    // Its services follow it down: part of the host's incident, nobody is told again.
    tx.executeWithoutResult(
        s ->
            events.publishEvent(
                dev.vakt.monitoring.TestEvents.down(
                    inventory, p + "-shop", at.plusSeconds(30), "refused")));
    // The same event delivered twice (after a crash) changes nothing either.
    tx.executeWithoutResult(
        s ->
            events.publishEvent(
                dev.vakt.monitoring.TestEvents.down(
                    inventory, p + "-ping", at, "100% packet loss")));
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .until(() -> outbox(p + "-cust").size() == 2);
    assertThat(outbox(p + "-cust")).allSatisfy(m -> assertThat(m).contains("PING"));

    // The host's recovery is told once, when the last service of its incident is back.
    tx.executeWithoutResult(
        s ->
            events.publishEvent(
                dev.vakt.monitoring.TestEvents.back(
                    inventory,
                    p + "-ping",
                    at.plusSeconds(600),
                    dev.vakt.monitoring.CheckState.CRITICAL)));
    await().during(Duration.ofSeconds(1)).until(() -> outbox(p + "-cust").size() == 2);
    tx.executeWithoutResult(
        s ->
            events.publishEvent(
                dev.vakt.monitoring.TestEvents.back(
                    inventory,
                    p + "-shop",
                    at.plusSeconds(601),
                    dev.vakt.monitoring.CheckState.CRITICAL)));
    await().atMost(Duration.ofSeconds(10)).until(() -> outbox(p + "-cust").size() == 4);
  }

  private String hard(String service) {
    return jdbc.sql("select hard from service_status where service_id = :id")
        .param("id", service)
        .query(String.class)
        .optional()
        .orElse("pending");
  }
}
