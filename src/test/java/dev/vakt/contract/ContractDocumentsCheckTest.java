package dev.vakt.contract;

import static dev.vakt.contract.ContractYaml.BASE_TERMS;
import static dev.vakt.contract.ContractYaml.contract;
import static dev.vakt.contract.ContractYaml.product;
import static dev.vakt.contract.ContractYaml.provider;
import static dev.vakt.contract.ContractYaml.special;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.vakt.common.Problem;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** K-1, K-2: the checks that need the whole set of documents. */
class ContractDocumentsCheckTest {

  private static final String PROVIDER = provider("bdn", 1, "2024-01-01", BASE_TERMS);
  private static final String BASIC = product("basic", 1, "2024-01-01", null);

  /** The file the last {@link #check} read, to find the lines problems should point at. */
  private String file = "";

  private List<Problem> check(String... documents) {
    file = ContractYaml.file(documents);
    return ContractDocuments.check(ContractYaml.read(documents).documents());
  }

  /**
   * The 1-based line in the last file of the first line of document {@code n} with {@code prefix}.
   */
  private int lineOf(int n, String prefix) {
    String[] all = file.split("\n", -1);
    int doc = 1;
    for (int i = 0; i < all.length; i++) {
      if (all[i].equals("---")) {
        doc++;
      } else if (doc == n && all[i].startsWith(prefix)) {
        return i + 1;
      }
    }
    throw new IllegalArgumentException(prefix + " not in document " + n);
  }

  @DisplayName("K-1, K-2: a consistent set of documents has no problems")
  @Test
  void consistent() {
    assertThat(
            check(
                PROVIDER,
                provider("bdn", 2, "2024-07-01", BASE_TERMS),
                BASIC,
                product("addon", 1, "2024-01-01", null),
                contract(
                    "c-1",
                    1,
                    "2024-01-01",
                    "acme",
                    "basic",
                    List.of("addon"),
                    "2024-01-01",
                    null,
                    null),
                contract("c-1", 2, "2024-06-01", "basic", "2024-01-01", null),
                special("sa-1", 1, "2024-02-01", "2024-02-29", "c-1", null)))
        .isEmpty();
  }

  @DisplayName("K-1: the same version twice is a problem at the second")
  @Test
  void duplicateVersion() {
    List<Problem> problems =
        check(
            PROVIDER,
            BASIC,
            contract("c-1", 1, "2024-01-01", "basic", "2024-01-01", null),
            contract("c-1", 1, "2024-02-01", "basic", "2024-01-01", null));
    assertThat(problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.field()).isEqualTo("/version");
              assertThat(p.reason())
                  .isEqualTo(
                      "Contract c-1 v1 is defined twice (also in contracts.yaml document 3)");
              assertThat(p.line()).isEqualTo(lineOf(4, "version:"));
            });
  }

  @DisplayName("K-1: two versions taking effect on the same day")
  @Test
  void sameEffectiveDay() {
    List<Problem> problems =
        check(
            PROVIDER,
            BASIC,
            contract("c-1", 1, "2024-01-01", "basic", "2024-01-01", null),
            contract("c-1", 2, "2024-01-01", "basic", "2024-01-01", null));
    assertThat(problems)
        .extracting(Problem::reason)
        .contains(
            "two versions of Contract c-1 take effect on 2024-01-01 (also contracts.yaml"
                + " document 3)");
    assertThat(problems).allSatisfy(p -> assertThat(p.field()).isEqualTo("/effectiveFrom"));
  }

  @DisplayName("K-1: a later version must take effect later")
  @Test
  void versionsOutOfOrder() {
    List<Problem> problems =
        check(
            PROVIDER,
            BASIC,
            contract("c-1", 2, "2024-01-01", "basic", "2024-01-01", null),
            contract("c-1", 1, "2024-06-01", "basic", "2024-01-01", null));
    assertThat(problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.field()).isEqualTo("/effectiveFrom");
              assertThat(p.reason())
                  .isEqualTo(
                      "Contract c-1 v2 takes effect on 2024-01-01, not after v1 (2024-06-01): a"
                          + " later version must take effect later");
              assertThat(p.line()).isEqualTo(lineOf(3, "effectiveFrom:"));
            });
  }

  @DisplayName("K-2: every layer a document names must exist")
  @Test
  void references() {
    List<Problem> problems =
        check(
            PROVIDER,
            product("lone", 1, "2024-01-01", null).replace("provider: bdn", "provider: ghost"),
            contract(
                "c-1",
                1,
                "2024-01-01",
                "acme",
                "nope",
                List.of("basic-x", "lone"),
                "2024-01-01",
                null,
                null),
            special("sa-1", 1, "2024-01-01", null, "c-404", null));
    assertThat(problems)
        .extracting(Problem::field, Problem::reason)
        .containsExactlyInAnyOrder(
            tuple("/provider", "provider 'ghost' is not defined in the documents given"),
            tuple("/product", "product 'nope' is not defined in the documents given"),
            tuple("/addOns/0", "product 'basic-x' is not defined in the documents given"),
            tuple("/addOns/1", "product lone is sold by ghost, not by bdn"),
            tuple("/contract", "contract 'c-404' is not defined in the documents given"));
  }

  @DisplayName("K-2: layers that clash are reported at the contract, naming the day and layer")
  @Test
  void unresolvable() {
    String c1 =
        contract("c-1", 1, "2024-01-01", "basic", "2024-01-01", "monitoring:\n  timeout: 5m\n");
    List<Problem> problems =
        check(
            provider("bdn", 1, "2024-01-01", BASE_TERMS + "monitoring:\n  interval: 10m\n"),
            provider("bdn", 2, "2024-07-01", BASE_TERMS + "monitoring:\n  interval: 1m\n"),
            BASIC,
            c1);
    assertThat(problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.field()).isEqualTo("/terms/monitoring/timeout");
              assertThat(p.reason())
                  .isEqualTo(
                      "on 2024-07-01 the layers merge into invalid terms: must not be longer than"
                          + " the interval (1m) (set by Contract c-1 v1)");
              assertThat(p.line()).isEqualTo(lineOf(4, "    timeout:"));
              assertThat(p.column()).isEqualTo(5);
            });
  }

  @DisplayName("K-2: the merged terms must set time zone, currency and language")
  @Test
  void incomplete() {
    List<Problem> problems =
        check(
            provider("bdn", 1, "2024-01-01", "timeZone: Europe/Copenhagen\nlanguage: da\n"),
            BASIC,
            contract("c-1", 1, "2024-01-01", "basic", "2024-01-01", null));
    assertThat(problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.field()).isEqualTo("/terms/currency");
              assertThat(p.reason())
                  .isEqualTo(
                      "no layer sets currency for 2024-01-01; set it in the provider's terms");
            });
  }

  @DisplayName("K-2: a contract may supply what the provider leaves out")
  @Test
  void completedByContract() {
    assertThat(
            check(
                provider("bdn", 1, "2024-01-01", "timeZone: Europe/Copenhagen\nlanguage: da\n"),
                BASIC,
                contract("c-1", 1, "2024-01-01", "basic", "2024-01-01", "currency: EUR\n")))
        .isEmpty();
  }
}
