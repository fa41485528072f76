package dev.vakt;

import dev.vakt.access.Accounts;
import dev.vakt.access.ApiTokens;
import dev.vakt.access.Role;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * Base of the tests that run the whole application against the real embedded PostgreSQL (not a
 * mock, not H2). All subclasses share one application context, hence one database per test run;
 * each test uses ids of its own so tests stay independent.
 *
 * <p>{@link #http} signs in as an administrator with an API token ({@link #ADMIN}), so tests of the
 * API need not know about logins; tests of access itself build their own clients.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    // Host checks and access verification run every 5 minutes by default: too slow for a test.
    properties = {"vakt.monitoring.host-interval=1s", "vakt.monitoring.slow-host-interval=1s"})
public abstract class IntegrationTest {

  /** The administrator {@link #http} acts as: what the audit log records as the actor. */
  protected static final String ADMIN = "test-admin";

  // One token per database: the application context (and its database) lives for the test run.
  private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

  @LocalServerPort protected int port;
  @Autowired protected JdbcClient jdbc;
  @Autowired protected Accounts accounts;
  @Autowired protected ApiTokens apiTokens;
  protected RestClient http;

  @BeforeEach
  void client() {
    http =
        anonymous()
            .mutate()
            .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + adminToken())
            .build();
  }

  /** A client without credentials. */
  protected RestClient anonymous() {
    return RestClient.builder()
        // The JDK's client, as a browser would: redirects are shown, not followed, and an early
        // answer (413 while the body is still being sent) is read. Apache HttpClient is on the
        // class path for the HTTP probe and would otherwise be chosen.
        .requestFactory(new org.springframework.http.client.JdkClientHttpRequestFactory())
        .baseUrl("http://127.0.0.1:" + port)
        .defaultStatusHandler(status -> true, (req, res) -> {})
        .build();
  }

  /**
   * POSTs {@code body} as {@link #ADMIN}: a JSON string as it is, another object written as JSON,
   * null for no body. Any status comes back; the body is null when there is none.
   */
  protected ResponseEntity<JsonNode> post(String uri, Object body) {
    RestClient.RequestBodySpec req = http.post().uri(uri);
    if (body != null) {
      req.contentType(MediaType.APPLICATION_JSON).body(body);
    }
    return req.retrieve().toEntity(JsonNode.class);
  }

  /** PUTs {@code body} (JSON) as {@link #ADMIN} and fails the test unless it is accepted. */
  protected void putOk(String uri, String body) {
    org.assertj.core.api.Assertions.assertThat(put(uri, body).getStatusCode().is2xxSuccessful())
        .as("PUT %s", uri)
        .isTrue();
  }

  /**
   * A customer of provider {@code stw} with one VPS and one unmonitored FTP service on it: the
   * smallest world a customer's view shows.
   */
  protected void customerWithService(
      String customer, String name, String language, String server, String service) {
    putOk(
        "/api/customers/" + customer + "?provider=stw",
        """
        {"id":"%s","name":"%s","country":"NO","language":"%s","email":"post@t.example"}
        """
            .formatted(customer, name, language));
    putOk(
        "/api/servers/" + server,
        """
        {"id":"%s","customer":"%s","kind":"vps","ownership":"provider","address":"127.0.0.1"}
        """
            .formatted(server, customer));
    putOk(
        "/api/services/" + service,
        """
        {"id":"%s","server":"%s","type":"ftp","software":"vsftpd","port":2121,"installedBy":"provider",
         "monitored":false}
        """
            .formatted(service, server));
  }

  /**
   * A hard state change of {@code service} in the monitoring ledger, as the engine records it: what
   * SLA reports are computed from ({@code from} null for the first).
   */
  protected void stateChange(String service, java.time.Instant at, String from, String to) {
    jdbc.sql(
            "insert into state_change (service_id, at, from_state, to_state, reason)"
                + " values (:s, :at, :f, :t, 'test')")
        .param("s", service)
        .param("at", java.sql.Timestamp.from(at))
        .param("f", from)
        .param("t", to)
        .update();
  }

  /** PUTs {@code body} as {@link #ADMIN}, as {@link #post} does. */
  protected ResponseEntity<JsonNode> put(String uri, Object body) {
    return http.put()
        .uri(uri)
        .contentType(MediaType.APPLICATION_JSON)
        .body(body)
        .retrieve()
        .toEntity(JsonNode.class);
  }

  /**
   * Imports provider {@code p} (Oslo time, NOK, Norwegian), a product {@code p-product} with {@code
   * productTerms} (YAML, indented by two spaces), the contract {@code p-c1} for customer {@code
   * p-cust}, and that customer with one emergency contact: the one-customer world many API tests
   * start from.
   */
  protected void importOneCustomer(String p, String productTerms) {
    String yaml =
        """
        apiVersion: vakt/v1
        kind: Provider
        id: %1$s
        version: 1
        effectiveFrom: 2024-01-01
        name: Test Provider AS
        terms: { timeZone: Europe/Oslo, currency: NOK, language: nb }
        ---
        apiVersion: vakt/v1
        kind: Product
        id: %1$s-product
        version: 1
        effectiveFrom: 2024-01-01
        provider: %1$s
        name: Drift
        prices: { NOK: 1000.00 NOK }
        terms:
        %2$s
        ---
        apiVersion: vakt/v1
        kind: Contract
        id: %1$s-c1
        version: 1
        effectiveFrom: 2024-02-01
        provider: %1$s
        customer: %1$s-cust
        product: %1$s-product
        start: 2024-02-01
        ---
        apiVersion: vakt/v1
        kind: Inventory
        provider: %1$s
        customers:
          - id: %1$s-cust
            name: Kunde AS
            contacts: [{ name: Kari, email: kari@kunde.example, emergency: true, verified: true, language: nb }]
        """
            .formatted(p, productTerms.stripTrailing());
    ResponseEntity<JsonNode> imported =
        http.post()
            .uri("/api/import")
            .contentType(MediaType.parseMediaType("application/yaml;charset=UTF-8"))
            .body(yaml)
            .retrieve()
            .toEntity(JsonNode.class);
    if (!imported.getStatusCode().is2xxSuccessful()) {
      throw new AssertionError("import failed: " + imported.getBody());
    }
  }

  /** A write-scoped API token of {@link #ADMIN}, made once. */
  protected String adminToken() {
    return TOKENS.computeIfAbsent(
        "admin",
        k -> {
          if (accounts.find(ADMIN).isEmpty()) {
            accounts.create(
                new Accounts.NewAccount(ADMIN, "test administrator passphrase", Role.ADMIN, null),
                "test");
          }
          return apiTokens.issue(ADMIN, "tests", ApiTokens.Scope.WRITE, null, "test").value();
        });
  }

  /** A unique id for this test's entities. */
  protected static String unique(String prefix) {
    return prefix + "-" + Long.toString(System.nanoTime(), 36);
  }
}
