package dev.vakt.contract;

import static dev.vakt.common.InvalidField.check;
import static dev.vakt.common.InvalidField.required;

import dev.vakt.common.Currencies;
import dev.vakt.common.Ids;
import dev.vakt.common.Money;
import java.time.LocalDate;
import java.time.Period;
import java.util.Map;
import java.util.TreeMap;

/**
 * A product or package (Basic/Standard/Plus, Managed Hosting, VPS) with its prices per currency and
 * the terms it adds over the provider's (K-3).
 *
 * @param id product id, e.g. {@code managed-hosting-standard}
 * @param version version number
 * @param effectiveFrom first day it applies
 * @param provider the provider that sells it
 * @param name display name
 * @param category kind of product, e.g. {@code vps}, {@code managed-hosting}, {@code domain}
 * @param unit what one item is priced per, e.g. {@code server}, {@code domain}
 * @param billingPeriod the period one price covers
 * @param prices one price per currency, keyed by ISO 4217 code
 * @param terms terms this product adds or overrides
 */
public record ProductDocument(
    String id,
    Integer version,
    LocalDate effectiveFrom,
    String provider,
    String name,
    String category,
    String unit,
    Period billingPeriod,
    Map<String, Money> prices,
    Terms terms)
    implements TermsDocument {

  public ProductDocument {
    Ids.require("id", id);
    Versions.check(version, effectiveFrom);
    Ids.require("provider", provider);
    required("name", name);
    Ids.optional("category", category);
    prices = prices == null ? Map.of() : new TreeMap<>(prices);
    for (Map.Entry<String, Money> e : prices.entrySet()) {
      try {
        Currencies.of(e.getKey());
      } catch (IllegalArgumentException ex) {
        throw new dev.vakt.common.InvalidField("prices/" + e.getKey(), ex.getMessage());
      }
      check(
          e.getValue().currency().getCurrencyCode().equals(e.getKey()),
          "prices/" + e.getKey(),
          "the price " + e.getValue() + " is listed under " + e.getKey());
      check(!e.getValue().isNegative(), "prices/" + e.getKey(), "cannot be negative");
    }
    check(
        billingPeriod == null || (!billingPeriod.isNegative() && !billingPeriod.isZero()),
        "billingPeriod",
        "must be a positive period");
    prices = java.util.Collections.unmodifiableMap(prices);
    terms = terms == null ? Terms.empty() : terms;
  }

  @Override
  public String kind() {
    return "Product";
  }
}
