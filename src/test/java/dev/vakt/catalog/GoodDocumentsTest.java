package dev.vakt.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.common.Money;
import dev.vakt.common.Percent;
import dev.vakt.contract.BackupTerms;
import dev.vakt.contract.BillingTerms;
import dev.vakt.contract.ContractDocument;
import dev.vakt.contract.ProductDocument;
import dev.vakt.contract.ProviderDocument;
import dev.vakt.contract.ResolvedTerms;
import dev.vakt.contract.SlaTerms;
import dev.vakt.contract.SpecialAgreementDocument;
import dev.vakt.contract.TermsResolver;
import dev.vakt.inventory.InventoryDocument;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The good path: {@code src/test/resources/good/layered.yaml} holds a provider, two products, two
 * versions of a contract, a special agreement and an inventory that read without a problem, and
 * whose layers resolve as K-1 and K-2 say.
 */
class GoodDocumentsTest {

  static final Path LAYERED = Path.of("src/test/resources/good/layered.yaml");

  @Test
  void layeredDocumentsHaveNoProblems() {
    Catalog catalog = Catalog.read(List.of(LAYERED));

    assertThat(catalog.problems()).isEmpty();
    assertThat(catalog.ok()).isTrue();
    assertThat(catalog.documents())
        .map(l -> l.value().getClass().getSimpleName())
        .containsExactly(
            ProviderDocument.class.getSimpleName(),
            ProductDocument.class.getSimpleName(),
            ProductDocument.class.getSimpleName(),
            ContractDocument.class.getSimpleName(),
            ContractDocument.class.getSimpleName(),
            SpecialAgreementDocument.class.getSimpleName(),
            InventoryDocument.class.getSimpleName());
    assertThat(catalog.inventories().getFirst().services()).hasSize(3);
  }

  @Test
  void everyGoodFileHasNoProblems() {
    assertThat(Catalog.read(List.of(Path.of("src/test/resources/good"))).problems()).isEmpty();
  }

  /** K-2: provider < product < add-on < contract < special agreement, each day on its own. */
  @Test
  void layersResolveDayByDay() {
    TermsResolver resolver = new TermsResolver(Catalog.read(List.of(LAYERED)).terms());

    ResolvedTerms february = resolver.resolve("c-1001", LocalDate.of(2024, 2, 15)).orElseThrow();
    assertThat(february.layers())
        .map(ResolvedTerms.Layer::label)
        .containsExactly(
            "Provider nordhost v1",
            "Product managed-hosting-standard v1",
            "Product extra-backup v1",
            "Contract c-1001 v1");
    SlaTerms.Objective uptime = february.terms().sla().uptime();
    assertThat(uptime.target()).isEqualTo(Percent.of("99.95"));
    assertThat(february.sources())
        .containsEntry("/sla/uptime/target", "Product managed-hosting-standard v1");
    assertThat(uptime.measurement().period()).isEqualTo(SlaTerms.PeriodKind.CALENDAR_MONTHS);
    assertThat(uptime.credit()).isInstanceOf(SlaTerms.Credit.FeePercent.class);
    assertThat(february.terms().backup().scope()).isEqualTo(BackupTerms.Scope.ALL_DATA);
    assertThat(february.terms().backup().retention().daily()).isEqualTo(7);
    assertThat(february.terms().billing().liabilityCap())
        .isEqualTo(new BillingTerms.LiabilityCap.Fixed(Money.of("100000.00", "NOK")));

    ResolvedTerms march = resolver.resolve("c-1001", LocalDate.of(2024, 3, 15)).orElseThrow();
    assertThat(march.layers().getLast().label())
        .isEqualTo("SpecialAgreement acme-weekend-support v1");
    assertThat(march.terms().sla().uptime().credit()).isInstanceOf(SlaTerms.Credit.None.class);
    assertThat(march.terms().sla().uptime().target()).isEqualTo(Percent.of("99.95"));
    assertThat(march.terms().support().hours()).hasSize(2);

    // K-1: version 2 of the contract takes effect on 1 July; history before it is unchanged.
    ResolvedTerms august = resolver.resolve("c-1001", LocalDate.of(2024, 8, 1)).orElseThrow();
    assertThat(august.layers()).map(ResolvedTerms.Layer::label).contains("Contract c-1001 v2");
    assertThat(august.terms().billing().liabilityCap())
        .isInstanceOf(BillingTerms.LiabilityCap.PriceWhenAgreed.class);

    ResolvedTerms january = resolver.resolve("c-1001", LocalDate.of(2025, 1, 15)).orElseThrow();
    assertThat(january.layers()).map(ResolvedTerms.Layer::kind).doesNotContain("SpecialAgreement");
    assertThat(january.terms().sla().uptime().credit())
        .isInstanceOf(SlaTerms.Credit.FeePercent.class);

    assertThat(resolver.resolve("c-1001", LocalDate.of(2026, 2, 1))).isEmpty();
  }
}
