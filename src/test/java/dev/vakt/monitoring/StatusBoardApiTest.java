package dev.vakt.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vakt.IntegrationTest;
import dev.vakt.catalog.Catalog;
import dev.vakt.catalog.CatalogService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/**
 * The staff's status board (issue 7): {@code GET /api/monitoring/services} filtered by customer,
 * state, type and text in one request, problems first, paged; {@code GET /api/monitoring/summary}
 * counts per state. A service that is not monitored is "unchecked", never up (SLA-11). Two
 * customers of 10 services each, really checked on loopback ({@link BoardWorld}).
 */
class StatusBoardApiTest extends IntegrationTest {

  private static final BoardWorld WORLD = new BoardWorld(2);
  private static String p;

  @Autowired CatalogService catalog;
  @Autowired MonitoringService monitoring;

  @BeforeEach
  void world() {
    if (p != null) {
      return;
    }
    p = unique("board");
    Catalog c = catalog.read("board.yaml", WORLD.yaml(p, new int[] {10, 10}, "1s"));
    assertThat(c.problems()).isEmpty();
    catalog.importCatalog(c, "test");
    monitoring.sync();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> summary("q=" + p).path("counts").path("pending").asLong() == 0);
  }

  @AfterAll
  static void close() {
    WORLD.close();
  }

  private JsonNode summary(String query) {
    return http.get()
        .uri("/api/monitoring/summary?" + query)
        .retrieve()
        .toEntity(JsonNode.class)
        .getBody();
  }

  private ResponseEntity<JsonNode> board(String query) {
    return http.get().uri("/api/monitoring/services?" + query).retrieve().toEntity(JsonNode.class);
  }

  // Services 0-9 are customer c0's, 10-19 c1's: critical 3, 10, 17; unchecked 9, 19 (ftp, not
  // watched) and 11 (switched off); the rest ok.
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          one customer                  | customer=P-c0                    | 10 | critical
          customer and state            | customer=P-c1&state=critical     |  2 | critical
          state over all customers      | q=P&state=critical               |  3 | critical
          two states                    | q=P&state=critical,unchecked     |  6 | critical
          not monitored is never up     | q=P&state=unchecked              |  3 | unchecked
          type                          | q=P&type=ftp                     |  2 | unchecked
          type and customer             | customer=P-c0&type=tcp           |  9 | critical
          text in the service id        | q=P-s1                           | 11 | critical
          up                            | q=P&state=ok                     | 14 | ok
          no match                      | customer=P-c0&q=nothing-here     |  0 |
          """)
  void filtersOnTheServerProblemsFirst(String name, String query, int total, String first) {
    ResponseEntity<JsonNode> r = board(query.replace("P", p));

    assertThat(r.getStatusCode().value()).isEqualTo(200);
    assertThat(r.getHeaders().getFirst("X-Total-Count")).isEqualTo(Integer.toString(total));
    assertThat(r.getBody()).hasSize(total);
    if (total > 0) {
      assertThat(r.getBody().get(0).path("board").asString()).isEqualTo(first);
    }
    List<Integer> ranks = new ArrayList<>();
    for (JsonNode s : r.getBody()) {
      ranks.add(
          List.of("critical", "warning", "unknown", "pending", "unchecked", "ok")
              .indexOf(s.path("board").asString()));
      int n = Integer.parseInt(s.path("serviceId").asString().substring(p.length() + 2));
      assertThat(s.path("board").asString()).as(s.toString()).isEqualTo(BoardWorld.expected(n));
    }
    assertThat(ranks).isSorted();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          all of the provider | q=P           | 20 | 3 | 3 | 14
          one customer        | customer=P-c1 | 10 | 2 | 2 |  6
          one type            | q=P&type=tcp  | 18 | 3 | 1 | 14
          """)
  void summaryCountsEveryStateOfTheFilter(
      String name, String query, long total, long critical, long unchecked, long ok) {
    JsonNode s = summary(query.replace("P", p));

    assertThat(s.path("total").asLong()).isEqualTo(total);
    assertThat(s.path("counts").path("critical").asLong()).isEqualTo(critical);
    assertThat(s.path("counts").path("unchecked").asLong()).isEqualTo(unchecked);
    assertThat(s.path("counts").path("ok").asLong()).isEqualTo(ok);
    assertThat(s.path("counts").path("warning").asLong()).isZero();
    assertThat(s.path("counts").path("pending").asLong()).isZero();
  }

  @ParameterizedTest(name = "page {0} of size 8")
  @CsvSource({"0, 8, next", "1, 8, next", "2, 4, prev"})
  void pagesInTheBoardsOrder(int page, int size, String rel) {
    ResponseEntity<JsonNode> r = board("q=" + p + "&size=8&page=" + page);

    assertThat(r.getHeaders().getFirst("X-Total-Count")).isEqualTo("20");
    assertThat(r.getHeaders().getFirst("X-State-Counts"))
        .isEqualTo("critical=3, warning=0, unknown=0, pending=0, unchecked=3, ok=14");
    assertThat(r.getBody()).hasSize(size);
    assertThat(r.getHeaders().getFirst("Link")).contains("rel=\"" + rel + "\"");
    if (page == 0) {
      assertThat(r.getBody().get(0).path("board").asString()).isEqualTo("critical");
      assertThat(r.getBody().get(3).path("board").asString()).isEqualTo("unchecked");
    }
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource({"state, down", "type, gopher", "size, 0", "page, -1"})
  void refusesWhatItCannotFilterBy(String field, String value) {
    ResponseEntity<JsonNode> r = board(field + "=" + value);

    assertThat(r.getStatusCode().value()).isEqualTo(400);
    assertThat(r.getBody().toString()).contains(field);
  }

  @org.junit.jupiter.api.Test
  void rowsCarryCustomerServerAndType() {
    JsonNode row = board("q=" + p + "-s3&size=1").getBody().get(0);

    assertThat(row.path("serviceId").asString()).isEqualTo(p + "-s3");
    assertThat(row.path("customerName").asString()).isEqualTo("Kunde 0 AS");
    assertThat(row.path("server").asString()).isEqualTo(p + "-srv0");
    assertThat(row.path("type").asString()).isEqualTo("tcp");
    assertThat(row.path("state").asString()).isEqualTo("critical");
    assertThat(row.path("lastReason").asString()).isNotBlank();
  }
}
