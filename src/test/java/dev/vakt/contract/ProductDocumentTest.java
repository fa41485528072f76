package dev.vakt.contract;

import static dev.vakt.contract.ContractYaml.BASE_TERMS;
import static dev.vakt.contract.ContractYaml.contract;
import static dev.vakt.contract.ContractYaml.provider;
import static dev.vakt.contract.ContractYaml.resolver;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vakt.common.DocumentReader;
import dev.vakt.common.InvalidField;
import dev.vakt.common.Money;
import java.time.LocalDate;
import java.time.Period;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** K-3: products and packages with one price per currency, versioned like all terms. */
class ProductDocumentTest {

  private static String managedHosting(int version, String from, String prices) {
    return """
        apiVersion: vakt/v1
        kind: Product
        id: managed-hosting-standard
        version: %d
        effectiveFrom: %s
        provider: swh
        name: Managed Hosting Standard
        category: managed-hosting
        unit: server
        billingPeriod: 1 month
        prices:
        %s
        terms:
          sla:
            maxTimeToAction: 1h
        """
        .formatted(version, from, prices.stripTrailing().indent(2).stripTrailing());
  }

  @DisplayName("K-3: a product has a price in each currency it is sold in")
  @Test
  void pricesPerCurrency() {
    DocumentReader.Result r =
        ContractYaml.READER.read(
            "p.yaml",
            managedHosting(1, "2024-01-01", "SEK: 1295 SEK\nEUR: 115.00 EUR\nNOK: 1290 NOK"));
    assertThat(r.problems()).isEmpty();
    ProductDocument p = (ProductDocument) r.documents().getFirst().value();
    assertThat(p.prices())
        .containsExactly(
            Map.entry("EUR", Money.of("115.00", "EUR")),
            Map.entry("NOK", Money.of("1290", "NOK")),
            Map.entry("SEK", Money.of("1295", "SEK")));
    assertThat(p.billingPeriod()).isEqualTo(Period.ofMonths(1));
    assertThat(p.unit()).isEqualTo("server");
    assertThat(p.category()).isEqualTo("managed-hosting");
    assertThat(p.label()).isEqualTo("Product managed-hosting-standard v1");
    assertThatThrownBy(() -> p.prices().put("DKK", Money.of("1", "DKK")))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @DisplayName("K-3: each price is checked at its own line")
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "SEK: 1295 SEK\\nEUR: 115 DKK|/prices/EUR|13|the price 115 DKK is listed under EUR",
        "SEK: -1 SEK|/prices/SEK|12|cannot be negative",
        "SEK: 1295.505 SEK|/prices/SEK|12|1295.505 has more decimals than SEK allows (2)",
        "sek: 1295 SEK|/prices/sek|12|'sek' is not an ISO 4217 currency code (e.g. NOK, DKK, SEK,"
            + " EUR)"
      })
  void badPrices(String prices, String field, int line, String reason) {
    DocumentReader.Result r =
        ContractYaml.READER.read(
            "p.yaml", managedHosting(1, "2024-01-01", prices.replace("\\n", "\n")));
    assertThat(r.documents()).isEmpty();
    assertThat(r.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.field()).isEqualTo(field);
              assertThat(p.line()).isEqualTo(line);
              assertThat(p.reason()).startsWith(reason);
            });
  }

  @DisplayName("K-3: a price without a currency is reported as a missing currency")
  @Test
  void priceWithoutCurrency() {
    DocumentReader.Result r =
        ContractYaml.READER.read("p.yaml", managedHosting(1, "2024-01-01", "SEK: 1295"));
    assertThat(r.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.field()).isEqualTo("/prices/SEK");
              assertThat(p.reason()).doesNotContain("mapping of fields").contains("1295");
            });
  }

  @DisplayName("K-3: the billing period must be positive")
  @Test
  void billingPeriod() {
    assertThatThrownBy(
            () ->
                new ProductDocument(
                    "p",
                    1,
                    LocalDate.parse("2024-01-01"),
                    "swh",
                    "P",
                    null,
                    null,
                    Period.ZERO,
                    null,
                    null))
        .isInstanceOfSatisfying(
            InvalidField.class, e -> assertThat(e.field()).isEqualTo("billingPeriod"));
  }

  @DisplayName("K-1, K-3: a new price applies from its version's date; old invoices keep the old")
  @Test
  void priceChangeIsANewVersion() {
    String v1 = managedHosting(1, "2024-01-01", "SEK: 1295 SEK");
    String v2 = managedHosting(2, "2025-01-01", "SEK: 1395 SEK");
    var docs = ContractYaml.docs(v1, v2);
    assertThat(docs)
        .extracting(d -> ((ProductDocument) d).prices().get("SEK"))
        .containsExactly(Money.of("1295", "SEK"), Money.of("1395", "SEK"));
    TermsResolver r =
        resolver(
            provider("swh", 1, "2024-01-01", BASE_TERMS).replace("country: DK", "country: SE"),
            v1,
            v2,
            contract("c-1", 1, "2024-01-01", "managed-hosting-standard", "2024-01-01", null)
                .replace("provider: bdn", "provider: swh"));
    assertThat(r.resolve("c-1", LocalDate.parse("2024-12-31")).orElseThrow().layers())
        .extracting(ResolvedTerms.Layer::label)
        .contains("Product managed-hosting-standard v1");
    assertThat(r.resolve("c-1", LocalDate.parse("2025-01-01")).orElseThrow().layers())
        .extracting(ResolvedTerms.Layer::label)
        .contains("Product managed-hosting-standard v2");
  }
}
