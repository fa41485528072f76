package dev.vakt.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.vakt.IntegrationTest;
import dev.vakt.catalog.Catalog;
import dev.vakt.catalog.CatalogService;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The engine end to end against real servers on loopback: the contract sets interval, timeout and
 * attempts; a service that stops answering becomes a hard CRITICAL after the attempts, the ledger
 * records every hard change, and recovery is recorded at once (MON-1, MON-6, MON-7).
 */
class MonitoringEngineTest extends IntegrationTest {

  @Autowired CatalogService catalog;
  @Autowired MonitoringService monitoring;

  ServerSocket tcp;
  HttpServer http;
  Thread acceptor;

  @AfterEach
  void stop() throws IOException {
    if (tcp != null) {
      tcp.close();
    }
    if (http != null) {
      http.stop(0);
    }
  }

  void openTcp(int port) throws IOException {
    tcp = new ServerSocket();
    tcp.setReuseAddress(true);
    tcp.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    ServerSocket s = tcp;
    acceptor =
        Thread.ofVirtual()
            .start(
                () -> {
                  while (!s.isClosed()) {
                    try (Socket c = s.accept()) {
                      c.getOutputStream()
                          .write("220 ready\r\n".getBytes(StandardCharsets.US_ASCII));
                    } catch (IOException e) {
                      return;
                    }
                  }
                });
  }

  String setUp(String p, int tcpPort, int httpPort) {
    return """
        apiVersion: vakt/v1
        kind: Provider
        id: %1$s
        version: 1
        effectiveFrom: 2024-01-01
        name: Watch AS
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
          monitoring: { interval: 1s, timeout: 500ms, maxAttempts: 2, retryInterval: 1s, services: [tcp, http] }
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
        customers: [{ id: %1$s-cust, name: Kunde AS }]
        servers:
          - { id: %1$s-srv, customer: %1$s-cust, kind: vps, ownership: provider, address: 127.0.0.1 }
          - { id: %1$s-far, customer: %1$s-cust, kind: vps, ownership: provider, address: 10.11.12.13 }
        services:
          - { id: %1$s-tcp, server: %1$s-srv, type: tcp, port: %2$d, installedBy: provider }
          - { id: %1$s-web, server: %1$s-srv, type: http, url: "http://127.0.0.1:%3$d/health", installedBy: provider }
          - { id: %1$s-app, server: %1$s-srv, type: http, url: "http://127.0.0.1:%3$d/app", installedBy: customer }
          - { id: %1$s-ftp, server: %1$s-srv, type: ftp, installedBy: provider }
          - { id: %1$s-remote, server: %1$s-far, type: tcp, port: 22, installedBy: provider }
        """
        .formatted(p, tcpPort, httpPort);
  }

  String hard(String service) {
    return jdbc.sql("select hard from service_status where service_id = :id")
        .param("id", service)
        .query(String.class)
        .optional()
        .orElse("pending");
  }

  List<String> ledger(String service) {
    return jdbc.sql(
            "select coalesce(from_state, 'pending') || '>' || to_state from state_change where service_id = :id order by seq")
        .param("id", service)
        .query(String.class)
        .list();
  }

  @Test
  void aStoppedServiceBecomesHardCriticalAfterItsAttemptsAndRecovers_MON1_MON6_MON7()
      throws Exception {
    String p = unique("mon");
    int tcpPort;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      tcpPort = probe.getLocalPort();
    }
    openTcp(tcpPort);
    http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    http.createContext(
        "/health",
        x -> {
          byte[] b = "healthy".getBytes(StandardCharsets.UTF_8);
          x.sendResponseHeaders(200, b.length);
          x.getResponseBody().write(b);
          x.close();
        });
    http.start();
    Catalog c = catalog.read("engine-test", setUp(p, tcpPort, http.getAddress().getPort()));
    assertThat(c.problems()).isEmpty();
    catalog.importCatalog(c, "test");
    monitoring.sync();

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> hard(p + "-tcp").equals("ok") && hard(p + "-web").equals("ok"));

    tcp.close(); // the service stops answering
    await().atMost(Duration.ofSeconds(20)).until(() -> hard(p + "-tcp").equals("critical"));
    openTcp(tcpPort); // and comes back
    await().atMost(Duration.ofSeconds(20)).until(() -> hard(p + "-tcp").equals("ok"));

    assertThat(ledger(p + "-tcp")).containsExactly("pending>ok", "ok>critical", "critical>ok");
    assertThat(ledger(p + "-web")).containsExactly("pending>ok");

    var coverage = monitoring.coverage();
    assertThat(coverage.get(p + "-tcp")).startsWith("checked every 1s");
    assertThat(coverage.get(p + "-app")).contains("customer-installed"); // MON-7
    assertThat(coverage.get(p + "-ftp")).contains("does not list ftp");
  }

  @Test
  void aTargetOutsideTheAllowedNetworksIsUnknownAndNeverContacted() {
    String p = unique("mon");
    Catalog c = catalog.read("engine-test", setUp(p, 1, 1));
    catalog.importCatalog(c, "test");
    monitoring.sync();
    await().atMost(Duration.ofSeconds(20)).until(() -> hard(p + "-remote").equals("unknown"));
    String reason =
        jdbc.sql("select last_reason from service_status where service_id = :id")
            .param("id", p + "-remote")
            .query(String.class)
            .single();
    assertThat(reason).contains("outside the allowed networks");
  }
}
