package dev.vakt.portal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.IntegrationTest;
import dev.vakt.access.Accounts;
import dev.vakt.access.ApiTokens;
import dev.vakt.access.Role;
import dev.vakt.catalog.CatalogService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/coverage/services/{id}} and {@code …/servers/{id}} (issue 18): which contract
 * version and line govern a service or server at an instant, for staff any, for a customer's users
 * their own only (DPA-4).
 */
class CoverageApiTest extends IntegrationTest {

  private static final String P = "cvapi";

  @Autowired CatalogService catalog;

  @BeforeEach
  void world() {
    CoveredWorld.importWorld(catalog, P);
  }

  private RestClient as(Role role, String customer) {
    String user = unique(role.name().toLowerCase().replace('_', '-'));
    accounts.create(
        new Accounts.NewAccount(user, "coverage test passphrase", role, customer), "test");
    String token = apiTokens.issue(user, "coverage", ApiTokens.Scope.READ, null, "test").value();
    return anonymous().mutate().defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token).build();
  }

  private static ResponseEntity<JsonNode> get(RestClient client, String uri) {
    return client.get().uri(uri).retrieve().toEntity(JsonNode.class);
  }

  @Test
  void staffSeeTheContractAndLineThatCoverAService_ADMIN_TECHNICIAN_DPA4() {
    for (Role role : new Role[] {Role.ADMIN, Role.TECHNICIAN}) {
      ResponseEntity<JsonNode> r =
          get(as(role, null), "/api/coverage/services/" + P + "-https?at=2025-06-01T10:00:00Z");
      assertThat(r.getStatusCode().value()).as(role + ": " + r.getBody()).isEqualTo(200);
      JsonNode c = r.getBody();
      assertThat(c.get("kind").asString()).isEqualTo("service");
      assertThat(c.get("id").asString()).isEqualTo(P + "-https");
      assertThat(c.get("at").asString()).isEqualTo("2025-06-01T10:00:00Z");
      assertThat(c.get("customer").asString()).isEqualTo(P + "-acme");
      assertThat(c.get("provider").asString()).isEqualTo(P);
      assertThat(c.get("contract").get("id").asString()).isEqualTo(P + "-acme-hosting");
      assertThat(c.get("contract").get("version").asInt()).isEqualTo(1);
      JsonNode line = c.get("line");
      assertThat(line.get("id").asString()).isEqualTo("web");
      assertThat(line.get("product").asString()).isEqualTo(P + "-hosting");
      assertThat(line.get("quantity").asInt()).isEqualTo(1);
      assertThat(line.get("price").asString()).isEqualTo("900.00 NOK");
      assertThat(line.get("clause").asString()).isEqualTo("Hosting 1.1");
      assertThat(c.get("zone").asString()).isEqualTo("Europe/Oslo");
      assertThat(c.get("localDate").asString()).isEqualTo("2025-06-01");
      assertThat(c.get("covered").asBoolean()).isTrue();
      assertThat(c.get("reason").get("code").asString()).isEqualTo("PROVIDER_INSTALLED");
      assertThat(c.get("reason").get("text").asString()).isEqualTo("provider-installed");
      assertThat(c.get("coverageVersion").asLong()).isPositive();
      assertThat(c.get("layers").findValuesAsString("kind"))
          .containsExactly("Provider", "Product", "Contract");
      assertThat(c.get("layers").get(2).get("version").asInt()).isEqualTo(1);
    }
  }

  @Test
  void k2_theColocationServerIsCoveredByTheColocationContractNotTheHostingOne_DPA4() {
    RestClient tech = as(Role.TECHNICIAN, null);
    JsonNode server = get(tech, "/api/coverage/servers/" + P + "-box").getBody();
    assertThat(server.get("kind").asString()).isEqualTo("server");
    assertThat(server.get("contract").get("id").asString()).isEqualTo(P + "-acme-colo");
    assertThat(server.get("line").get("id").asString()).isEqualTo("box");
    assertThat(server.get("line").get("product").asString()).isEqualTo(P + "-colo");
    assertThat(server.get("line").get("price").isNull()).as("the product's price").isTrue();
    JsonNode ping = get(tech, "/api/coverage/services/" + P + "-box-ping").getBody();
    assertThat(ping.get("contract").get("id").asString()).isEqualTo(P + "-acme-colo");
    assertThat(ping.get("covered").asBoolean()).isFalse();
    assertThat(ping.get("reason").get("code").asString()).isEqualTo("COLOCATION");
  }

  @Test
  void k1_theTermsVersionEffectiveOnADayAppliesFromOsloMidnight() {
    // Version 2 of the hosting contract takes effect on 2026-01-01: in Oslo that is 23:00 UTC on
    // 31 December, not an hour later.
    String uri = "/api/coverage/services/" + P + "-https?at=";
    JsonNode before = get(http, uri + "2025-12-31T22:59:59Z").getBody();
    assertThat(before.get("localDate").asString()).isEqualTo("2025-12-31");
    assertThat(before.get("contract").get("version").asInt()).isEqualTo(1);
    JsonNode after = get(http, uri + "2025-12-31T23:00:00Z").getBody();
    assertThat(after.get("localDate").asString()).isEqualTo("2026-01-01");
    assertThat(after.get("contract").get("version").asInt()).isEqualTo(2);
    assertThat(after.get("line").get("quantity").asInt()).isEqualTo(2);
    assertThat(after.get("layers").get(2).get("version").asInt()).isEqualTo(2);
  }

  @Test
  void aContractWithoutLinesCoversAllItsCustomerHas() {
    JsonNode c = get(http, "/api/coverage/services/" + P + "-solo-https").getBody();
    assertThat(c.get("contract").get("id").asString()).isEqualTo(P + "-solo-hosting");
    assertThat(c.get("line").isNull()).isTrue();
    assertThat(c.get("covered").asBoolean()).isTrue();
    // No at: now, by the application's clock.
    assertThat(c.get("at").asString()).isNotBlank();
  }

  @Test
  void aCustomerViewerSeesItsOwnAndAnotherCustomersIsNotFound_DPA4() {
    RestClient viewer = as(Role.CUSTOMER_VIEWER, P + "-solo");
    assertThat(get(viewer, "/api/coverage/services/" + P + "-solo-https").getStatusCode().value())
        .isEqualTo(200);
    assertThat(get(viewer, "/api/coverage/servers/" + P + "-solo1").getStatusCode().value())
        .isEqualTo(200);
    // Another customer's service and server answer exactly as ones that do not exist.
    ResponseEntity<JsonNode> theirs = get(viewer, "/api/coverage/services/" + P + "-https");
    assertThat(theirs.getStatusCode().value()).isEqualTo(404);
    assertThat(get(viewer, "/api/coverage/servers/" + P + "-web").getStatusCode().value())
        .isEqualTo(404);
    ResponseEntity<JsonNode> none = get(viewer, "/api/coverage/services/" + P + "-nothing");
    assertThat(none.getStatusCode().value()).isEqualTo(404);
    assertThat(theirs.getBody().toString()).doesNotContain(P + "-acme");
    // An unknown id is not found for staff too.
    assertThat(get(http, "/api/coverage/servers/" + P + "-nothing").getStatusCode().value())
        .isEqualTo(404);
  }

  @Test
  void aBadAtIsA400NamingTheParameter() {
    ResponseEntity<JsonNode> r = get(http, "/api/coverage/services/" + P + "-https?at=June");
    assertThat(r.getStatusCode().value()).isEqualTo(400);
    assertThat(r.getHeaders().getContentType().toString()).startsWith("application/problem+json");
    assertThat(r.getBody().toString()).contains("\"at\"").contains("is not an instant");
  }
}
