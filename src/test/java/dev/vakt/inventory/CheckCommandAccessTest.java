package dev.vakt.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vakt.IntegrationTest;
import dev.vakt.access.Accounts;
import dev.vakt.access.ApiTokens;
import dev.vakt.access.Browser;
import dev.vakt.access.Role;
import dev.vakt.access.TestSessions;
import dev.vakt.common.ServiceType;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * Issue 16, F1 (DPA-3): what a check executes is an administrator's decision. A technician can
 * neither set nor change a service's {@code check.command} or {@code check.arguments}, through the
 * API or an import; an administrator can, by plugin name only, and the change is audited.
 */
class CheckCommandAccessTest extends IntegrationTest {

  @Autowired InventoryService inventory;

  private String customer;
  private String server;
  private RestClient technician;

  @BeforeEach
  void world() {
    customer = unique("f1c");
    server = unique("f1s");
    customerWithService(customer, "F1 AS", "nb", server, unique("f1ftp"));
    String user = unique("tech");
    accounts.create(
        new Accounts.NewAccount(user, "Tech-Password-F1-2026!", Role.TECHNICIAN, null), "test");
    String token = apiTokens.issue(user, "f1", ApiTokens.Scope.WRITE, null, user).value();
    technician =
        anonymous().mutate().defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token).build();
  }

  @AfterEach
  void signOut() {
    SecurityContextHolder.clearContext();
  }

  private String service(String id, String check) {
    return """
        {"id":"%s","server":"%s","type":"antivirus","installedBy":"provider","monitored":false%s}
        """
        .formatted(id, server, check == null ? "" : ",\"check\":" + check);
  }

  /** An administrator's session, signed in a moment ago with its code (a recent second factor). */
  private Browser admin;

  private int adminPut(String id, String body) {
    if (admin == null) {
      admin = TestSessions.admin(port, accounts);
    }
    return admin.send(HttpMethod.PUT, "/api/services/" + id, body, true).getStatusCode().value();
  }

  private ResponseEntity<JsonNode> put(RestClient client, String id, String body) {
    return client
        .put()
        .uri("/api/services/" + id)
        .contentType(MediaType.APPLICATION_JSON)
        .body(body)
        .retrieve()
        .toEntity(JsonNode.class);
  }

  @Test
  @DisplayName("F1 DPA-3: the issue's request (technician, antivirus, /bin/sh -c) is refused")
  void f1_theReportedRequestIsRefused() {
    String id = unique("f1av");
    ResponseEntity<JsonNode> answer =
        put(
            technician,
            id,
            service(id, "{\"command\":\"/bin/sh\",\"arguments\":[\"-c\",\"id > /tmp/f1\"]}"));
    assertThat(answer.getStatusCode().value()).isEqualTo(400);
    assertThat(answer.getHeaders().getContentType().toString()).contains("problem+json");
    assertThat(answer.getBody().toString()).contains("/check/command");
    assertThat(inventory.service(id)).isEmpty();
  }

  @Test
  @DisplayName(
      "F1 DPA-3: a technician may not set or change a plugin command: 403 naming the field")
  void f1_technicianCannotSetOrChangeACommand() {
    String id = unique("f1av");
    ResponseEntity<JsonNode> set =
        put(
            technician,
            id,
            service(id, "{\"command\":\"check_clamd\",\"arguments\":[\"-H\",\"127.0.0.1\"]}"));
    assertThat(set.getStatusCode().value()).isEqualTo(403);
    assertThat(set.getHeaders().getContentType().toString()).contains("application/problem+json");
    assertThat(set.getBody().path("field").asString()).isEqualTo("/check/command");
    assertThat(inventory.service(id)).isEmpty();

    // The administrator sets it; the technician may still edit the rest, not the arguments.
    assertThat(
            adminPut(
                id,
                service(id, "{\"command\":\"check_clamd\",\"arguments\":[\"-H\",\"127.0.0.1\"]}")))
        .isEqualTo(200);
    assertThat(
            put(
                    technician,
                    id,
                    service(
                            id,
                            "{\"command\":\"check_clamd\",\"arguments\":[\"-H\",\"127.0.0.1\"]}")
                        .replace("\"monitored\":false", "\"monitored\":true"))
                .getStatusCode()
                .value())
        .isEqualTo(200);
    ResponseEntity<JsonNode> arguments =
        put(
            technician,
            id,
            service(id, "{\"command\":\"check_clamd\",\"arguments\":[\"-H\",\"10.0.0.1\"]}"));
    assertThat(arguments.getStatusCode().value()).isEqualTo(403);
    assertThat(arguments.getBody().path("field").asString()).isEqualTo("/check/arguments");
    // Dropping the command (back to clamd's PING) runs nothing new: allowed.
    assertThat(put(technician, id, service(id, null)).getStatusCode().value()).isEqualTo(200);
  }

  @Test
  @DisplayName(
      "F1 DPA-3: an administrator sets a plugin by name, never a path; the change is audited")
  void f1_administratorSetsAPluginByNameAndItIsAudited() {
    String id = unique("f1av");
    ResponseEntity<JsonNode> path =
        put(http, id, service(id, "{\"command\":\"/bin/sh\",\"arguments\":[\"-c\",\"id\"]}"));
    assertThat(path.getStatusCode().value()).isEqualTo(400);
    assertThat(path.getBody().toString()).contains("/check/command").contains("paths are refused");
    assertThat(put(http, id, service(id, "{\"command\":\"../../bin/sh\"}")).getStatusCode().value())
        .isEqualTo(400);

    // An administrator's API token is not enough: a check command is a sensitive change (F8).
    ResponseEntity<JsonNode> byToken = put(http, id, service(id, "{\"command\":\"check_clamd\"}"));
    assertThat(byToken.getStatusCode().value()).isEqualTo(403);
    assertThat(byToken.getBody().toString()).contains("session-needed");
    assertThat(adminPut(id, service(id, "{\"command\":\"check_clamd\"}"))).isEqualTo(200);
    assertThat(
            adminPut(id, service(id, "{\"command\":\"check_clamd\",\"arguments\":[\"-w\",\"2\"]}")))
        .isEqualTo(200);
    String actor =
        admin.get("/api/session").getBody().replaceAll(".*\"username\":\"([^\"]+)\".*", "$1");
    List<String> changes =
        jdbc.sql(
                "select actor || ' ' || action || ' ' || coalesce(before->'check'->>'arguments', '-')"
                    + " || ' -> ' || (after->'check'->>'command') || ' '"
                    + " || coalesce(after->'check'->>'arguments', '-')"
                    + " from audit_event where entity = 'service' and entity_id = :id order by seq")
            .param("id", id)
            .query(String.class)
            .list();
    assertThat(changes)
        .containsExactly(
            actor + " create - -> check_clamd -",
            actor + " update - -> check_clamd [\"-w\", \"2\"]");
  }

  @Test
  @DisplayName("F1 DPA-3: an import by a technician that changes a command is refused (403)")
  void f1_anImportByATechnicianCannotChangeACommand() {
    String id = unique("f1av");
    SecurityContextHolder.getContext()
        .setAuthentication(
            UsernamePasswordAuthenticationToken.authenticated(
                "tech", null, List.of(new SimpleGrantedAuthority("ROLE_TECHNICIAN"))));
    Service plugin =
        new Service(
            id,
            server,
            ServiceType.PLUGIN,
            null,
            null,
            null,
            null,
            Service.InstalledBy.PROVIDER,
            false,
            new ServiceCheck(
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                "check_procs",
                List.of()));
    InventoryDocument doc =
        new InventoryDocument("stw", List.of(), List.of(), List.of(), List.of(plugin));
    assertThatThrownBy(() -> inventory.importDocument(doc, "tech"))
        .isInstanceOf(CheckCommandGuard.Forbidden.class);
    SecurityContextHolder.clearContext();
    assertThat(inventory.service(id)).isEmpty();
    // Without a signed-in user (vakt import on the server) the operator may.
    assertThat(inventory.importDocument(doc, "operator")).isEqualTo(1);
  }
}
