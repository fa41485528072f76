package dev.vakt.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.common.DocumentReader;
import java.util.List;

/** Builds small contract documents as YAML and reads them the way {@code vakt validate} does. */
final class ContractYaml {

  static final DocumentReader READER = new DocumentReader(ContractDocuments.KINDS);

  /** Terms every provider in these tests sets, so that merged terms are complete. */
  static final String BASE_TERMS =
      """
      timeZone: Europe/Copenhagen
      currency: DKK
      language: da
      holidays: DK
      """;

  private ContractYaml() {}

  static String provider(String id, int version, String from, String terms) {
    return head("Provider", id, version, from)
        + "name: Provider "
        + id
        + "\ncountry: DK\n"
        + terms(terms);
  }

  static String product(String id, int version, String from, String terms) {
    return head("Product", id, version, from)
        + "provider: bdn\nname: Product "
        + id
        + "\nprices:\n  DKK: 1000 DKK\n"
        + terms(terms);
  }

  static String contract(
      String id, int version, String from, String product, String start, String terms) {
    return contract(id, version, from, "acme", product, List.of(), start, null, terms);
  }

  static String contract(
      String id,
      int version,
      String from,
      String customer,
      String product,
      List<String> addOns,
      String start,
      String end,
      String terms) {
    return head("Contract", id, version, from)
        + "provider: bdn\ncustomer: "
        + customer
        + "\nproduct: "
        + product
        + "\n"
        + (addOns.isEmpty() ? "" : "addOns: [" + String.join(", ", addOns) + "]\n")
        + "start: "
        + start
        + "\n"
        + (end == null ? "" : "end: " + end + "\n")
        + terms(terms);
  }

  static String special(
      String id, int version, String from, String until, String contract, String terms) {
    return head("SpecialAgreement", id, version, from)
        + (until == null ? "" : "until: " + until + "\n")
        + "contract: "
        + contract
        + "\nreference: e-mail 2024-02-01\n"
        + terms(terms);
  }

  /** Joins documents into one multi-document file. */
  static String file(String... documents) {
    return String.join("---\n", documents);
  }

  /** Reads documents that must be valid one by one. */
  static DocumentReader.Result read(String... documents) {
    DocumentReader.Result r = READER.read("contracts.yaml", file(documents));
    assertThat(r.problems()).as("documents read without problems").isEmpty();
    return r;
  }

  /** Reads valid documents and returns them as terms documents. */
  static List<TermsDocument> docs(String... documents) {
    return read(documents).documents().stream().map(l -> (TermsDocument) l.value()).toList();
  }

  static TermsResolver resolver(String... documents) {
    return new TermsResolver(docs(documents));
  }

  private static String head(String kind, String id, int version, String from) {
    return "apiVersion: vakt/v1\nkind: "
        + kind
        + "\nid: "
        + id
        + "\nversion: "
        + version
        + "\neffectiveFrom: "
        + from
        + "\n";
  }

  private static String terms(String terms) {
    if (terms == null || terms.isBlank()) {
      return "";
    }
    return "terms:\n" + terms.stripTrailing().indent(2);
  }
}
