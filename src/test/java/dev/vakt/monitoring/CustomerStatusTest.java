package dev.vakt.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.IntegrationTest;
import dev.vakt.access.Accounts;
import dev.vakt.access.ApiTokens;
import dev.vakt.access.Role;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/customers/{customer}/status}: a customer's own services with their current hard
 * state, for the customer view; another customer's answers 404 as if it did not exist (DPA-4).
 */
class CustomerStatusTest extends IntegrationTest {

  /** A customer with a service; the customer view speaks the customer's language. */
  private void customerWithService(String customer, String server, String service) {
    customerWithService(customer, "Status AS", "nb", server, service);
  }

  private RestClient as(Role role, String customer) {
    String user = unique("u");
    accounts.create(new Accounts.NewAccount(user, "status password", role, customer), "test");
    String token = apiTokens.issue(user, "t", ApiTokens.Scope.READ, null, "test").value();
    return anonymous().mutate().defaultHeader("Authorization", "Bearer " + token).build();
  }

  @Test
  void aCustomerReadsItsOwnServicesStatesAndAnothersIsNotFound_DPA4() {
    String mine = unique("mine");
    String theirs = unique("theirs");
    String myService = unique("svc");
    String theirService = unique("svc");
    customerWithService(mine, unique("srv"), myService);
    customerWithService(theirs, unique("srv"), theirService);
    jdbc.sql(
            """
            insert into service_status (service_id, hard, hard_since, current, last_check_at)
            values (:id, 'CRITICAL', now(), 'CRITICAL', now())
            """)
        .param("id", myService)
        .update();
    RestClient viewer = as(Role.CUSTOMER_VIEWER, mine);

    ResponseEntity<JsonNode> own =
        viewer.get().uri("/api/customers/" + mine + "/status").retrieve().toEntity(JsonNode.class);
    assertThat(own.getStatusCode().value()).isEqualTo(200);
    JsonNode body = own.getBody();
    assertThat(body.path("customer").asString()).isEqualTo(mine);
    assertThat(body.path("name").asString()).isEqualTo("Status AS");
    assertThat(body.path("services").size()).isEqualTo(1);
    JsonNode s = body.path("services").get(0);
    assertThat(s.path("id").asString()).isEqualTo(myService);
    assertThat(s.path("state").asString()).isEqualTo("CRITICAL");
    assertThat(s.path("since").isNull()).isFalse();

    assertThat(
            viewer
                .get()
                .uri("/api/customers/" + theirs + "/status")
                .retrieve()
                .toBodilessEntity()
                .getStatusCode()
                .value())
        .isEqualTo(404);
    assertThat(body.toString()).doesNotContain(theirService);

    // Staff see any customer's; a service never checked is pending.
    JsonNode staff =
        http.get().uri("/api/customers/" + theirs + "/status").retrieve().body(JsonNode.class);
    assertThat(staff.path("services").get(0).path("state").asString()).isEqualTo("pending");
    assertThat(
            http.get()
                .uri("/api/customers/nobody-here/status")
                .retrieve()
                .toBodilessEntity()
                .getStatusCode()
                .value())
        .isEqualTo(404);
  }
}
