package dev.vakt.portal;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vakt.common.Money;
import dev.vakt.contract.ContractLine;
import dev.vakt.contract.ResolvedTerms;
import dev.vakt.coverage.Coverage;
import dev.vakt.coverage.Subject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What {@code GET /api/coverage/services/{id}} and {@code …/servers/{id}} answer (issue 18,
 * docs/portal.md): which contract version and line govern a service or server at an instant, the
 * contract's zone and local date, whether it is covered and why, and the terms' layers.
 *
 * @param kind {@code service} or {@code server}
 * @param id the service's or server's id
 * @param at the instant asked about
 * @param customer the customer it belongs to
 * @param provider the customer's provider; null when unknown
 * @param contract the covering contract version; null when no contract covers it
 * @param line the covering line; null when the customer's only contract covers it without lines, or
 *     when nothing covers it
 * @param zone the contract's time zone
 * @param localDate the day in {@code zone} at {@code at}
 * @param covered whether the contract covers it
 * @param reason why, or why not
 * @param coverageVersion the version of the coverage index that answered
 * @param layers the documents the contract's terms come from, bottom layer first; empty without a
 *     contract
 */
// Absent values are written as null: "no line" is an answer, not a missing field.
@JsonInclude(JsonInclude.Include.ALWAYS)
record CoverageAnswer(
    String kind,
    String id,
    Instant at,
    String customer,
    String provider,
    Contract contract,
    Line line,
    String zone,
    LocalDate localDate,
    boolean covered,
    Reason reason,
    long coverageVersion,
    List<Layer> layers) {

  /** A contract version. */
  record Contract(String id, int version) {}

  /**
   * A contract line.
   *
   * @param product the product bought: the line's, else the contract's main product
   * @param price the agreed price per unit; null: the product's price
   */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record Line(String id, String product, int quantity, Money price, String clause) {}

  /** Why it is covered or not: a stable code and the reason in words (English). */
  record Reason(String code, String text) {}

  /** One document the terms are layered from. */
  record Layer(String kind, String id, int version, LocalDate effectiveFrom) {}

  static CoverageAnswer of(Coverage c, Instant at) {
    ContractLine l = c.line();
    return new CoverageAnswer(
        c.subject() instanceof Subject.Service ? "service" : "server",
        c.subject().id(),
        at,
        c.customer(),
        c.provider(),
        c.contract() == null ? null : new Contract(c.contract().id(), c.contract().version()),
        l == null
            ? null
            : new Line(l.id(), l.productUnder(c.contract()), l.quantity(), l.price(), l.clause()),
        c.zone().getId(),
        c.localDate(),
        c.covered(),
        new Reason(c.reason().name(), c.reason().text()),
        c.version(),
        c.terms() == null ? List.of() : layers(c.terms()));
  }

  private static List<Layer> layers(ResolvedTerms t) {
    return t.layers().stream()
        .map(x -> new Layer(x.kind(), x.id(), x.version(), x.effectiveFrom()))
        .toList();
  }
}
