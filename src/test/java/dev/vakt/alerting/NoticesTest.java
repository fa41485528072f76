package dev.vakt.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.IntegrationTest;
import dev.vakt.catalog.CatalogService;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;

/**
 * ALR-6: important messages go to the customer's registered e-mail (and to its emergency list only
 * where the contract lists notices among the list's events); ALR-5: after a security disconnect the
 * customer's master-data contacts are told, in the customer's language; both once per recipient and
 * audited.
 */
class NoticesTest extends IntegrationTest {

  static final String CUSTOMER = "bdn-skovly";

  @Autowired CatalogService catalog;

  @BeforeEach
  void examples() {
    catalog.importCatalog(catalog.read(List.of(Path.of("examples/bdn"))), "test");
  }

  private List<String> recipients(String cause) {
    return jdbc.sql("select recipient from notification where cause = :c order by recipient")
        .param("c", cause)
        .query(String.class)
        .list();
  }

  @Test
  void anImportantMessageGoesToTheRegisteredAddressOnce_ALR6() {
    String ref = unique("news");
    var sent =
        post(
            "/api/customers/" + CUSTOMER + "/notices",
            Map.of("title", "Ny driftsportal", "text", "Fra 1. december ...", "ref", ref));
    assertThat(sent.getStatusCode()).isEqualTo(HttpStatus.OK);
    String cause = sent.getBody().path("cause").asString();
    // BDN's emergency list hears of outages and recoveries only (BDN 1.1.3), not of news.
    assertThat(recipients(cause)).containsExactly("web@skovly-moebler.example");
    // Sending the same reference again writes to nobody twice.
    int before = recipients(cause).size();
    post(
        "/api/customers/" + CUSTOMER + "/notices",
        Map.of("title", "Ny driftsportal", "text", "Fra 1. december ...", "ref", ref));
    assertThat(recipients(cause)).hasSize(before);
    assertThat(http.get().uri("/api/audit?entity=notice&id=" + cause).retrieve().body(String.class))
        .contains(cause);
  }

  @Test
  void aSecurityDisconnectIsToldToEveryMasterDataContactInTheirLanguage_ALR5() {
    var sent =
        post(
            "/api/customers/" + CUSTOMER + "/security-disconnects",
            Map.of(
                "server", "bdn-skovly-web1",
                "reason", "outgoing attack traffic from the server",
                "at", "2026-11-26T03:12:00Z"));
    assertThat(sent.getStatusCode()).isEqualTo(HttpStatus.OK);
    String cause = sent.getBody().path("cause").asString();
    assertThat(recipients(cause))
        .containsExactly(
            "mette.kjaer@skovly-moebler.example",
            "rasmus.holm@skovly-moebler.example",
            "sofie.lund@skovly-moebler.example",
            "web@skovly-moebler.example");
    String subject =
        jdbc.sql("select subject from notification where cause = :c limit 1")
            .param("c", cause)
            .query(String.class)
            .single();
    assertThat(subject).contains("bdn-skovly-web1").doesNotContain("Security:"); // Danish

    var wrong =
        post(
            "/api/customers/" + CUSTOMER + "/security-disconnects",
            Map.of("server", "bdn-hav-web1", "reason", "x"));
    assertThat(wrong.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
  }
}
