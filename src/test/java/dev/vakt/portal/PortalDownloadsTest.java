package dev.vakt.portal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.IntegrationTest;
import dev.vakt.access.Accounts;
import dev.vakt.access.ApiTokens;
import dev.vakt.access.Role;
import dev.vakt.catalog.CatalogService;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * What a customer downloads: the SLA report as PDF ("SLA report delivery") with the very figures of
 * the JSON report, and all its data in one archive without any secret (DPA-5), each for its own
 * customer only (DPA-4).
 */
class PortalDownloadsTest extends IntegrationTest {

  private static final String SKOVLY = "bdn-skovly";
  private static final String HAV = "bdn-hav-og-land";
  private static final String MYSQL = "bdn-skovly-web1-mysql";
  private static final String PERIOD = "from=2025-10-01&to=2026-01-01";

  @Autowired CatalogService catalog;

  @BeforeEach
  void examples() {
    catalog.importCatalog(catalog.read(List.of(Path.of("examples/bdn"))), "test");
  }

  private RestClient as(Role role, String customer) {
    String user = unique("u");
    accounts.create(new Accounts.NewAccount(user, "portal password", role, customer), "test");
    String token = apiTokens.issue(user, "t", ApiTokens.Scope.READ, null, "test").value();
    return anonymous().mutate().defaultHeader("Authorization", "Bearer " + token).build();
  }

  private void change(String service, String at, String from, String to) {
    jdbc.sql(
            "insert into state_change (service_id, at, from_state, to_state, reason) values (:s, :at, :f, :t, 'test')")
        .param("s", service)
        .param("at", Timestamp.from(Instant.parse(at)))
        .param("f", from)
        .param("t", to)
        .update();
  }

  private static String text(byte[] pdf) throws IOException {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(doc);
    }
  }

  private static int status(RestClient client, String uri) {
    return client.get().uri(uri).retrieve().toBodilessEntity().getStatusCode().value();
  }

  @Test
  void theSlaPdfShowsTheFiguresOfTheJsonReportInTheCustomersLanguage_SlaReportDelivery()
      throws IOException {
    // 90 minutes down in the period: a figure that is not a round number.
    change(MYSQL, "2025-09-30T00:00:00Z", null, "ok");
    change(MYSQL, "2025-11-20T10:00:00Z", "ok", "critical");
    change(MYSQL, "2025-11-20T11:30:00Z", "critical", "ok");
    String query = "/api/customers/" + SKOVLY + "/sla?" + PERIOD + "&service=" + MYSQL;

    JsonNode json = http.get().uri(query).retrieve().body(JsonNode.class);
    ResponseEntity<byte[]> response =
        http.get().uri(query.replace("/sla?", "/sla.pdf?")).retrieve().toEntity(byte[].class);

    assertThat(response.getStatusCode().value()).isEqualTo(200);
    assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PDF);
    assertThat(response.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION))
        .isEqualTo("attachment; filename=\"bdn-skovly-sla-2025-10-01-2026-01-01.pdf\"");
    String pdf = text(response.getBody());
    JsonNode figures = json.path("services").get(0).path("figures");
    assertThat(figures.size()).isPositive();
    for (JsonNode figure : figures) {
      if (figure.path("achieved").isMissingNode() || figure.path("achieved").isNull()) {
        continue;
      }
      String achieved =
          new BigDecimal(figure.path("achieved").asString()).stripTrailingZeros().toPlainString();
      assertThat(achieved).isNotEqualTo("100");
      assertThat(pdf).as(figure.path("name").asString()).contains(achieved);
    }
    // Skovly's language is Danish: fixed labels from the Danish resource, the outage listed.
    assertThat(pdf)
        .contains("Serviceniveaurapport")
        .contains("Skovly Møbler ApS")
        .contains("2025-11-20 11:00") // 10:00 UTC in the contract's zone (Europe/Copenhagen)
        .contains("1:30:00")
        .contains("vakt sla")
        .contains("/api/customers/bdn-skovly/sla/events");
  }

  @Test
  void aCustomerViewerGetsItsOwnSlaPdfAndNotAnothersCustomers_DPA4() {
    RestClient viewer = as(Role.CUSTOMER_VIEWER, SKOVLY);
    assertThat(status(viewer, "/api/customers/" + SKOVLY + "/sla.pdf?" + PERIOD)).isEqualTo(200);
    assertThat(status(viewer, "/api/customers/" + HAV + "/sla.pdf?" + PERIOD)).isEqualTo(404);
  }

  private static Map<String, String> unzip(byte[] zip) throws IOException {
    Map<String, String> files = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        files.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    return files;
  }

  @Test
  void theExportHoldsAllTheCustomersDataAndNoSecret_DPA5() throws IOException {
    // One message to the customer's contact, one to a technician about the customer.
    String cause = unique("export-test");
    notification(cause + "/a", "jonas.friis@havogland.example", "Planned maintenance for you");
    notification(cause + "/b", "oncall@provider.example", "Internal: page the on-call technician");
    // Maintenance of both customers' servers: audited once per customer with the whole record.
    Instant from = Instant.now().plus(java.time.Duration.ofDays(10));
    var planned =
        http.post()
            .uri("/api/maintenance")
            .contentType(MediaType.APPLICATION_JSON)
            .body(
                Map.of(
                    "title",
                    "Export test: switch firmware",
                    "purpose",
                    "updates",
                    "from",
                    from.toString(),
                    "to",
                    from.plus(java.time.Duration.ofHours(1)).toString(),
                    "servers",
                    List.of("bdn-skovly-web1", "bdn-hav-web1"),
                    "override",
                    "test of the export, ticket 1"))
            .retrieve()
            .toEntity(JsonNode.class);
    assertThat(planned.getStatusCode().value()).isEqualTo(201);

    ResponseEntity<byte[]> response =
        http.get().uri("/api/customers/" + HAV + "/export").retrieve().toEntity(byte[].class);
    assertThat(response.getStatusCode().value()).isEqualTo(200);
    assertThat(response.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION))
        .startsWith("attachment; filename=\"bdn-hav-og-land-export-");
    Map<String, String> files = unzip(response.getBody());

    assertThat(files.keySet())
        .extracting(n -> n.substring(n.indexOf('/') + 1))
        .contains(
            "README.txt",
            "customer.json",
            "servers.json",
            "services.json",
            "contracts.json",
            "sla-events.jsonl",
            "sla-history.json",
            "maintenance.json",
            "patch-postponements.json",
            "audit.jsonl",
            "notifications.json");
    String all = String.join("\n", files.values());
    assertThat(files.get(HAV + "/customer.json")).contains("jonas.friis@havogland.example");
    assertThat(files.get(HAV + "/servers.json")).contains("bdn-hav-web1", "127.20.2.11");
    assertThat(files.get(HAV + "/services.json")).contains("bdn-hav-web1");
    assertThat(files.get(HAV + "/contracts.json")).contains("\"customer\"");
    assertThat(files.get(HAV + "/audit.jsonl")).contains("\"customerId\":\"" + HAV + "\"");
    // The audited maintenance as Hav og Land sees it: its own services, not Skovly's nor the
    // checks.
    assertThat(files.get(HAV + "/audit.jsonl")).contains("Export test: switch firmware");
    assertThat(files.get(HAV + "/maintenance.json")).contains("Export test: switch firmware");
    assertThat(files.get(HAV + "/notifications.json"))
        .contains("Planned maintenance for you")
        .doesNotContain("Internal: page the on-call technician");
    // No access path or secret reference, anywhere, also not in the audit entries' before/after.
    assertThat(all)
        .doesNotContain("BDN_SSH_KEY")
        .doesNotContain("bdn-hav-web1-ipmi")
        .doesNotContain("bdn-hav-web2-ipmi")
        .doesNotContain("bdn-ops")
        .doesNotContain("skovly");
    // Audited: who exported which customer's data.
    assertThat(
            jdbc.sql(
                    "select count(*) from audit_event where action = 'export' and entity = 'customer-data' and entity_id = :c and actor = :a")
                .param("c", HAV)
                .param("a", ADMIN)
                .query(Long.class)
                .single())
        .isPositive();
  }

  @Test
  void aCustomerAdminExportsItsOwnDataOnly_andAViewerNone_DPA5_DPA4() {
    RestClient admin = as(Role.CUSTOMER_ADMIN, SKOVLY);
    assertThat(status(admin, "/api/customers/" + SKOVLY + "/export")).isEqualTo(200);
    assertThat(status(admin, "/api/customers/" + HAV + "/export")).isEqualTo(404);
    RestClient viewer = as(Role.CUSTOMER_VIEWER, SKOVLY);
    assertThat(status(viewer, "/api/customers/" + SKOVLY + "/export")).isEqualTo(403);
  }

  private void notification(String cause, String recipient, String subject) {
    jdbc.sql(
            """
            insert into notification (dedup_key, customer_id, channel, recipient, language, template,
              subject, body, cause, next_attempt_at, created_at, state)
            values (:key, :customer, 'email', :recipient, 'en', 'maintenance-planned', :subject,
              'body', :cause, now(), now(), 'delivered')
            """)
        .param("key", cause + "/email:" + recipient)
        .param("customer", HAV)
        .param("recipient", recipient)
        .param("subject", subject)
        .param("cause", cause)
        .update();
  }
}
