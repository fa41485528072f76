package dev.vakt.contract;

import static dev.vakt.common.InvalidField.check;
import static dev.vakt.common.InvalidField.required;

import dev.vakt.common.Ids;
import java.time.LocalDate;
import java.util.List;

/**
 * A customer's contract: which product it buys from which provider, from when, and the terms that
 * differ from the product's.
 *
 * @param id contract id
 * @param version version number
 * @param effectiveFrom first day this version applies
 * @param provider the provider
 * @param customer the customer (an inventory id)
 * @param product the main product
 * @param addOns further products, layered over the main product in this order
 * @param start the day the contract starts
 * @param end the last day of the contract, or null while it runs
 * @param reference the signed agreement, order confirmation or invoice this encodes
 * @param lines what the contract buys and which servers and services each line covers (issue 18); a
 *     customer with one contract may leave them out: everything of the customer is then covered
 * @param terms terms agreed for this customer
 */
public record ContractDocument(
    String id,
    Integer version,
    LocalDate effectiveFrom,
    String provider,
    String customer,
    String product,
    List<String> addOns,
    LocalDate start,
    LocalDate end,
    String reference,
    List<ContractLine> lines,
    Terms terms)
    implements TermsDocument {

  public ContractDocument {
    Ids.require("id", id);
    Versions.check(version, effectiveFrom);
    Ids.require("provider", provider);
    Ids.require("customer", customer);
    Ids.require("product", product);
    addOns = addOns == null ? List.of() : List.copyOf(addOns);
    for (int i = 0; i < addOns.size(); i++) {
      Ids.require("addOns/" + i, addOns.get(i));
    }
    check(!addOns.contains(product), "addOns", "repeats the main product '" + product + "'");
    required("start", start);
    check(
        end == null || !end.isBefore(start),
        "end",
        "the contract ends (" + end + ") before it starts (" + start + ")");
    lines = lines == null ? List.of() : List.copyOf(lines);
    java.util.Set<String> lineIds = new java.util.HashSet<>();
    for (int i = 0; i < lines.size(); i++) {
      ContractLine l = lines.get(i);
      check(lineIds.add(l.id()), "lines/" + i + "/id", "line '" + l.id() + "' is listed twice");
      check(
          l.start() == null || !l.start().isBefore(start),
          "lines/" + i + "/start",
          "the line starts (" + l.start() + ") before the contract (" + start + ")");
      check(
          l.start() == null || end == null || !l.start().isAfter(end),
          "lines/" + i + "/start",
          "the line starts (" + l.start() + ") after the contract ends (" + end + ")");
    }
    terms = terms == null ? Terms.empty() : terms;
  }

  /** Whether the contract runs on {@code day}. */
  public boolean runsOn(LocalDate day) {
    return !day.isBefore(start) && (end == null || !day.isAfter(end));
  }

  @Override
  public String kind() {
    return "Contract";
  }
}
