package dev.vakt.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.IntegrationTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * DPA-4: a customer's user sees its own customer's data and nothing of another's, decided in the
 * services: lists are filtered, and another customer's data answers 404 as if it did not exist.
 */
class TenantIsolationTest extends IntegrationTest {

  private void customer(String id) {
    http.put()
        .uri("/api/customers/" + id + "?provider=stw")
        .contentType(MediaType.APPLICATION_JSON)
        .body(
            """
            {"id":"%s","name":"Tenant AS","country":"NO","language":"nb","email":"post@t.example"}
            """
                .formatted(id))
        .retrieve()
        .toBodilessEntity();
  }

  private RestClient as(Role role, String customer) {
    String user = unique("u");
    accounts.create(new Accounts.NewAccount(user, "tenant password", role, customer), "test");
    String token = apiTokens.issue(user, "t", ApiTokens.Scope.WRITE, null, "test").value();
    return anonymous().mutate().defaultHeader("Authorization", "Bearer " + token).build();
  }

  @Test
  void aCustomersUserSeesOnlyItsOwnCustomer_DPA4() {
    String mine = unique("mine");
    String theirs = unique("theirs");
    customer(mine);
    customer(theirs);
    RestClient viewer = as(Role.CUSTOMER_VIEWER, mine);

    JsonNode list = viewer.get().uri("/api/customers").retrieve().body(JsonNode.class);
    assertThat(list.findValuesAsString("id")).containsExactly(mine);
    assertThat(
            viewer
                .get()
                .uri("/api/customers/" + mine)
                .retrieve()
                .toBodilessEntity()
                .getStatusCode()
                .value())
        .isEqualTo(200);
    assertThat(
            viewer
                .get()
                .uri("/api/customers/" + theirs)
                .retrieve()
                .toBodilessEntity()
                .getStatusCode()
                .value())
        .isEqualTo(404);
    for (String path : List.of("/sla/history", "/maintenance", "/terms")) {
      assertThat(
              viewer
                  .get()
                  .uri("/api/customers/" + mine + path)
                  .retrieve()
                  .toBodilessEntity()
                  .getStatusCode()
                  .value())
          .as(path)
          .isEqualTo(200);
      assertThat(
              viewer
                  .get()
                  .uri("/api/customers/" + theirs + path)
                  .retrieve()
                  .toBodilessEntity()
                  .getStatusCode()
                  .value())
          .as(path)
          .isEqualTo(404);
    }
    // A viewer reads; reporting a fault is for the customer's admin.
    assertThat(
            viewer
                .post()
                .uri("/api/customers/" + mine + "/reports")
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"service\":\"x\"}")
                .retrieve()
                .toBodilessEntity()
                .getStatusCode()
                .value())
        .isEqualTo(403);
  }

  @Test
  void theAuditTrailOfACustomerShowsOnlyItsOwnEntries_DPA3_DPA4() {
    String mine = unique("mine");
    String theirs = unique("theirs");
    customer(mine);
    customer(theirs);
    RestClient admin = as(Role.CUSTOMER_ADMIN, mine);
    JsonNode trail = admin.get().uri("/api/audit?size=1000").retrieve().body(JsonNode.class);
    assertThat(trail.findValuesAsString("customerId")).isNotEmpty().containsOnly(mine);
    String export = admin.get().uri("/api/audit/export").retrieve().body(String.class);
    assertThat(export).contains("\"customerId\":\"" + mine + "\"").doesNotContain(theirs);
    // Staff see everyone's, as JSON Lines.
    String all = http.get().uri("/api/audit/export").retrieve().body(String.class);
    assertThat(all).contains(mine, theirs);
    assertThat(all.lines()).allMatch(l -> l.startsWith("{\"seq\":"));

    // Asking for another customer's entries still gives only one's own.
    JsonNode asked =
        admin
            .get()
            .uri("/api/audit?customer={c}&size=1000", theirs)
            .retrieve()
            .body(JsonNode.class);
    assertThat(asked.findValuesAsString("customerId")).isNotEmpty().containsOnly(mine);
  }

  @Test
  void theAuditTrailFiltersByActorCustomerAndPeriod_DPA3() {
    String c = unique("filtered");
    customer(c);
    JsonNode byCustomer =
        http.get().uri("/api/audit?customer={c}&size=1000", c).retrieve().body(JsonNode.class);
    assertThat(byCustomer.findValuesAsString("customerId")).isNotEmpty().containsOnly(c);
    JsonNode newest = byCustomer.get(0);
    String actor = newest.get("actor").asString();
    String at = newest.get("at").asString();
    JsonNode byActor =
        http.get()
            .uri("/api/audit?customer={c}&actor={a}&size=1000", c, actor)
            .retrieve()
            .body(JsonNode.class);
    assertThat(byActor.findValuesAsString("actor")).isNotEmpty().containsOnly(actor);
    // [from, to): the newest entry's instant as "to" leaves it out, as "from" keeps it.
    JsonNode before =
        http.get()
            .uri("/api/audit?customer={c}&to={t}&size=1000", c, at)
            .retrieve()
            .body(JsonNode.class);
    assertThat(before.findValuesAsString("seq")).doesNotContain(newest.get("seq").asString());
    JsonNode after =
        http.get()
            .uri("/api/audit?customer={c}&from={f}&size=1000", c, at)
            .retrieve()
            .body(JsonNode.class);
    assertThat(after.findValuesAsString("seq")).contains(newest.get("seq").asString());
    // A bad period is a 400 naming the field, not an empty list.
    var bad =
        http.get().uri("/api/audit?from={f}&to={t}", at, at).retrieve().toEntity(JsonNode.class);
    assertThat(bad.getStatusCode().value()).isEqualTo(400);
    assertThat(bad.getBody().toString()).contains("to");
    var notAnInstant =
        http.get().uri("/api/audit?from=yesterday").retrieve().toEntity(JsonNode.class);
    assertThat(notAnInstant.getStatusCode().value()).isEqualTo(400);
    assertThat(notAnInstant.getBody().toString()).contains("from");
  }
}
