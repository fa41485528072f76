package dev.vakt.contract;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The terms that applied to one contract on one day, with the layers they came from: the answer to
 * "which terms applied to customer C on date D" (K-1, K-2).
 *
 * @param contract the contract id
 * @param customer the customer id
 * @param provider the provider id
 * @param day the day asked about
 * @param layers the document versions used, bottom layer first
 * @param terms the merged, validated terms
 * @param sources for each value (as a JSON pointer into {@code terms}), the layer that set it
 */
public record ResolvedTerms(
    String contract,
    String customer,
    String provider,
    LocalDate day,
    List<Layer> layers,
    Terms terms,
    Map<String, String> sources) {

  /** One document version in the stack. */
  public record Layer(String kind, String id, int version, LocalDate effectiveFrom) {
    public String label() {
      return kind + " " + id + " v" + version;
    }
  }
}
