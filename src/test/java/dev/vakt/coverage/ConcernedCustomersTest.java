package dev.vakt.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.catalog.Catalog;
import dev.vakt.contract.ContractDocument;
import dev.vakt.contract.ProductDocument;
import dev.vakt.contract.TermsDocument;
import dev.vakt.contract.TermsResolver;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A stored version concerns exactly the customers whose terms it can change, and a resolver
 * extended with it answers as one built from all documents (K-1, K-2; issue 18: an import binds
 * only what it adds).
 */
class ConcernedCustomersTest {

  static final List<TermsDocument> WORLD =
      Catalog.read("world.yaml", CoverageWorld.world()).terms();

  private static TermsDocument find(String kind, String id) {
    return WORLD.stream().filter(d -> d.kind().equals(kind) && d.id().equals(id)).findFirst().get();
  }

  @Test
  void k2_aProductConcernsTheCustomersWhoseContractsNameIt() {
    TermsResolver r = new TermsResolver(WORLD);
    assertThat(r.customersConcerned(find("Product", "hosting"))).containsExactly("acme", "solo");
    assertThat(r.customersConcerned(find("Product", "colo"))).containsExactly("acme");
    assertThat(r.customersConcerned(find("Provider", "p"))).containsExactly("acme", "solo");
    assertThat(r.customersConcerned(find("Contract", "solo-hosting"))).containsExactly("solo");
  }

  @Test
  void k1_aResolverExtendedWithANewVersionAnswersAsOneBuiltFromEverything() {
    ContractDocument v1 = (ContractDocument) find("Contract", "solo-hosting");
    ContractDocument v2 =
        new ContractDocument(
            v1.id(),
            2,
            LocalDate.of(2027, 1, 1),
            v1.provider(),
            v1.customer(),
            v1.product(),
            v1.addOns(),
            v1.start(),
            null,
            "order 2",
            List.of(),
            null);
    TermsResolver before = new TermsResolver(WORLD);
    TermsResolver extended = before.with(List.of(v2));
    List<TermsDocument> all = new java.util.ArrayList<>(WORLD);
    all.add(v2);
    TermsResolver whole = new TermsResolver(all);
    for (LocalDate day : List.of(LocalDate.of(2026, 12, 31), LocalDate.of(2027, 1, 1))) {
      assertThat(extended.resolve("solo-hosting", day).orElseThrow().layers())
          .isEqualTo(whole.resolve("solo-hosting", day).orElseThrow().layers());
    }
    // The resolver it was made from does not change.
    assertThat(before.resolve("solo-hosting", LocalDate.of(2027, 1, 1)).orElseThrow().layers())
        .extracting(l -> l.version())
        .containsExactly(1, 1, 1);
    assertThat(ProductDocument.class).isNotNull();
  }
}
