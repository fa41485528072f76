package dev.vakt.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/** The inventory over REST: validation, references, RFC 9457 errors and the audit trail. */
class InventoryApiTest extends IntegrationTest {

  String customer(String id) {
    return """
        {"id":"%s","name":"Fjord AS","country":"NO","language":"nb","email":"post@fjord.example",
         "contacts":[{"name":"Ola","email":"ola@fjord.example","phone":"+47 22 00 00 00",
                      "verified":true,"emergency":true,"language":"nb"},
                     {"name":"Sam","email":"sam@fjord.example","language":"en"}]}
        """
        .formatted(id);
  }

  @Test
  void customersWithTheirEmergencyListAndLanguages_INV1() {
    String id = unique("cust");
    assertThat(put("/api/customers/" + id, customer(id)).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(put("/api/customers/" + id + "?provider=stw", customer(id)).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    JsonNode c = http.get().uri("/api/customers/" + id).retrieve().body(JsonNode.class);
    assertThat(c.at("/contacts/0/emergency").asBoolean()).isTrue();
    assertThat(c.at("/contacts/0/verified").asBoolean()).isTrue();
    assertThat(c.at("/contacts/1/emergency").asBoolean()).isFalse();
    assertThat(c.at("/contacts/1/language").asString()).isEqualTo("en");
  }

  @Test
  void proxmoxNodesInAClusterWithOwnershipAndAccessPath_INV1_ACC1() {
    String cust = unique("cust");
    put("/api/customers/" + cust + "?provider=stw", customer(cust));
    String cl = unique("cl");
    assertThat(
            put(
                    "/api/clusters/" + cl,
                    "{\"id\":\"%s\",\"customer\":\"%s\",\"name\":\"pve\"}".formatted(cl, cust))
                .getStatusCode())
        .isEqualTo(HttpStatus.OK);
    String node =
        """
        {"id":"%s","customer":"%s","cluster":"%s","kind":"proxmox-node","ownership":"third-party",
         "address":"127.0.0.1","role":"secondary",
         "access":{"ssh":{"user":"vakt","port":22,"key":"secret:pve-key","sudo":true},
                   "outOfBand":{"kind":"idrac","address":"127.0.0.2","user":"root","password":"env:IDRAC_PW"}}}
        """;
    String n1 = unique("pve1");
    assertThat(put("/api/servers/" + n1, node.formatted(n1, cust, cl)).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    JsonNode s = http.get().uri("/api/servers/" + n1).retrieve().body(JsonNode.class);
    assertThat(s.at("/ownership").asString()).isEqualTo("third-party");
    assertThat(s.at("/access/ssh/key").asString()).isEqualTo("secret:pve-key");
    assertThat(s.at("/access/outOfBand/kind").asString()).isEqualTo("idrac");
    assertThat(
            http.get().uri("/api/servers?customer=" + cust).retrieve().body(JsonNode.class).size())
        .isEqualTo(1);
  }

  @Test
  void aPlainTextKeyIsRefused_ACC1() {
    String cust = unique("cust");
    put("/api/customers/" + cust + "?provider=stw", customer(cust));
    String srv = unique("srv");
    ResponseEntity<JsonNode> r =
        put(
            "/api/servers/" + srv,
            """
            {"id":"%s","customer":"%s","kind":"vps","ownership":"provider","address":"127.0.0.1",
             "access":{"ssh":{"user":"vakt","key":"-----BEGIN OPENSSH PRIVATE KEY-----"}}}
            """
                .formatted(srv, cust));
    assertThat(r.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(r.getBody().at("/errors/0/field").asString()).isEqualTo("/access/ssh/key");
    assertThat(r.getBody().at("/errors/0/reason").asString()).contains("never in plain text");
  }

  @Test
  void servicesRecordWhoInstalledThem_INV2() {
    String cust = unique("cust");
    put("/api/customers/" + cust + "?provider=swh", customer(cust));
    String srv = unique("srv");
    put(
        "/api/servers/" + srv,
        "{\"id\":\"%s\",\"customer\":\"%s\",\"kind\":\"dedicated\",\"ownership\":\"provider\",\"address\":\"127.0.0.1\"}"
            .formatted(srv, cust));
    String ftp = unique("ftp");
    assertThat(
            put(
                    "/api/services/" + ftp,
                    "{\"id\":\"%s\",\"server\":\"%s\",\"type\":\"ftp\",\"software\":\"vsftpd\",\"port\":2121,\"installedBy\":\"provider\"}"
                        .formatted(ftp, srv))
                .getStatusCode())
        .isEqualTo(HttpStatus.OK);
    String app = unique("app");
    put(
        "/api/services/" + app,
        "{\"id\":\"%s\",\"server\":\"%s\",\"type\":\"http\",\"url\":\"http://127.0.0.1:8081/\",\"installedBy\":\"customer\"}"
            .formatted(app, srv));
    JsonNode services =
        http.get().uri("/api/services?customer=" + cust).retrieve().body(JsonNode.class);
    assertThat(services.size()).isEqualTo(2);
    assertThat(services.findValuesAsString("installedBy"))
        .containsExactlyInAnyOrder("provider", "customer");
  }

  @Test
  void errorsAreProblemDetailsNamingTheField() {
    String srv = unique("srv");
    ResponseEntity<JsonNode> r =
        put(
            "/api/servers/" + srv,
            "{\"id\":\"%s\",\"customer\":\"nobody\",\"kind\":\"vps\",\"ownership\":\"provider\",\"address\":\"127.0.0.1\"}"
                .formatted(srv));
    assertThat(r.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(r.getHeaders().getContentType().toString()).startsWith("application/problem+json");
    assertThat(r.getBody().at("/errors/0/field").asString()).isEqualTo("/customer");

    r =
        put(
            "/api/servers/" + srv,
            "{\"id\":\"other\",\"customer\":\"x\",\"kind\":\"vps\",\"ownership\":\"provider\",\"address\":\"127.0.0.1\"}");
    assertThat(r.getBody().at("/errors/0/reason").asString()).contains("differs from the path");

    r =
        put(
            "/api/servers/" + srv,
            "{\"id\":\"%s\",\"customer\":\"x\",\"kind\":\"mainframe\",\"ownership\":\"provider\",\"address\":\"127.0.0.1\"}"
                .formatted(srv));
    assertThat(r.getBody().at("/errors/0/reason").asString())
        .contains("'mainframe' is not one of proxmox-node, vps, dedicated, colocation");

    ResponseEntity<JsonNode> missing =
        http.get().uri("/api/servers/none").retrieve().toEntity(JsonNode.class);
    assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(missing.getBody().get("detail").asString()).isEqualTo("server none does not exist");
  }

  @Test
  void aServerNeverMovesToAnotherCustomer_DPA4() {
    String a = unique("cust");
    String b = unique("cust");
    put("/api/customers/" + a + "?provider=stw", customer(a));
    put("/api/customers/" + b + "?provider=stw", customer(b));
    String srv = unique("srv");
    String body =
        "{\"id\":\"%s\",\"customer\":\"%s\",\"kind\":\"vps\",\"ownership\":\"provider\",\"address\":\"127.0.0.1\"}";
    assertThat(put("/api/servers/" + srv, body.formatted(srv, a)).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    ResponseEntity<JsonNode> r = put("/api/servers/" + srv, body.formatted(srv, b));
    assertThat(r.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(r.getBody().get("detail").asString()).contains("belongs to customer " + a);
  }

  @Test
  void aCustomerWithServersCannotBeDeleted() {
    String cust = unique("cust");
    put("/api/customers/" + cust + "?provider=stw", customer(cust));
    String srv = unique("srv");
    put(
        "/api/servers/" + srv,
        "{\"id\":\"%s\",\"customer\":\"%s\",\"kind\":\"vps\",\"ownership\":\"provider\",\"address\":\"127.0.0.1\"}"
            .formatted(srv, cust));
    ResponseEntity<JsonNode> r =
        http.delete().uri("/api/customers/" + cust).retrieve().toEntity(JsonNode.class);
    assertThat(r.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(r.getBody().get("detail").asString()).contains(srv);
    assertThat(
            http.delete().uri("/api/servers/" + srv).retrieve().toBodilessEntity().getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(
            http.delete()
                .uri("/api/customers/" + cust)
                .retrieve()
                .toBodilessEntity()
                .getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
  }

  @Test
  void everyChangeIsAuditedWithBeforeAndAfter() {
    String cust = unique("cust");
    put("/api/customers/" + cust + "?provider=stw", customer(cust));
    put("/api/customers/" + cust, customer(cust).replace("Fjord AS", "Fjord Drift AS"));
    JsonNode trail =
        http.get().uri("/api/audit?entity=customer&id=" + cust).retrieve().body(JsonNode.class);
    assertThat(trail.size()).isEqualTo(2);
    assertThat(trail.at("/0/action").asString()).isEqualTo("update");
    assertThat(trail.at("/0/before/name").asString()).isEqualTo("Fjord AS");
    assertThat(trail.at("/0/after/name").asString()).isEqualTo("Fjord Drift AS");
    assertThat(trail.at("/1/action").asString()).isEqualTo("create");
    assertThat(trail.at("/1/actor").asString()).isEqualTo(ADMIN);
  }
}
