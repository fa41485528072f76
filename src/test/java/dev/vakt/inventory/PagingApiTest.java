package dev.vakt.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.IntegrationTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/**
 * The API's lists are paged one way (ADR 0014): a JSON array body, X-Total-Count, and RFC 8288 Link
 * headers to the first, previous, next and last pages; a bad page or size is a 400 naming it.
 */
class PagingApiTest extends IntegrationTest {

  private ResponseEntity<JsonNode> get(String uri) {
    return http.get().uri(uri).retrieve().toEntity(JsonNode.class);
  }

  private static String link(ResponseEntity<?> r) {
    return r.getHeaders().getFirst(HttpHeaders.LINK);
  }

  private String customerWithServers(int n) {
    String c = unique("paged");
    put(
        "/api/customers/" + c + "?provider=stw",
        """
        {"id":"%s","name":"Paged AS","country":"NO","language":"nb","email":"post@paged.example"}
        """
            .formatted(c));
    for (int i = 0; i < n; i++) {
      String s = c + "-srv" + i;
      assertThat(
              put(
                      "/api/servers/" + s,
                      """
                      {"id":"%s","customer":"%s","kind":"vps","ownership":"provider",
                       "address":"127.0.0.1"}
                      """
                          .formatted(s, c))
                  .getStatusCode()
                  .is2xxSuccessful())
          .isTrue();
    }
    return c;
  }

  @Test
  void serversComeInPagesWithTotalAndLinks() {
    String c = customerWithServers(5);
    String base = "/api/servers?customer=" + c;

    ResponseEntity<JsonNode> first = get(base + "&size=2");
    assertThat(first.getStatusCode().value()).isEqualTo(200);
    assertThat(first.getBody().isArray()).isTrue();
    assertThat(first.getBody().findValuesAsString("id")).containsExactly(c + "-srv0", c + "-srv1");
    assertThat(first.getHeaders().getFirst("X-Total-Count")).isEqualTo("5");
    assertThat(link(first))
        .contains("customer=" + c + "&page=0&size=2>; rel=\"first\"")
        .contains("page=1&size=2>; rel=\"next\"")
        .contains("page=2&size=2>; rel=\"last\"")
        .doesNotContain("rel=\"prev\"");

    ResponseEntity<JsonNode> next = get(nextOf(first));
    assertThat(next.getBody().findValuesAsString("id")).containsExactly(c + "-srv2", c + "-srv3");
    assertThat(link(next)).contains("rel=\"prev\"").contains("rel=\"next\"");

    ResponseEntity<JsonNode> last = get(base + "&size=2&page=2");
    assertThat(last.getBody().findValuesAsString("id")).containsExactly(c + "-srv4");
    assertThat(link(last)).contains("page=1&size=2>; rel=\"prev\"").doesNotContain("rel=\"next\"");

    ResponseEntity<JsonNode> beyond = get(base + "&size=2&page=9");
    assertThat(beyond.getBody()).isEmpty();
    assertThat(beyond.getHeaders().getFirst("X-Total-Count")).isEqualTo("5");
  }

  @Test
  void theDefaultPageIsAHundredAndTheAuditIsPagedNewestFirst() {
    String c = customerWithServers(2);
    // Three changes of one customer: create, then two replacements.
    for (String name : List.of("Paged AS 2", "Paged AS 3")) {
      put(
          "/api/customers/" + c,
          """
          {"id":"%s","name":"%s","country":"NO","language":"nb","email":"post@paged.example"}
          """
              .formatted(c, name));
    }
    ResponseEntity<JsonNode> all = get("/api/audit?entity=customer&id=" + c);
    assertThat(all.getHeaders().getFirst("X-Total-Count")).isEqualTo("3");
    ResponseEntity<JsonNode> newest = get("/api/audit?entity=customer&id=" + c + "&size=1");
    assertThat(newest.getBody()).hasSize(1);
    assertThat(newest.getBody().get(0).path("seq").asLong())
        .isEqualTo(all.getBody().get(0).path("seq").asLong());
    assertThat(link(newest)).contains("page=2&size=1>; rel=\"last\"");

    ResponseEntity<JsonNode> customers = get("/api/customers");
    long total = Long.parseLong(customers.getHeaders().getFirst("X-Total-Count"));
    assertThat(customers.getBody().size()).isEqualTo((int) Math.min(total, 100));
    assertThat(get("/api/documents?size=1").getHeaders().getFirst("X-Total-Count"))
        .isEqualTo(
            Long.toString(
                jdbc.sql("select count(*) from terms_document").query(Long.class).single()));
  }

  @Test
  void aBadPageOrSizeIsA400NamingIt() {
    for (String[] bad :
        List.of(
            new String[] {"/api/customers?page=-1", "page"},
            new String[] {"/api/services?size=0", "size"},
            new String[] {"/api/alerts?size=1001", "size"},
            new String[] {"/api/audit?page=abc", "page"})) {
      ResponseEntity<JsonNode> r = get(bad[0]);
      assertThat(r.getStatusCode().value()).as(bad[0]).isEqualTo(400);
      assertThat(r.getBody().at("/errors/0/field").asString()).as(bad[0]).isEqualTo(bad[1]);
    }
  }

  private static String nextOf(ResponseEntity<?> r) {
    for (String part : link(r).split(",\\s*")) {
      if (part.endsWith("rel=\"next\"")) {
        String url = part.substring(part.indexOf('<') + 1, part.indexOf('>'));
        return url.substring(url.indexOf("/api/"));
      }
    }
    throw new AssertionError("no next link in " + link(r));
  }
}
