package dev.vakt.common;

import java.util.Currency;

/** Looks up ISO 4217 currencies with a message a person can act on. */
public final class Currencies {

  private Currencies() {}

  public static Currency of(String code) {
    try {
      if (code == null || !code.matches("[A-Z]{3}")) {
        throw new IllegalArgumentException();
      }
      return Currency.getInstance(code);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "'" + code + "' is not an ISO 4217 currency code (e.g. NOK, DKK, SEK, EUR)");
    }
  }
}
