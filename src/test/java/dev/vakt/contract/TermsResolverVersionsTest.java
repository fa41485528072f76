package dev.vakt.contract;

import static dev.vakt.contract.ContractYaml.BASE_TERMS;
import static dev.vakt.contract.ContractYaml.contract;
import static dev.vakt.contract.ContractYaml.docs;
import static dev.vakt.contract.ContractYaml.product;
import static dev.vakt.contract.ContractYaml.provider;
import static dev.vakt.contract.ContractYaml.resolver;
import static dev.vakt.contract.ContractYaml.special;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * K-1: terms are versioned documents; a change applies from its date and never rewrites what
 * applied before.
 */
class TermsResolverVersionsTest {

  private static final String PROVIDER_V1 =
      provider("bdn", 1, "2024-01-01", BASE_TERMS + "monitoring:\n  maxAttempts: 1\n");
  private static final String PROVIDER_V2 =
      provider("bdn", 2, "2024-07-01", BASE_TERMS + "monitoring:\n  maxAttempts: 2\n");
  private static final String BASIC_V1 =
      product("basic", 1, "2024-01-01", "network:\n  uplinkMbit: 100\n");
  private static final String BASIC_V2 =
      product("basic", 2, "2024-04-01", "network:\n  uplinkMbit: 1000\n");
  private static final String PLUS_V1 =
      product("plus", 1, "2024-01-01", "network:\n  uplinkMbit: 10000\n");
  private static final String C1_V1 =
      contract("c-1", 1, "2024-01-01", "basic", "2024-01-01", "backup:\n  included: false\n");
  private static final String C1_V2 =
      contract("c-1", 2, "2024-09-01", "plus", "2024-01-01", "backup:\n  included: true\n");

  private static final TermsResolver RESOLVER =
      resolver(PROVIDER_V1, PROVIDER_V2, BASIC_V1, BASIC_V2, PLUS_V1, C1_V1, C1_V2);

  private static ResolvedTerms on(String day) {
    return RESOLVER.resolve("c-1", LocalDate.parse(day)).orElseThrow();
  }

  @DisplayName("K-1: each layer's version is the one in effect on the day asked about")
  @ParameterizedTest(name = "{0}: provider v{1}, {2} v{3}, contract v{4}")
  @CsvSource({
    "2024-01-01, 1, basic, 1, 1",
    "2024-03-31, 1, basic, 1, 1",
    "2024-04-01, 1, basic, 2, 1",
    "2024-06-30, 1, basic, 2, 1",
    "2024-07-01, 2, basic, 2, 1",
    "2024-08-31, 2, basic, 2, 1",
    "2024-09-01, 2, plus, 1, 2",
    "2030-01-01, 2, plus, 1, 2"
  })
  void versionInEffect(
      String day, int providerVersion, String product, int productVersion, int contractVersion) {
    ResolvedTerms r = on(day);
    assertThat(r.layers())
        .extracting(ResolvedTerms.Layer::label)
        .containsExactly(
            "Provider bdn v" + providerVersion,
            "Product " + product + " v" + productVersion,
            "Contract c-1 v" + contractVersion);
  }

  @DisplayName("K-1: the day before a new version gets the old terms, its first day the new ones")
  @Test
  void changeTakesEffectOnItsDate() {
    assertThat(on("2024-06-30").terms().monitoring().maxAttempts()).isEqualTo(1);
    assertThat(on("2024-07-01").terms().monitoring().maxAttempts()).isEqualTo(2);
    assertThat(on("2024-03-31").terms().network().uplinkMbit()).isEqualTo(100);
    assertThat(on("2024-04-01").terms().network().uplinkMbit()).isEqualTo(1000);
    assertThat(on("2024-08-31").terms().backup().included()).isFalse();
    assertThat(on("2024-09-01").terms().backup().included()).isTrue();
    assertThat(on("2024-09-01").terms().network().uplinkMbit()).isEqualTo(10000);
    assertThat(on("2024-09-01").sources()).containsEntry("/network/uplinkMbit", "Product plus v1");
  }

  @DisplayName("K-1: adding a new version never changes the answer for an earlier day")
  @Test
  void neverRewritesHistory() {
    TermsResolver before = resolver(PROVIDER_V1, BASIC_V1, C1_V1);
    for (String day : List.of("2024-01-01", "2024-03-31")) {
      LocalDate d = LocalDate.parse(day);
      assertThat(RESOLVER.resolve("c-1", d)).isEqualTo(before.resolve("c-1", d));
    }
    assertThat(RESOLVER.resolve("c-1", LocalDate.parse("2024-04-01")))
        .isNotEqualTo(before.resolve("c-1", LocalDate.parse("2024-04-01")));
  }

  @DisplayName("K-1: the order documents are given in does not matter")
  @Test
  void orderOfDocumentsIrrelevant() {
    List<TermsDocument> shuffled =
        new ArrayList<>(docs(PROVIDER_V1, PROVIDER_V2, BASIC_V1, BASIC_V2, PLUS_V1, C1_V1, C1_V2));
    Collections.reverse(shuffled);
    TermsResolver reversed = new TermsResolver(shuffled);
    for (String day : List.of("2024-01-01", "2024-04-01", "2024-07-01", "2024-09-01")) {
      LocalDate d = LocalDate.parse(day);
      assertThat(reversed.resolve("c-1", d)).isEqualTo(RESOLVER.resolve("c-1", d));
    }
  }

  @DisplayName("K-1: a special agreement with 'until' applies only from its date to that day")
  @ParameterizedTest(name = "{0}: maxAttempts {1}")
  @CsvSource({
    "2024-02-29, 1, false",
    "2024-03-01, 9, true",
    "2024-03-15, 9, true",
    "2024-03-31, 9, true",
    "2024-04-01, 1, false"
  })
  void specialAgreementUntil(String day, int maxAttempts, boolean applies) {
    TermsResolver r =
        resolver(
            PROVIDER_V1,
            BASIC_V1,
            C1_V1,
            special(
                "sa-1", 1, "2024-03-01", "2024-03-31", "c-1", "monitoring:\n  maxAttempts: 9\n"));
    ResolvedTerms t = r.resolve("c-1", LocalDate.parse(day)).orElseThrow();
    assertThat(t.terms().monitoring().maxAttempts()).isEqualTo(maxAttempts);
    assertThat(t.layers().stream().anyMatch(l -> l.id().equals("sa-1"))).isEqualTo(applies);
  }

  @DisplayName("K-1: a later version of a special agreement replaces the earlier one")
  @Test
  void specialAgreementVersions() {
    TermsResolver r =
        resolver(
            PROVIDER_V1,
            BASIC_V1,
            C1_V1,
            special("sa-1", 1, "2024-02-01", null, "c-1", "monitoring:\n  maxAttempts: 9\n"),
            special("sa-1", 2, "2024-05-01", "2024-05-31", "c-1", "network:\n  uplinkMbit: 5\n"));
    ResolvedTerms april = r.resolve("c-1", LocalDate.parse("2024-04-30")).orElseThrow();
    ResolvedTerms may = r.resolve("c-1", LocalDate.parse("2024-05-01")).orElseThrow();
    ResolvedTerms june = r.resolve("c-1", LocalDate.parse("2024-06-01")).orElseThrow();
    assertThat(april.terms().monitoring().maxAttempts()).isEqualTo(9);
    assertThat(may.terms().monitoring().maxAttempts()).isEqualTo(1);
    assertThat(may.terms().network().uplinkMbit()).isEqualTo(5);
    assertThat(may.layers())
        .extracting(ResolvedTerms.Layer::label)
        .contains("SpecialAgreement sa-1 v2");
    assertThat(june.layers())
        .extracting(ResolvedTerms.Layer::kind)
        .doesNotContain("SpecialAgreement");
  }

  @DisplayName("K-1: a contract has no terms before it starts, after it ends or before v1")
  @ParameterizedTest(name = "{0}: runs={1}")
  @CsvSource({
    "2023-12-31, false",
    "2024-01-31, false",
    "2024-02-01, true",
    "2024-12-31, true",
    "2025-01-01, false"
  })
  void contractRunsFromStartToEnd(String day, boolean runs) {
    TermsResolver r =
        resolver(
            PROVIDER_V1,
            BASIC_V1,
            contract(
                "c-1",
                1,
                "2024-01-01",
                "acme",
                "basic",
                List.of(),
                "2024-02-01",
                "2024-12-31",
                null));
    assertThat(r.resolve("c-1", LocalDate.parse(day)).isPresent()).isEqualTo(runs);
    assertThat(r.contractsOf("acme", LocalDate.parse(day)).isEmpty()).isEqualTo(!runs);
  }

  @DisplayName("K-1: an unknown contract has no terms")
  @Test
  void unknownContract() {
    assertThat(RESOLVER.resolve("c-404", LocalDate.parse("2024-05-01"))).isEmpty();
  }

  @DisplayName("K-1: a contract version that ends the contract takes effect on its date")
  @Test
  void laterVersionEndsContract() {
    TermsResolver r =
        resolver(
            PROVIDER_V1,
            BASIC_V1,
            C1_V1,
            contract(
                "c-1",
                2,
                "2024-06-01",
                "acme",
                "basic",
                List.of(),
                "2024-01-01",
                "2024-06-30",
                null));
    assertThat(r.resolve("c-1", LocalDate.parse("2024-05-31")).orElseThrow().layers())
        .extracting(ResolvedTerms.Layer::label)
        .contains("Contract c-1 v1");
    assertThat(r.resolve("c-1", LocalDate.parse("2024-06-30")).orElseThrow().layers())
        .extracting(ResolvedTerms.Layer::label)
        .contains("Contract c-1 v2");
    assertThat(r.resolve("c-1", LocalDate.parse("2024-07-01"))).isEmpty();
  }

  @DisplayName("K-1, K-2: forCustomer gives every running contract of that customer only")
  @Test
  void forCustomer() {
    TermsResolver r =
        resolver(
            PROVIDER_V1,
            BASIC_V1,
            PLUS_V1,
            contract("c-1", 1, "2024-01-01", "acme", "basic", List.of(), "2024-01-01", null, null),
            contract("c-2", 1, "2024-01-01", "acme", "plus", List.of(), "2024-03-01", null, null),
            contract(
                "c-3",
                1,
                "2024-01-01",
                "acme",
                "plus",
                List.of(),
                "2024-01-01",
                "2024-02-29",
                null),
            contract(
                "c-4", 1, "2024-01-01", "other", "basic", List.of(), "2024-01-01", null, null));
    LocalDate day = LocalDate.parse("2024-03-01");
    assertThat(r.forCustomer("acme", day))
        .extracting(ResolvedTerms::contract)
        .containsExactlyInAnyOrder("c-1", "c-2");
    assertThat(r.forCustomer("acme", day))
        .allSatisfy(t -> assertThat(t.customer()).isEqualTo("acme"));
    assertThat(r.forCustomer("acme", day))
        .filteredOn(t -> t.contract().equals("c-2"))
        .singleElement()
        .satisfies(t -> assertThat(t.terms().network().uplinkMbit()).isEqualTo(10000));
    assertThat(r.forCustomer("acme", LocalDate.parse("2024-02-29")))
        .extracting(ResolvedTerms::contract)
        .containsExactlyInAnyOrder("c-1", "c-3");
    assertThat(r.forCustomer("other", day))
        .extracting(ResolvedTerms::contract)
        .containsExactly("c-4");
    assertThat(r.forCustomer("nobody", day)).isEmpty();
  }
}
