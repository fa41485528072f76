package dev.vakt.contract;

import static dev.vakt.contract.ContractYaml.BASE_TERMS;
import static dev.vakt.contract.ContractYaml.contract;
import static dev.vakt.contract.ContractYaml.product;
import static dev.vakt.contract.ContractYaml.provider;
import static dev.vakt.contract.ContractYaml.resolver;
import static dev.vakt.contract.ContractYaml.special;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.common.Money;
import dev.vakt.common.Percent;
import dev.vakt.common.ServiceType;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * K-2: specific terms override general ones, layer by layer: provider defaults < product < add-ons
 * in the order listed < customer contract < special agreements.
 */
class TermsResolverLayeringTest {

  private static final LocalDate DAY = LocalDate.parse("2024-03-15");

  private static final String PROVIDER =
      provider(
          "bdn",
          1,
          "2024-01-01",
          BASE_TERMS
              + """
              monitoring:
                interval: 5m
                timeout: 30s
                maxAttempts: 1
                services: [ping, ssh, http, smtp]
                thresholds:
                  diskWarning: 80
                  diskCritical: 95
              network:
                uplinkMbit: 1000
              sla:
                uptime:
                  target: 99.9
                  measurement:
                    period: consecutive-months
                    length: 3
                  credit:
                    kind: fee-percent
                    tiers:
                      - below: 99.9
                        credit: 10
              """);

  private static final String BASIC =
      product(
          "basic",
          1,
          "2024-01-01",
          """
          monitoring:
            maxAttempts: 2
            retryInterval: 1m
          sla:
            uptime:
              target: 99.95
          """);

  private static final String ADDON_A =
      product(
          "addon-a",
          1,
          "2024-01-01",
          """
          monitoring:
            maxAttempts: 3
          backup:
            included: true
            offsite: true
          """);

  private static final String ADDON_B =
      product(
          "addon-b",
          1,
          "2024-01-01",
          """
          monitoring:
            maxAttempts: 4
          backup:
            included: false
          """);

  private static final String CONTRACT_TERMS =
      """
      monitoring:
        maxAttempts: 5
        services: [http]
        thresholds:
          diskWarning: 85
      sla:
        uptime:
          credit:
            kind: whole-days-until-met
      """;

  private static final String C1 =
      contract(
          "c-1",
          1,
          "2024-01-01",
          "acme",
          "basic",
          List.of("addon-a", "addon-b"),
          "2024-01-01",
          null,
          CONTRACT_TERMS);

  private static final String C2 =
      contract(
          "c-2",
          1,
          "2024-01-01",
          "acme",
          "basic",
          List.of("addon-b", "addon-a"),
          "2024-01-01",
          null,
          CONTRACT_TERMS);

  private static final String SA1 =
      special("sa-1", 1, "2024-03-01", null, "c-1", "monitoring:\n  maxAttempts: 6\n");

  private static final TermsResolver RESOLVER =
      resolver(PROVIDER, BASIC, ADDON_A, ADDON_B, C1, C2, SA1);

  private static ResolvedTerms c1() {
    return RESOLVER.resolve("c-1", DAY).orElseThrow();
  }

  @DisplayName("K-2: the layers are provider, product, add-ons as listed, contract, special")
  @Test
  void layerOrder() {
    ResolvedTerms r = c1();
    assertThat(r.layers())
        .extracting(ResolvedTerms.Layer::label)
        .containsExactly(
            "Provider bdn v1",
            "Product basic v1",
            "Product addon-a v1",
            "Product addon-b v1",
            "Contract c-1 v1",
            "SpecialAgreement sa-1 v1");
    assertThat(r.contract()).isEqualTo("c-1");
    assertThat(r.customer()).isEqualTo("acme");
    assertThat(r.provider()).isEqualTo("bdn");
    assertThat(r.day()).isEqualTo(DAY);
  }

  @DisplayName("K-2: a value set by every layer comes from the top one")
  @Test
  void topLayerWins() {
    ResolvedTerms r = c1();
    assertThat(r.terms().monitoring().maxAttempts()).isEqualTo(6);
    assertThat(r.sources()).containsEntry("/monitoring/maxAttempts", "SpecialAgreement sa-1 v1");
  }

  @DisplayName("K-2: without the special agreement, the contract's value; add-ons in listed order")
  @Test
  void withoutSpecialAgreement() {
    ResolvedTerms c1 = RESOLVER.resolve("c-1", LocalDate.parse("2024-02-29")).orElseThrow();
    assertThat(c1.terms().monitoring().maxAttempts()).isEqualTo(5);
    assertThat(c1.sources()).containsEntry("/monitoring/maxAttempts", "Contract c-1 v1");
    assertThat(c1.layers()).hasSize(5);
  }

  @DisplayName("K-2: add-ons are layered in the order the contract lists them")
  @Test
  void addOnOrder() {
    ResolvedTerms c1 = c1();
    ResolvedTerms c2 = RESOLVER.resolve("c-2", DAY).orElseThrow();
    assertThat(c1.terms().backup().included()).isFalse();
    assertThat(c1.sources()).containsEntry("/backup/included", "Product addon-b v1");
    assertThat(c2.terms().backup().included()).isTrue();
    assertThat(c2.sources()).containsEntry("/backup/included", "Product addon-a v1");
    assertThat(c2.layers())
        .extracting(ResolvedTerms.Layer::id)
        .containsExactly("bdn", "basic", "addon-b", "addon-a", "c-2");
    // a key only one add-on sets survives the other add-on
    assertThat(c1.terms().backup().offsite()).isTrue();
    assertThat(c1.sources()).containsEntry("/backup/offsite", "Product addon-a v1");
  }

  @DisplayName("K-2: mappings merge key by key, each value keeping the layer that set it")
  @ParameterizedTest(name = "{0} from {1}")
  @CsvSource({
    "/timeZone, Provider bdn v1",
    "/currency, Provider bdn v1",
    "/monitoring/interval, Provider bdn v1",
    "/monitoring/timeout, Provider bdn v1",
    "/monitoring/retryInterval, Product basic v1",
    "/monitoring/thresholds/diskWarning, Contract c-1 v1",
    "/monitoring/thresholds/diskCritical, Provider bdn v1",
    "/network/uplinkMbit, Provider bdn v1",
    "/sla/uptime/target, Product basic v1",
    "/sla/uptime/measurement/period, Provider bdn v1",
    "/sla/uptime/measurement/length, Provider bdn v1",
    "/backup/included, Product addon-b v1",
    "/monitoring/maxAttempts, SpecialAgreement sa-1 v1"
  })
  void provenance(String pointer, String layer) {
    assertThat(c1().sources()).containsEntry(pointer, layer);
  }

  @DisplayName("K-2: the merged values are those of the layers named in sources")
  @Test
  void mergedValues() {
    Terms t = c1().terms();
    assertThat(t.timeZone()).isEqualTo(ZoneId.of("Europe/Copenhagen"));
    assertThat(t.monitoring().interval()).isEqualTo(Duration.ofMinutes(5));
    assertThat(t.monitoring().timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(t.monitoring().retryInterval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(t.monitoring().thresholds().diskWarning()).isEqualTo(Percent.of("85"));
    assertThat(t.monitoring().thresholds().diskCritical()).isEqualTo(Percent.of("95"));
    assertThat(t.sla().uptime().target().value()).isEqualTo(new BigDecimal("99.95"));
    assertThat(t.sla().uptime().measurement())
        .isEqualTo(new SlaTerms.Measurement(SlaTerms.PeriodKind.CONSECUTIVE_MONTHS, 3));
    assertThat(t.network().uplinkMbit()).isEqualTo(1000);
  }

  @DisplayName("K-2: a list is replaced whole, never merged item by item")
  @Test
  void listsReplacedWhole() {
    ResolvedTerms r = c1();
    assertThat(r.terms().monitoring().services()).containsExactly(ServiceType.HTTP);
    assertThat(r.sources()).containsEntry("/monitoring/services", "Contract c-1 v1");
    assertThat(r.sources().keySet()).noneMatch(p -> p.startsWith("/monitoring/services/"));
  }

  @DisplayName("K-2: a mapping with a kind replaces the lower one whole (no stray tiers)")
  @Test
  void kindReplacedWhole() {
    ResolvedTerms r = c1();
    assertThat(r.terms().sla().uptime().credit())
        .isEqualTo(new SlaTerms.Credit.WholeDaysUntilMet());
    assertThat(r.sources()).containsEntry("/sla/uptime/credit/kind", "Contract c-1 v1");
    assertThat(r.sources().keySet()).noneMatch(p -> p.startsWith("/sla/uptime/credit/tiers"));
    // below the contract, the provider's credit rule is intact
    ResolvedTerms other =
        resolver(PROVIDER, BASIC, contract("c-9", 1, "2024-01-01", "basic", "2024-01-01", null))
            .resolve("c-9", DAY)
            .orElseThrow();
    assertThat(other.terms().sla().uptime().credit())
        .isInstanceOfSatisfying(
            SlaTerms.Credit.FeePercent.class,
            f ->
                assertThat(f.tiers())
                    .singleElement()
                    .satisfies(t -> assertThat(t.credit()).isEqualTo(Percent.of("10"))));
    assertThat(other.sources()).containsEntry("/sla/uptime/credit/tiers", "Provider bdn v1");
  }

  @DisplayName("K-2: a credit rule without its kind is refused: a layer replaces it whole")
  @Test
  void kindlessCreditRefused() {
    var result =
        ContractYaml.READER.read(
            "c.yaml",
            contract(
                "c-9",
                1,
                "2024-01-01",
                "basic",
                "2024-01-01",
                """
                sla:
                  uptime:
                    credit:
                      tiers:
                        - below: 99.5
                          credit: 25
                """));
    assertThat(result.documents()).isEmpty();
    assertThat(result.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.field()).startsWith("/terms/sla/uptime/credit");
              assertThat(p.reason()).startsWith("needs a kind");
            });
  }

  @DisplayName("K-2: changing only the invoice fee amount keeps the lower layer's exemptions")
  @Test
  void invoiceFeeAmountOnly() {
    ResolvedTerms r =
        resolver(
                provider(
                    "bdn",
                    1,
                    "2024-01-01",
                    BASE_TERMS
                        + "billing:\n  invoiceFee:\n    amount: 49 DKK\n    exempt: [card]\n"),
                BASIC,
                contract(
                    "c-9",
                    1,
                    "2024-01-01",
                    "basic",
                    "2024-01-01",
                    "billing:\n  invoiceFee:\n    amount: 29 DKK\n"))
            .resolve("c-9", DAY)
            .orElseThrow();
    assertThat(r.terms().billing().invoiceFee().amount()).isEqualTo(Money.of("29", "DKK"));
    assertThat(r.terms().billing().invoiceFee().exempt())
        .containsExactly(BillingTerms.PaymentMethod.CARD);
    assertThat(r.sources()).containsEntry("/billing/invoiceFee/exempt", "Provider bdn v1");
  }

  @DisplayName("K-2: a special agreement only changes the contract it names")
  @Test
  void specialAgreementOnlyForItsContract() {
    ResolvedTerms c2 = RESOLVER.resolve("c-2", DAY).orElseThrow();
    assertThat(c2.terms().monitoring().maxAttempts()).isEqualTo(5);
    assertThat(c2.layers())
        .extracting(ResolvedTerms.Layer::kind)
        .doesNotContain("SpecialAgreement");
  }

  @DisplayName("K-2: of two special agreements the later one wins; on the same day, by id")
  @Test
  void specialAgreementOrder() {
    TermsResolver r =
        resolver(
            PROVIDER,
            BASIC,
            contract("c-9", 1, "2024-01-01", "basic", "2024-01-01", null),
            special("sa-z", 1, "2024-02-01", null, "c-9", "monitoring:\n  maxAttempts: 7\n"),
            special("sa-b", 1, "2024-03-01", null, "c-9", "monitoring:\n  maxAttempts: 8\n"),
            special("sa-a", 1, "2024-03-01", null, "c-9", "network:\n  uplinkMbit: 10\n"));
    ResolvedTerms t = r.resolve("c-9", DAY).orElseThrow();
    assertThat(t.layers())
        .extracting(ResolvedTerms.Layer::id)
        .containsExactly("bdn", "basic", "c-9", "sa-z", "sa-a", "sa-b");
    assertThat(t.terms().monitoring().maxAttempts()).isEqualTo(8);
    assertThat(t.sources()).containsEntry("/monitoring/maxAttempts", "SpecialAgreement sa-b v1");
    assertThat(t.terms().network().uplinkMbit()).isEqualTo(10);
  }

  @DisplayName("K-2: a layer that sets nothing changes nothing")
  @Test
  void emptyLayers() {
    TermsResolver bare =
        resolver(PROVIDER, contract("c-9", 1, "2024-01-01", "basic", "2024-01-01", null));
    TermsResolver withEmpty =
        resolver(
            PROVIDER,
            product("basic", 1, "2024-01-01", null),
            contract("c-9", 1, "2024-01-01", "basic", "2024-01-01", null),
            special("sa-1", 1, "2024-01-01", null, "c-9", null));
    ResolvedTerms a = bare.resolve("c-9", DAY).orElseThrow();
    ResolvedTerms b = withEmpty.resolve("c-9", DAY).orElseThrow();
    assertThat(b.terms()).isEqualTo(a.terms());
    assertThat(b.sources()).isEqualTo(a.sources());
    assertThat(b.layers()).hasSize(4);
  }
}
