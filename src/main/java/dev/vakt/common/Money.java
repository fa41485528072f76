package dev.vakt.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An exact amount of money in one currency. Written in documents as {@code "35.00 EUR"}: one
 * string, so that layering a contract over a product can never pair one layer's amount with
 * another's currency.
 */
public record Money(BigDecimal amount, Currency currency) {

  private static final Pattern TEXT = Pattern.compile("(-?[0-9]+(?:\\.[0-9]+)?) ([A-Z]{3})");

  public Money {
    InvalidField.required("amount", amount);
    InvalidField.required("currency", currency);
    // Pseudo-currencies such as XAU have no fixed number of decimals (-1): any scale is allowed.
    if (currency.getDefaultFractionDigits() >= 0
        && amount.scale() > currency.getDefaultFractionDigits()
        && amount.stripTrailingZeros().scale() > currency.getDefaultFractionDigits()) {
      throw new IllegalArgumentException(
          amount.toPlainString()
              + " has more decimals than "
              + currency.getCurrencyCode()
              + " allows ("
              + currency.getDefaultFractionDigits()
              + ")");
    }
  }

  /** Parses {@code "35.00 EUR"}; the currency must be an ISO 4217 code. */
  @JsonCreator
  public static Money parse(String text) {
    Matcher m = TEXT.matcher(text == null ? "" : text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' is not an amount: write the amount and an ISO 4217 currency, e.g. '35.00 EUR'");
    }
    return new Money(new BigDecimal(m.group(1)), Currencies.of(m.group(2)));
  }

  public static Money of(String amount, String currency) {
    return new Money(new BigDecimal(amount), Currencies.of(currency));
  }

  public boolean isNegative() {
    return amount.signum() < 0;
  }

  @JsonValue
  @Override
  public String toString() {
    return amount.toPlainString() + " " + currency.getCurrencyCode();
  }
}
