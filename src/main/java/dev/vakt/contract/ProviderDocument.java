package dev.vakt.contract;

import static dev.vakt.common.InvalidField.check;
import static dev.vakt.common.InvalidField.required;

import dev.vakt.common.Country;
import dev.vakt.common.Ids;
import java.time.LocalDate;

/**
 * The provider's general terms: the bottom layer every contract starts from (K-2).
 *
 * @param id short id, e.g. {@code bdn}
 * @param version version number
 * @param effectiveFrom first day it applies
 * @param name legal name
 * @param country country of business
 * @param source the agreement text this encodes, e.g. "Salgs- og leveringsbetingelser, 2024"
 * @param terms the provider's default terms
 */
public record ProviderDocument(
    String id,
    Integer version,
    LocalDate effectiveFrom,
    String name,
    Country country,
    String source,
    Terms terms)
    implements TermsDocument {

  public ProviderDocument {
    Ids.require("id", id);
    Versions.check(version, effectiveFrom);
    required("name", name);
    check(!name.isBlank(), "name", "cannot be empty");
    terms = terms == null ? Terms.empty() : terms;
  }

  @Override
  public String kind() {
    return "Provider";
  }
}
