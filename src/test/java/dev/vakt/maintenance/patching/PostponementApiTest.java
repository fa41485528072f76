package dev.vakt.maintenance.patching;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.proxmox.FakePve;
import dev.vakt.ssh.TestSshServer;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/**
 * Postponements the API refuses (MNT-6): where the contract does not allow them, for someone who is
 * not the customer's contact, for another customer's server, for a day past, without a risk; and a
 * server never scanned, whose month is unknown.
 */
class PostponementApiTest extends PatchApiTestBase {

  @Test
  void aPostponementIsRefusedWhereTheContractDoesNotAllowIt_MNT6() throws Exception {
    ssh = new TestSshServer(dir, "ops");
    pve = FakePve.start(dir, "dns:pve1.example.invalid");
    String p = unique("nopost");
    catalog.importCatalog(catalog.read("patch-test", setUp(p, dir.resolve("none.key"))), "test");
    String body =
        """
        {"servers": ["%s"], "reason": "busy", "risk": "open vulnerabilities",
         "requestedBy": "%s", "until": "%s"}
        """;
    String later = LocalDate.now().plusDays(7).toString();

    ResponseEntity<JsonNode> refused =
        post(
            "/api/customers/" + p + "-other/patch-postponements",
            body.formatted(p + "-o1", "ola@annen.example", later));
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(refused.getBody().path("detail").asString())
        .contains("contract " + p + "-c2 does not allow")
        .contains("postponementAllowed");

    ResponseEntity<JsonNode> stranger =
        post(
            "/api/customers/" + p + "-cust/patch-postponements",
            body.formatted(p + "-srv", "someone@else.example", later));
    assertThat(stranger.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(stranger.getBody().at("/errors/0/field").asString()).isEqualTo("/requestedBy");

    ResponseEntity<JsonNode> foreign =
        post(
            "/api/customers/" + p + "-cust/patch-postponements",
            body.formatted(p + "-o1", "kari@kunde.example", later));
    assertThat(foreign.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(foreign.getBody().at("/errors/0/field").asString()).isEqualTo("/servers");

    ResponseEntity<JsonNode> past =
        post(
            "/api/customers/" + p + "-cust/patch-postponements",
            body.formatted(p + "-srv", "kari@kunde.example", "2020-01-01"));
    assertThat(past.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(past.getBody().at("/errors/0/field").asString()).isEqualTo("/until");

    ResponseEntity<JsonNode> noRisk =
        post(
            "/api/customers/" + p + "-cust/patch-postponements",
            """
            {"allServers": true, "reason": "busy", "risk": " ",
             "requestedBy": "kari@kunde.example", "until": "%s"}
            """
                .formatted(later));
    assertThat(noRisk.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(noRisk.getBody().at("/errors/0/field").asString()).isEqualTo("/risk");

    // Never scanned: nothing is known, and the report says so.
    JsonNode report =
        get(
            "/api/servers/"
                + p
                + "-o1/patch-compliance?month="
                + LocalDate.now().toString().substring(0, 7));
    assertThat(report.at("/servers/0/verdict").asString()).isEqualTo("unknown");
    assertThat(
            http.get()
                .uri("/api/customers/" + p + "-cust/patch-compliance?month=2999-01")
                .retrieve()
                .toEntity(JsonNode.class)
                .getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
  }
}
