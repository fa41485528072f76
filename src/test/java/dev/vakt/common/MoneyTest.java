package dev.vakt.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.math.BigDecimal;
import java.util.Currency;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** K-3: prices are exact amounts in one ISO 4217 currency, with that currency's decimals. */
class MoneyTest {

  @DisplayName("K-3: an amount and a currency in one string")
  @ParameterizedTest(name = "''{0}''")
  @CsvSource({
    "35.00 EUR, 35.00, EUR",
    "1295 SEK, 1295, SEK",
    "1000 DKK, 1000, DKK",
    "0.50 NOK, 0.50, NOK",
    "1.5 EUR, 1.5, EUR",
    "0 NOK, 0, NOK",
    "1500 JPY, 1500, JPY",
    "1.234 KWD, 1.234, KWD",
    "-12.50 EUR, -12.50, EUR",
    "' 35.00 EUR ', 35.00, EUR"
  })
  void parses(String text, String amount, String currency) {
    Money m = Money.parse(text);
    assertThat(m.amount()).isEqualTo(new BigDecimal(amount)); // same scale: exact as written
    assertThat(m.currency()).isEqualTo(Currency.getInstance(currency));
    assertThat(m).isEqualTo(Money.of(amount, currency));
  }

  @DisplayName("K-3: text that is not an amount with a currency")
  @ParameterizedTest(name = "''{0}''")
  @ValueSource(
      strings = {
        "35.00",
        "EUR 35.00",
        "35.00EUR",
        "35.00  EUR",
        "35,00 EUR",
        "35. EUR",
        ".5 EUR",
        "+35 EUR",
        "35.00 eur",
        "35.00 EURO",
        "1e3 EUR",
        "thirty EUR"
      })
  @NullAndEmptySource
  void refusesText(String text) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Money.parse(text))
        .withMessage(
            "'"
                + text
                + "' is not an amount: write the amount and an ISO 4217 currency, e.g. '35.00 EUR'");
  }

  @DisplayName("K-3: an unknown currency code")
  @ParameterizedTest(name = "''{0}''")
  @ValueSource(strings = {"ABC", "QQQ"})
  void refusesUnknownCurrency(String code) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Money.parse("10 " + code))
        .withMessage("'" + code + "' is not an ISO 4217 currency code (e.g. NOK, DKK, SEK, EUR)");
  }

  @DisplayName("K-3: no more decimals than the currency has")
  @ParameterizedTest(name = "''{0}''")
  @CsvSource({
    "35.001 EUR, 35.001 has more decimals than EUR allows (2)",
    "0.125 NOK, 0.125 has more decimals than NOK allows (2)",
    "100.5 JPY, 100.5 has more decimals than JPY allows (0)",
    "1.2345 KWD, 1.2345 has more decimals than KWD allows (3)"
  })
  void refusesTooManyDecimals(String text, String message) {
    assertThatIllegalArgumentException().isThrownBy(() -> Money.parse(text)).withMessage(message);
  }

  @DisplayName("K-3: trailing zeros beyond the currency's decimals are not extra precision")
  @ParameterizedTest(name = "''{0}''")
  @ValueSource(strings = {"35.000 EUR", "100.0 JPY", "100.00 JPY", "1.2340 KWD"})
  void acceptsTrailingZeros(String text) {
    assertThat(Money.parse(text).toString()).isEqualTo(text);
  }

  @DisplayName("K-3: negative amounts are kept and recognised")
  @Test
  void negative() {
    assertThat(Money.parse("-0.01 EUR").isNegative()).isTrue();
    assertThat(Money.parse("0.00 EUR").isNegative()).isFalse();
    assertThat(Money.parse("0.01 EUR").isNegative()).isFalse();
  }

  @DisplayName("K-3: amount and currency are required")
  @Test
  void required() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new Money(null, Currency.getInstance("EUR")))
        .withMessage("amount: is required");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new Money(BigDecimal.ONE, null))
        .withMessage("currency: is required");
  }

  @DisplayName("K-3: written back as it was read")
  @ParameterizedTest(name = "''{0}''")
  @ValueSource(strings = {"35.00 EUR", "1295 SEK", "-12.50 EUR", "1500 JPY", "0.50 NOK"})
  void toStringIsTheDocumentForm(String text) {
    assertThat(Money.parse(text).toString()).isEqualTo(text);
    assertThat(Money.parse(Money.parse(text).toString())).isEqualTo(Money.parse(text));
  }

  @DisplayName("K-3: currencies are ISO 4217 codes in capitals")
  @ParameterizedTest(name = "''{0}''")
  @ValueSource(strings = {"NOK", "DKK", "SEK", "EUR", "USD", "JPY"})
  void currencies(String code) {
    assertThat(Currencies.of(code).getCurrencyCode()).isEqualTo(code);
  }

  @DisplayName("K-3: a code that is not an ISO 4217 currency")
  @ParameterizedTest(name = "''{0}''")
  @ValueSource(strings = {"nok", "Nok", "NO", "NOKK", "ABC", " NOK", "123"})
  @NullAndEmptySource
  void refusesCurrencies(String code) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Currencies.of(code))
        .withMessage("'" + code + "' is not an ISO 4217 currency code (e.g. NOK, DKK, SEK, EUR)");
  }
}
