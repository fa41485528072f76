package dev.vakt.portal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.IntegrationTest;
import dev.vakt.catalog.CatalogService;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The portal's engines ask coverage (issue 18): the monthly SLA report and the data export take the
 * contract that covers the customer's services and the customer's local day, not the first contract
 * and the UTC day.
 */
class CoveredReportsTest extends IntegrationTest {

  private static final String P = "cvrep";

  @Autowired CatalogService catalog;
  @Autowired MonthlyReports reports;
  @Autowired CustomerExport export;

  @BeforeEach
  void world() {
    CoveredWorld.importWorld(catalog, P);
  }

  private List<String> sent(String customer, String month) {
    return jdbc.sql("select recipient from notification where cause = :c order by id")
        .param("c", "sla-report-" + customer + "-" + month)
        .query(String.class)
        .list();
  }

  @Test
  void k2_aCustomerWithAVpsAndADomainContractGetsTheVpsContractsReport_SlaReportDelivery() {
    // Nina's VPS is watched all May 2026 (Oslo). Her domain contract covers no server: the report
    // is the VPS contract's, where the first contract found, or a refusal of two, used to decide.
    String nina = P + "-nina";
    stateChange(P + "-vps-ping", Instant.parse("2026-04-30T22:00:00Z"), null, "ok");
    assertThat(reports.deliver(Instant.parse("2026-06-01T03:59:59Z"))).doesNotContain(nina);
    assertThat(reports.deliver(Instant.parse("2026-06-01T04:00:00Z"))).contains(nina);
    assertThat(sent(nina, "2026-05")).containsExactly("nina@p.example");
    String body =
        jdbc.sql("select body from notification where cause = :c")
            .param("c", "sla-report-" + nina + "-2026-05")
            .query(String.class)
            .single();
    assertThat(body).doesNotContain("{");
  }

  @Test
  void k1_theLastMonthOfAContractEndedOnItsLastLocalDayIsReported_SlaReportDelivery() {
    // The contract's last day is 30 April 2026; its month ends at Oslo midnight (22:00 UTC) and
    // the report goes out 6 hours later, when the UTC day has long been 1 May and no contract
    // runs: the month is reported because a contract ran on its last local day.
    String ended = P + "-ended";
    stateChange(P + "-old-ping", Instant.parse("2026-03-31T22:00:00Z"), null, "ok");
    assertThat(reports.deliver(Instant.parse("2026-05-01T03:59:59Z"))).doesNotContain(ended);
    assertThat(reports.deliver(Instant.parse("2026-05-01T04:00:00Z"))).contains(ended);
    assertThat(sent(ended, "2026-04")).containsExactly("post@ended.example");
    // A month after the contract: nothing was promised, nothing is sent.
    assertThat(reports.deliver(Instant.parse("2026-06-01T04:00:00Z"))).doesNotContain(ended);
    assertThat(sent(ended, "2026-05")).isEmpty();
  }

  @Test
  void k1_theExportAtOsloMidnightHoldsTheTermsVersionEffectiveThatDay_DPA5() throws IOException {
    // Version 2 of Acme's hosting contract takes effect on 2026-01-01: from 23:00 UTC the day
    // before in Oslo, the customer's today.
    JsonNode before = contracts(Instant.parse("2025-12-31T22:59:59Z"));
    JsonNode after = contracts(Instant.parse("2025-12-31T23:00:00Z"));
    assertThat(version(before, P + "-acme-hosting")).isEqualTo(1);
    assertThat(version(after, P + "-acme-hosting")).isEqualTo(2);
    assertThat(after.findValuesAsString("day")).containsOnly("2026-01-01");
    // Both of Acme's contracts (K-2): each with its own terms.
    assertThat(after.findValuesAsString("contract"))
        .containsExactlyInAnyOrder(P + "-acme-hosting", P + "-acme-colo");
  }

  private JsonNode contracts(Instant at) throws IOException {
    byte[] zip = export.export(P + "-acme", ADMIN, at);
    Map<String, String> files = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        files.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    return dev.vakt.common.Binder.MAPPER.readTree(files.get(P + "-acme/contracts.json"));
  }

  private static int version(JsonNode contracts, String contract) {
    for (JsonNode t : contracts) {
      if (t.get("contract").asString().equals(contract)) {
        for (JsonNode layer : t.get("layers")) {
          if (layer.get("kind").asString().equals("Contract")) {
            return layer.get("version").asInt();
          }
        }
      }
    }
    throw new AssertionError("no " + contract + " in " + contracts);
  }
}
