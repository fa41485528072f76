package dev.vakt.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vakt.IntegrationTest;
import dev.vakt.catalog.Catalog;
import dev.vakt.catalog.CatalogService;
import dev.vakt.monitoring.CheckState;
import dev.vakt.monitoring.MonitoringService;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One incident, one message (issue 32, ALR-1, ALR-2): services of a server that fail together are
 * one incident, told once to each recipient on each channel and paged once; its recovery is told
 * once, when the last of them is back. Before, a server fully down sent one outage notice per
 * service (17 for 20 services) because each was confirmed before the ping and announced alone.
 */
class IncidentGroupingTest extends IntegrationTest {

  static final int SERVICES = 20;

  @Autowired CatalogService catalog;
  @Autowired MonitoringService monitoring;
  @Autowired ApplicationEventPublisher events;
  @Autowired dev.vakt.inventory.InventoryService inventory;
  @Autowired TransactionTemplate tx;

  final List<ServerSocket> listeners = new ArrayList<>();

  @AfterEach
  void stop() throws IOException {
    for (ServerSocket s : listeners) {
      s.close();
    }
    listeners.clear();
  }

  private void listen(int port) throws IOException {
    ServerSocket tcp = new ServerSocket();
    tcp.setReuseAddress(true);
    tcp.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    listeners.add(tcp);
    Thread.ofVirtual()
        .start(
            () -> {
              while (!tcp.isClosed()) {
                try (Socket c = tcp.accept()) {
                  c.getOutputStream().flush();
                } catch (IOException e) {
                  return;
                }
              }
            });
  }

  private static List<Integer> freePorts(int n) throws IOException {
    List<ServerSocket> held = new ArrayList<>();
    try {
      for (int i = 0; i < n; i++) {
        held.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
      }
      return held.stream().map(ServerSocket::getLocalPort).toList();
    } finally {
      for (ServerSocket s : held) {
        s.close();
      }
    }
  }

  /** A provider, a contract watching TCP and ping every second, and one server of a customer. */
  private static String documents(String p, String interval, String services) {
    return documents(p, interval, "", "", services);
  }

  private static String documents(
      String p, String interval, String clusters, String servers, String services) {
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
          monitoring: { interval: %2$s, timeout: 500ms, maxAttempts: 1, services: [tcp, ping] }
          alerting:
            emergencyList: { channels: [email, sms, webhook], notifyOn: [outage, recovery] }
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
        %4$s
        servers:
          - { id: %1$s-sw, customer: %1$s-cust, kind: dedicated, ownership: provider, address: 127.0.0.1 }
          - { id: %1$s-srv, customer: %1$s-cust, kind: vps, ownership: provider, address: 127.0.0.1, dependsOn: %1$s-sw }
        %5$s
        services:
        %3$s"""
        .formatted(p, interval, services, clusters, servers);
  }

  private void importDocuments(String yaml) {
    Catalog c = catalog.read("grouping-test", yaml);
    assertThat(c.problems()).isEmpty();
    catalog.importCatalog(c, "test");
  }

  /** Messages by kind and recipient ("service-down email:mette@skovly.example"), with counts. */
  private Map<String, Long> sent(String customer) {
    return jdbc
        .sql(
            "select template || ' ' || channel || ':' || recipient from notification"
                + " where customer_id = :c")
        .param("c", customer)
        .query(String.class)
        .list()
        .stream()
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
  }

  private long total(String customer) {
    return sent(customer).values().stream().mapToLong(Long::longValue).sum();
  }

  private String hard(String service) {
    return jdbc.sql("select hard from service_status where service_id = :id")
        .param("id", service)
        .query(String.class)
        .optional()
        .orElse("pending");
  }

  private static final List<String> RECIPIENTS =
      List.of(
          "email:mette@skovly.example",
          "sms:+4521436587",
          "email:emma@skovly.example",
          "webhook:skovly-tickets");

  @Test
  void
      twentyServicesOfOneServerStoppingTogetherGiveOneOutageAndOneRecoveryNoticePerRecipient_ALR1_ALR2()
          throws Exception {
    String p = unique("grp");
    List<Integer> ports = freePorts(SERVICES);
    StringBuilder services = new StringBuilder();
    for (int i = 0; i < SERVICES; i++) {
      listen(ports.get(i));
      services.append(
          "  - { id: %s-tcp%02d, server: %s-srv, type: tcp, port: %d, installedBy: provider }\n"
              .formatted(p, i, p, ports.get(i)));
    }
    importDocuments(documents(p, "1s", services.toString()));
    monitoring.sync();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                java.util.stream.IntStream.range(0, SERVICES)
                    .allMatch(i -> hard("%s-tcp%02d".formatted(p, i)).equals("ok")));

    stop(); // every listener of the server stops at once
    await().atMost(Duration.ofSeconds(30)).until(() -> total(p + "-cust") >= 4);
    await().during(Duration.ofSeconds(7)).atMost(Duration.ofSeconds(20)).until(() -> true);
    Map<String, Long> down = sent(p + "-cust");
    for (String r : RECIPIENTS) {
      assertThat(down).containsEntry("service-down " + r, 1L);
    }
    assertThat(down).hasSize(4); // no update, no second outage notice
    String body =
        jdbc.sql(
                "select body from notification where customer_id = :c and recipient = 'emma@skovly.example'")
            .param("c", p + "-cust")
            .query(String.class)
            .single();
    assertThat(body).contains("TCP (port ").contains("+12"); // eight named, twelve counted
    // Technicians are paged for one incident, which holds all twenty services.
    assertThat(
            jdbc.sql(
                    "select count(distinct incident) from service_incident where service_id like :s")
                .param("s", p + "-tcp%")
                .query(Integer.class)
                .single())
        .isEqualTo(1);

    for (int port : ports) {
      listen(port);
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> total(p + "-cust") >= 8);
    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> true);
    Map<String, Long> all = sent(p + "-cust");
    for (String r : RECIPIENTS) {
      assertThat(all).containsEntry("service-down " + r, 1L).containsEntry("service-up " + r, 1L);
    }
    assertThat(all).hasSize(8);
  }

  @Test
  void servicesConfirmedBeforeTheirServersPingWaitForItAndAreToldWithItOnce_ALR2()
      throws Exception {
    String p = unique("grp");
    StringBuilder services = new StringBuilder();
    services.append(
        "  - { id: %s-ping, server: %s-srv, type: ping, installedBy: provider, monitored: false }\n"
            .formatted(p, p));
    for (int i = 0; i < SERVICES + 1; i++) {
      services.append(
          "  - { id: %s-tcp%02d, server: %s-srv, type: tcp, port: %d, installedBy: provider, monitored: false }\n"
              .formatted(p, i, p, 1 + i));
    }
    importDocuments(documents(p, "1s", services.toString()));
    Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    // The ping has failed once and is being confirmed (soft), as monitoring leaves it when it
    // checked the ping at once on the services' first failures.
    status(p + "-ping", "ok", "critical", at);
    for (int i = 0; i < SERVICES; i++) {
      String id = "%s-tcp%02d".formatted(p, i);
      status(id, "critical", "critical", at);
      tx.executeWithoutResult(
          s ->
              events.publishEvent(
                  dev.vakt.monitoring.TestEvents.down(inventory, id, at, "refused")));
    }
    // Longer than the hold: nobody is told while the ping's verdict is outstanding.
    await().during(Duration.ofSeconds(7)).atMost(Duration.ofSeconds(10)).until(() -> true);
    assertThat(total(p + "-cust")).isZero();

    status(p + "-ping", "critical", "critical", at.plusSeconds(20));
    tx.executeWithoutResult(
        s ->
            events.publishEvent(
                dev.vakt.monitoring.TestEvents.down(
                    inventory, p + "-ping", at.plusSeconds(20), "100% loss")));
    await().atMost(Duration.ofSeconds(15)).until(() -> total(p + "-cust") >= 4);
    // A service confirmed later joins the host's incident: its parent is down, nobody is told.
    String late = "%s-tcp%02d".formatted(p, SERVICES);
    tx.executeWithoutResult(
        s ->
            events.publishEvent(
                dev.vakt.monitoring.TestEvents.down(
                    inventory, late, at.plusSeconds(50), "refused")));
    await().during(Duration.ofSeconds(7)).atMost(Duration.ofSeconds(10)).until(() -> true);
    Map<String, Long> down = sent(p + "-cust");
    assertThat(down).hasSize(4).allSatisfy((k, n) -> assertThat(n).isEqualTo(1L));
    String subject =
        jdbc.sql(
                "select subject from notification where customer_id = :c and recipient = 'emma@skovly.example'")
            .param("c", p + "-cust")
            .query(String.class)
            .single();
    assertThat(subject).startsWith("Outage: PING, TCP (port 1)");

    List<String> back = new ArrayList<>();
    back.add(p + "-ping");
    for (int i = 0; i <= SERVICES; i++) {
      back.add("%s-tcp%02d".formatted(p, i));
    }
    for (int i = 0; i < back.size(); i++) {
      String id = back.get(i);
      Instant when = at.plusSeconds(600 + i);
      tx.executeWithoutResult(
          s ->
              events.publishEvent(
                  dev.vakt.monitoring.TestEvents.back(inventory, id, when, CheckState.CRITICAL)));
      if (i < back.size() - 1) {
        assertThat(sent(p + "-cust")).hasSize(4); // not before the last one is back
      }
    }
    await().atMost(Duration.ofSeconds(15)).until(() -> total(p + "-cust") >= 8);
    await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> true);
    assertThat(sent(p + "-cust")).hasSize(8).allSatisfy((k, n) -> assertThat(n).isEqualTo(1L));
  }

  @Test
  void aServerBehindAnUplinkThatIsDownJoinsTheUplinksIncident_ALR2() {
    String p = unique("grp");
    String services =
        """
          - { id: %1$s-sw-ping, server: %1$s-sw, type: ping, installedBy: provider, monitored: false }
          - { id: %1$s-ping, server: %1$s-srv, type: ping, installedBy: provider, monitored: false }
          - { id: %1$s-web, server: %1$s-srv, type: tcp, port: 80, installedBy: provider, monitored: false }
          - { id: %1$s-app, server: %1$s-srv, type: tcp, port: 81, installedBy: provider, monitored: false, dependsOn: %1$s-web }
        """
            .formatted(p);
    importDocuments(documents(p, "1s", services));
    Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    for (String id : List.of("sw-ping", "ping", "web", "app")) {
      status(p + "-" + id, "critical", "critical", at);
      tx.executeWithoutResult(
          s ->
              events.publishEvent(
                  dev.vakt.monitoring.TestEvents.down(inventory, p + "-" + id, at, "down")));
    }
    await().atMost(Duration.ofSeconds(15)).until(() -> total(p + "-cust") >= 4);
    await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> true);
    assertThat(sent(p + "-cust")).hasSize(4).allSatisfy((k, n) -> assertThat(n).isEqualTo(1L));
    assertThat(
            jdbc.sql("select distinct incident from service_incident where service_id like :s")
                .param("s", p + "-%")
                .query(String.class)
                .list())
        .singleElement()
        .satisfies(i -> assertThat(i).startsWith("host-" + p + "-sw-"));
  }

  @Test
  void nodesOfAClusterAndItsGuestsFailingTogetherAreOneIncident_ALR1_ALR2() {
    String p = unique("grp");
    String clusters =
        """
        clusters:
          - { id: %1$s-pve, customer: %1$s-cust, name: PVE }
        """
            .formatted(p);
    String servers =
        """
          - { id: %1$s-pve1, customer: %1$s-cust, cluster: %1$s-pve, kind: proxmox-node, ownership: provider, address: 127.0.0.1 }
          - { id: %1$s-pve2, customer: %1$s-cust, cluster: %1$s-pve, kind: proxmox-node, ownership: provider, address: 127.0.0.1 }
          - { id: %1$s-vps, customer: %1$s-cust, kind: vps, ownership: provider, address: 127.0.0.1, guest: { cluster: %1$s-pve, vmid: 101 } }
        """
            .formatted(p);
    String services =
        """
          - { id: %1$s-pve1-ping, server: %1$s-pve1, type: ping, installedBy: provider, monitored: false }
          - { id: %1$s-pve2-ping, server: %1$s-pve2, type: ping, installedBy: provider, monitored: false }
          - { id: %1$s-vps-web, server: %1$s-vps, type: tcp, port: 80, installedBy: provider, monitored: false }
        """
            .formatted(p);
    importDocuments(documents(p, "1s", clusters, servers, services));
    Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    for (String id : List.of("pve1-ping", "pve2-ping", "vps-web")) {
      status(p + "-" + id, "critical", "critical", at);
      tx.executeWithoutResult(
          s ->
              events.publishEvent(
                  dev.vakt.monitoring.TestEvents.down(inventory, p + "-" + id, at, "down")));
    }
    await().atMost(Duration.ofSeconds(15)).until(() -> total(p + "-cust") >= 4);
    await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> true);
    assertThat(sent(p + "-cust")).hasSize(4).allSatisfy((k, n) -> assertThat(n).isEqualTo(1L));
    assertThat(
            jdbc.sql(
                    "select count(distinct incident) from service_incident where service_id like :s")
                .param("s", p + "-%")
                .query(Integer.class)
                .single())
        .isEqualTo(1);
  }

  private void status(String service, String hard, String current, Instant at) {
    jdbc.sql(
            """
            insert into service_status (service_id, hard, hard_since, current, attempt, flapping)
            values (:id, :hard, :at, :current, 1, false)
            on conflict (service_id) do update set hard = excluded.hard,
              hard_since = excluded.hard_since, current = excluded.current
            """)
        .param("id", service)
        .param("hard", hard)
        .param("current", current)
        .param("at", Timestamp.from(at))
        .update();
  }
}
