package dev.vakt.outage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.IntegrationTest;
import dev.vakt.catalog.CatalogService;
import dev.vakt.common.TimeSpans;
import dev.vakt.contract.ContractService;
import dev.vakt.contract.OutageCategory;
import dev.vakt.sla.SlaCalculator;
import dev.vakt.sla.SlaEvents;
import dev.vakt.sla.SlaRequest;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

/**
 * Outages and SLA reports over the API against the real database: the monitoring ledger's hard
 * changes become downtime, staff reclassify it with a reason and the history keeps who and when,
 * customers report faults, and the exported events recompute the same report offline.
 */
class OutageApiTest extends IntegrationTest {

  private static final String CUSTOMER = "bdn-skovly";
  private static final String HTTPS = "bdn-skovly-web1-https";
  private static final String PERIOD = "from=2025-10-01&to=2026-01-01";

  @Autowired CatalogService catalog;
  @Autowired ContractService contracts;

  private static Duration duration(JsonNode node) {
    return TimeSpans.duration(node.asString());
  }

  @BeforeEach
  void examples() {
    catalog.importCatalog(catalog.read(List.of(Path.of("examples/bdn"))), "test");
  }

  private void change(String service, String at, String from, String to) {
    stateChange(service, Instant.parse(at), from, to);
  }

  private JsonNode get(String uri) {
    return http.get().uri(uri).retrieve().body(JsonNode.class);
  }

  @Test
  void downtimeFromTheLedgerReclassifiedWithHistoryAndRecomputedFromTheExport_SLA1_SLA2_SLA4() {
    // Monitored and up since before the period, then 3 hours down (SLA-1: from the hard failure).
    change(HTTPS, "2025-09-30T00:00:00Z", null, "ok");
    change(HTTPS, "2025-11-10T10:00:00Z", "ok", "critical");
    change(HTTPS, "2025-11-10T13:00:00Z", "critical", "ok");

    JsonNode report = get("/api/customers/" + CUSTOMER + "/sla?" + PERIOD + "&service=" + HTTPS);
    JsonNode service = report.path("services").get(0);
    assertThat(duration(service.path("period").path("downtime"))).isEqualTo(Duration.ofHours(3));
    assertThat(service.path("outages")).hasSize(1);

    // SLA-2: staff reclassify the 3 hours as customer-caused, with a reason.
    var reclassified =
        post(
            "/api/customers/" + CUSTOMER + "/reclassifications",
            Map.of(
                "service", HTTPS,
                "from", "2025-11-10T10:00:00Z",
                "to", "2025-11-10T13:00:00Z",
                "category", "customer-caused",
                "reason", "customer's own plugin update broke the site (ticket 4711)"));
    assertThat(reclassified.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode after = get("/api/customers/" + CUSTOMER + "/sla?" + PERIOD + "&service=" + HTTPS);
    assertThat(duration(after.path("services").get(0).path("period").path("downtime"))).isZero();

    JsonNode history = get("/api/customers/" + CUSTOMER + "/sla/history");
    JsonNode last = history.get(history.size() - 1);
    assertThat(last.path("by").asString()).isEqualTo(ADMIN);
    assertThat(last.path("event").path("type").asString()).isEqualTo("reclassify");
    assertThat(last.path("event").path("reason").asString()).contains("ticket 4711");

    // Anyone can recompute: the exported events and the contract give the same figures offline.
    String jsonl =
        http.get()
            .uri(
                "/api/customers/"
                    + CUSTOMER
                    + "/sla/events?from=2025-09-30T22:00:00Z&to=2025-12-31T23:00:00Z")
            .retrieve()
            .body(String.class);
    var read = SlaEvents.read(new StringReader(jsonl), "export.jsonl");
    assertThat(read.problems()).isEmpty();
    assertThat(read.events())
        .anySatisfy(e -> assertThat(e).isInstanceOf(dev.vakt.sla.SlaEvent.Reclassify.class));
    assertThat(jsonl).contains("\"type\":\"state\"").contains("\"state\":\"critical\"");
    var offline =
        SlaCalculator.report(
            SlaRequest.ofDates(
                contracts.termsFor(CUSTOMER, LocalDate.parse("2025-12-31")).getFirst().terms(),
                List.of(HTTPS),
                read.events(),
                LocalDate.parse("2025-10-01"),
                LocalDate.parse("2026-01-01"),
                Instant.parse("2026-01-02T00:00:00Z")));
    var offlineService = offline.services().getFirst().period();
    assertThat(offlineService.downtime()).isZero();
    assertThat(offlineService.categories())
        .anySatisfy(
            c -> {
              assertThat(c.category()).isEqualTo(OutageCategory.CUSTOMER_CAUSED);
              assertThat(c.time()).isEqualTo(Duration.ofHours(3));
              assertThat(c.excluded()).isTrue();
            });
  }

  @Test
  void aCustomerReportCountsFromReceiptUntilFixed_SLA1() {
    var reported =
        post(
            "/api/customers/" + CUSTOMER + "/reports",
            Map.of("service", "bdn-skovly-web1-ssh", "reason", "cannot log in"));
    assertThat(reported.getStatusCode()).isEqualTo(HttpStatus.OK);
    String id = reported.getBody().path("id").asString();
    assertThat(reported.getBody().path("at").asString()).isNotBlank();

    var fixed = post("/api/customers/" + CUSTOMER + "/reports/" + id + "/fixed", Map.of());
    assertThat(fixed.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(fixed.getBody().path("fixedAt").asString()).isNotBlank();
    assertThat(
            post("/api/customers/" + CUSTOMER + "/reports/" + id + "/fixed", Map.of())
                .getStatusCode())
        .isEqualTo(HttpStatus.CONFLICT);
  }

  @Test
  void anotherCustomersServiceIsNotFound_DPA4() {
    var other =
        post(
            "/api/customers/" + CUSTOMER + "/reports",
            Map.of("service", "bdn-hav-web1-ping", "reason", "not ours"));
    assertThat(other.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(
            http.get()
                .uri("/api/customers/" + CUSTOMER + "/sla?" + PERIOD + "&service=bdn-hav-web1-ping")
                .retrieve()
                .toBodilessEntity()
                .getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void aReclassificationWithoutReasonIsRefusedNamingTheField() {
    var refused =
        post(
            "/api/customers/" + CUSTOMER + "/reclassifications",
            Map.of(
                "service", HTTPS,
                "from", "2025-11-10T10:00:00Z",
                "to", "2025-11-10T13:00:00Z",
                "category", "customer-caused"));
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getBody().path("errors").get(0).path("field").asString())
        .isEqualTo("/reason");
  }
}
