package dev.vakt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/**
 * Contracts as data, end to end over HTTP and PostgreSQL: import, layering, versioning that never
 * rewrites history, and "which terms applied to customer C on date D".
 */
class TermsApiTest extends IntegrationTest {

  private static final MediaType YAML = MediaType.parseMediaType("application/yaml;charset=UTF-8");

  /** A provider, a product priced in two currencies, one customer and its contract. */
  static String setUp(String p) {
    return """
        apiVersion: vakt/v1
        kind: Provider
        id: %1$s
        version: 1
        effectiveFrom: 2024-01-01
        name: Test Provider AS
        terms:
          timeZone: Europe/Oslo
          currency: NOK
          language: nb
          sla:
            uptime: { target: 99.9, measurement: { period: consecutive-months, length: 3 } }
            maxRestoreTime: 48h
          support:
            rates: [{ name: standard, price: 1000.00 NOK, per: 1h, increment: 15m, freeUpTo: 5m }]
        ---
        apiVersion: vakt/v1
        kind: Product
        id: %1$s-vps
        version: 1
        effectiveFrom: 2024-01-01
        provider: %1$s
        name: VPS
        prices: { NOK: 199.00 NOK, EUR: 17.50 EUR }
        terms:
          sla:
            availability: { target: 99.995, measurement: { period: trailing-days, length: 30 }, credit: { kind: whole-days-until-met } }
        ---
        apiVersion: vakt/v1
        kind: Contract
        id: %1$s-c1
        version: 1
        effectiveFrom: 2024-02-01
        provider: %1$s
        customer: %1$s-acme
        product: %1$s-vps
        start: 2024-02-01
        terms:
          sla:
            uptime: { target: 99.95 }
        ---
        apiVersion: vakt/v1
        kind: Inventory
        provider: %1$s
        customers:
          - id: %1$s-acme
            name: Ærlig Økonomi Åsane AS
            contacts: [{ name: Kåre Næss, email: kare@acme.example, emergency: true, verified: true, language: nb }]
        """
        .formatted(p);
  }

  ResponseEntity<JsonNode> importYaml(String yaml) {
    return http.post()
        .uri("/api/import")
        .contentType(YAML)
        .body(yaml)
        .retrieve()
        .toEntity(JsonNode.class);
  }

  JsonNode termsOn(String customer, LocalDate day) {
    return http.get()
        .uri("/api/customers/{c}/terms?date={d}", customer, day)
        .retrieve()
        .body(JsonNode.class);
  }

  @Test
  void layersMergeWithTheContractOverTheProductOverTheProvider_K2() {
    String p = unique("tp");
    assertThat(importYaml(setUp(p)).getStatusCode()).isEqualTo(HttpStatus.OK);

    JsonNode resolved = termsOn(p + "-acme", LocalDate.of(2024, 6, 1)).get(0);
    JsonNode sla = resolved.at("/terms/sla");
    assertThat(sla.at("/uptime/target").decimalValue()).isEqualByComparingTo("99.95"); // contract
    assertThat(sla.at("/uptime/measurement/length").asInt()).isEqualTo(3); // provider
    assertThat(sla.at("/availability/target").decimalValue())
        .isEqualByComparingTo("99.995"); // product
    assertThat(sla.at("/maxRestoreTime").asString()).isEqualTo("48h");
    assertThat(resolved.at("/sources/~1sla~1uptime~1target").asString())
        .isEqualTo("Contract " + p + "-c1 v1");
    assertThat(resolved.at("/sources/~1sla~1uptime~1measurement~1length").asString())
        .isEqualTo("Provider " + p + " v1");
    assertThat(resolved.at("/layers").size()).isEqualTo(3);
  }

  @Test
  void productsKeepAPricePerCurrency_K3() {
    String p = unique("tp");
    importYaml(setUp(p));
    JsonNode product =
        http.get().uri("/api/documents/Product/{id}/1", p + "-vps").retrieve().body(JsonNode.class);
    assertThat(product.at("/prices/NOK").asString()).isEqualTo("199.00 NOK");
    assertThat(product.at("/prices/EUR").asString()).isEqualTo("17.50 EUR");
  }

  @Test
  void noTermsBeforeTheContractStarts_K1() {
    String p = unique("tp");
    importYaml(setUp(p));
    assertThat(termsOn(p + "-acme", LocalDate.of(2024, 1, 31)).isEmpty()).isTrue();
    assertThat(termsOn(p + "-acme", LocalDate.of(2024, 2, 1)).size()).isEqualTo(1);
  }

  @Test
  void reimportingTheSameDocumentsChangesNothing_K1() {
    String p = unique("tp");
    importYaml(setUp(p));
    JsonNode again = importYaml(setUp(p)).getBody();
    assertThat(again.get("stored").isEmpty()).isTrue();
    assertThat(again.get("unchanged").size()).isEqualTo(3);
    assertThat(again.get("inventoryChanges").asInt()).isZero();
  }

  @Test
  void aStoredVersionCannotBeChanged_K1() {
    String p = unique("tp");
    importYaml(setUp(p));
    ResponseEntity<JsonNode> r = importYaml(setUp(p).replace("target: 99.95", "target: 99.99"));
    assertThat(r.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
    assertThat(r.getBody().at("/errors/0/reason").asString())
        .contains("already stored with different content");
    assertThat(r.getBody().at("/errors/0/field").asString()).isEqualTo("/version");
  }

  @Test
  void aNewVersionCannotTakeEffectInThePast_K1() {
    String p = unique("tp");
    importYaml(setUp(p));
    ResponseEntity<JsonNode> r = importYaml(contractV2(p, LocalDate.now().minusDays(10), "99.99"));
    assertThat(r.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
    assertThat(r.getBody().at("/errors/0/reason").asString()).contains("is in the past");
  }

  @Test
  void aNewVersionAppliesFromItsDateAndEarlierDaysKeepTheOldTerms_K1() {
    String p = unique("tp");
    importYaml(setUp(p));
    LocalDate from = LocalDate.now().plusDays(30);
    ResponseEntity<JsonNode> r = importYaml(contractV2(p, from, "99.99"));
    assertThat(r.getStatusCode()).isEqualTo(HttpStatus.OK);

    assertThat(
            termsOn(p + "-acme", from.minusDays(1)).at("/0/terms/sla/uptime/target").decimalValue())
        .isEqualByComparingTo("99.95");
    assertThat(termsOn(p + "-acme", from).at("/0/terms/sla/uptime/target").decimalValue())
        .isEqualByComparingTo("99.99");
    assertThat(termsOn(p + "-acme", from).at("/0/layers/2/version").asInt()).isEqualTo(2);
  }

  @Test
  void theDatabaseRefusesToRewriteStoredTerms_K1() {
    String p = unique("tp");
    importYaml(setUp(p));
    assertThatThrownBy(
            () ->
                jdbc.sql("update terms_document set effective_from = '2020-01-01' where id = :id")
                    .param("id", p)
                    .update())
        .rootCause()
        // Two guards (ADR 0016): the application role may not UPDATE or DELETE here at all,
        // and the append-only trigger stops even the owner.
        .hasMessageMatching("(?s).*(append-only|permission denied).*");
    assertThatThrownBy(
            () -> jdbc.sql("delete from terms_document where id = :id").param("id", p).update())
        .rootCause()
        // Two guards (ADR 0016): the application role may not UPDATE or DELETE here at all,
        // and the append-only trigger stops even the owner.
        .hasMessageMatching("(?s).*(append-only|permission denied).*");
  }

  @Test
  void invalidDocumentsAreRejectedWithLineAndField() {
    ResponseEntity<JsonNode> r =
        importYaml(setUp(unique("tp")).replace("currency: NOK", "currency: NOKK"));
    assertThat(r.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(r.getHeaders().getContentType().toString()).startsWith("application/problem+json");
    JsonNode e = r.getBody().at("/errors/0");
    assertThat(e.get("line").asInt()).isEqualTo(9);
    assertThat(e.get("field").asString()).isEqualTo("/terms/currency");
    assertThat(e.get("reason").asString()).contains("ISO 4217");
  }

  @Test
  void aYamlBodyWithoutCharsetIsReadAsUtf8() {
    // curl --data-binary @file sends the file's bytes with no charset: Norwegian names must
    // survive.
    String p = unique("tp");
    byte[] bytes = setUp(p).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    ResponseEntity<JsonNode> r =
        http.post()
            .uri("/api/import")
            .contentType(MediaType.parseMediaType("application/yaml"))
            .body(bytes)
            .retrieve()
            .toEntity(JsonNode.class);
    assertThat(r.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode c = http.get().uri("/api/customers/{c}", p + "-acme").retrieve().body(JsonNode.class);
    assertThat(c.get("name").asString()).isEqualTo("Ærlig Økonomi Åsane AS");
  }

  @Test
  void anExportImportsBackUnchanged() {
    String p = unique("tp");
    importYaml(setUp(p));
    String export = http.get().uri("/api/export").retrieve().body(String.class);
    assertThat(export).contains("id: \"" + p + "-c1\"").contains("kind: \"Inventory\"");
    assertThat(export).contains("Ærlig Økonomi Åsane AS").contains("Kåre Næss");
    ResponseEntity<JsonNode> r = importYaml(export);
    assertThat(r.getStatusCode()).as(String.valueOf(r.getBody())).isEqualTo(HttpStatus.OK);
    JsonNode again = r.getBody();
    assertThat(again.get("stored").isEmpty()).isTrue();
    assertThat(again.get("inventoryChanges").asInt()).isZero();
  }

  static String contractV2(String p, LocalDate from, String target) {
    return """
        apiVersion: vakt/v1
        kind: Contract
        id: %1$s-c1
        version: 2
        effectiveFrom: %2$s
        provider: %1$s
        customer: %1$s-acme
        product: %1$s-vps
        start: 2024-02-01
        terms:
          sla:
            uptime: { target: %3$s }
        """
        .formatted(p, from, target);
  }
}
