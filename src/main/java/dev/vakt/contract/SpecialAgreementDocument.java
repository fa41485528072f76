package dev.vakt.contract;

import static dev.vakt.common.InvalidField.check;
import static dev.vakt.common.InvalidField.required;

import dev.vakt.common.Ids;
import java.time.LocalDate;

/**
 * A special agreement with one customer: the top layer, overriding the contract (STW 1.0: "de
 * spesifikke vilkårene ha forrang"; DG: "det som særskilt er avtalt mellom partene går foran").
 *
 * @param id agreement id
 * @param version version number
 * @param effectiveFrom first day it applies
 * @param until last day it applies, or null
 * @param contract the contract it modifies
 * @param reference where it is written down (required: it was agreed in writing)
 * @param terms the overriding terms
 */
public record SpecialAgreementDocument(
    String id,
    Integer version,
    LocalDate effectiveFrom,
    LocalDate until,
    String contract,
    String reference,
    Terms terms)
    implements TermsDocument {

  public SpecialAgreementDocument {
    Ids.require("id", id);
    Versions.check(version, effectiveFrom);
    check(
        until == null || !until.isBefore(effectiveFrom),
        "until",
        "ends (" + until + ") before it takes effect (" + effectiveFrom + ")");
    Ids.require("contract", contract);
    required("reference", reference);
    check(!reference.isBlank(), "reference", "must say where the agreement is written down");
    terms = terms == null ? Terms.empty() : terms;
  }

  /** Whether it applies on {@code day}. */
  public boolean appliesOn(LocalDate day) {
    return !day.isBefore(effectiveFrom) && (until == null || !day.isAfter(until));
  }

  @Override
  public String kind() {
    return "SpecialAgreement";
  }
}
