package dev.vakt.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vakt.IntegrationTest;
import dev.vakt.catalog.Catalog;
import dev.vakt.catalog.CatalogService;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 32: the engine checks a failing service's parent at once (so a server that is down is known
 * as down together with its services, ALR-1), and a failure being confirmed keeps its attempt count
 * and next check time across a restart of the engine on the same database, so the confirmation is
 * neither delayed by the start-up spread nor repeated (MON-1, MON-9).
 */
class RetryScheduleTest extends IntegrationTest {

  static final long HOUR_MS = Duration.ofHours(1).toMillis();

  @Autowired CatalogService catalog;
  @Autowired MonitoringService monitoring;

  /** An id whose first check the start-up spread puts at least {@code minutes} into the hour. */
  private static String lateId(String prefix, int minutes) {
    for (int i = 0; ; i++) {
      String id = prefix + "-" + i;
      if (Math.floorMod(id.hashCode(), HOUR_MS) > Duration.ofMinutes(minutes).toMillis()) {
        return id;
      }
    }
  }

  private void setUp(String p, String services) {
    String yaml =
        """
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
          monitoring: { interval: 1h, timeout: 500ms, maxAttempts: 4, retryInterval: 2s, services: [tcp, ping] }
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
          - { id: %1$s-cust, name: Skovly Møbler A/S, language: da, email: it@skovly.example }
        servers:
          - { id: %1$s-srv, customer: %1$s-cust, kind: vps, ownership: provider, address: 127.0.0.1 }
        services:
        %2$s"""
            .formatted(p, services);
    Catalog c = catalog.read("retry-test", yaml);
    assertThat(c.problems()).isEmpty();
    catalog.importCatalog(c, "test");
    monitoring.sync();
  }

  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private int results(String service) {
    return jdbc.sql("select count(*) from check_result where service_id = :s")
        .param("s", service)
        .query(Integer.class)
        .single();
  }

  private String column(String service, String column) {
    return jdbc.sql("select cast(" + column + " as text) from service_status where service_id = :s")
        .param("s", service)
        .query(String.class)
        .optional()
        .orElse("");
  }

  private Instant firstFailure(String service) {
    return jdbc.sql("select min(at) from check_result where service_id = :s")
        .param("s", service)
        .query(Timestamp.class)
        .single()
        .toInstant();
  }

  @Test
  void aServiceThatStartsFailingHasItsServersPingCheckedAtOnce_ALR1_MON1() throws Exception {
    String p = unique("par");
    String ping = lateId(p + "-ping", 10);
    setUp(
        p,
        """
          - { id: %1$s, server: %2$s-srv, type: ping, installedBy: provider }
          - { id: %2$s-web, server: %2$s-srv, type: tcp, port: %3$d, installedBy: provider }
        """
            .formatted(ping, p, closedPort()));
    assertThat(results(ping)).isZero(); // its own first check is ten minutes or more away

    monitoring.checkNow(p + "-web");
    await().atMost(Duration.ofSeconds(10)).until(() -> results(p + "-web") >= 1);
    await().atMost(Duration.ofSeconds(10)).until(() -> results(ping) >= 1);
  }

  @Test
  void aFailureBeingConfirmedContinuesOnTimeAfterTheEngineRestarts_MON1_MON9() throws Exception {
    String p = unique("rty");
    String web = lateId(p + "-web", 10);
    setUp(
        p,
        "  - { id: %s, server: %s-srv, type: tcp, port: %d, installedBy: provider }\n"
            .formatted(web, p, closedPort()));

    monitoring.checkNow(web); // the first failed attempt; three more, 2 s apart, confirm it
    await().atMost(Duration.ofSeconds(10)).until(() -> column(web, "attempt").equals("1"));
    assertThat(column(web, "next_check_at")).isNotEmpty();
    Instant first = firstFailure(web);

    monitoring.stop(); // the engine goes down and comes back on the same database
    monitoring.start();

    await().atMost(Duration.ofSeconds(20)).until(() -> column(web, "hard").equals("critical"));
    Instant confirmed =
        jdbc.sql("select min(at) from state_change where service_id = :s and to_state = 'critical'")
            .param("s", web)
            .query(Timestamp.class)
            .single()
            .toInstant();
    // Confirmed 3 retry intervals after the first failure (plus the restart), not an hour later.
    assertThat(Duration.between(first, confirmed)).isLessThan(Duration.ofSeconds(15));
    // Neither repeated: exactly the four attempts maxAttempts asks for.
    assertThat(results(web)).isEqualTo(4);
  }
}
