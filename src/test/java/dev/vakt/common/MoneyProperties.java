package dev.vakt.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Currency;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** K-3: prices read back exactly as written, with no more decimals than their currency has. */
class MoneyProperties {

  @Provide
  Arbitrary<Currency> currencies() {
    return Arbitraries.of("NOK", "DKK", "SEK", "EUR", "USD", "GBP", "CHF", "JPY", "KWD", "BHD")
        .map(Currency::getInstance);
  }

  @Property
  @Label("K-3: Money.parse(toString()) returns the same amount, scale and currency")
  void roundTrip(
      @ForAll long unscaled,
      @ForAll("currencies") Currency currency,
      @ForAll @IntRange(min = 0, max = 3) int scale) {
    int s = Math.min(scale, currency.getDefaultFractionDigits());
    Money m = new Money(BigDecimal.valueOf(unscaled, s), currency);
    Money back = Money.parse(m.toString());
    assertThat(back).isEqualTo(m);
    assertThat(back.amount().scale()).isEqualTo(s);
    assertThat(back.isNegative()).isEqualTo(unscaled < 0);
  }

  @Property
  @Label("K-3: a significant digit past the currency's decimals is refused")
  void tooManyDecimals(
      @ForAll long whole,
      @ForAll("currencies") Currency currency,
      @ForAll @IntRange(min = 1, max = 4) int extra,
      @ForAll @IntRange(min = 1, max = 9) int lastDigit) {
    int scale = currency.getDefaultFractionDigits() + extra;
    BigDecimal amount =
        new BigDecimal(
            BigInteger.valueOf(whole).multiply(BigInteger.TEN).add(BigInteger.valueOf(lastDigit)),
            scale);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new Money(amount, currency))
        .withMessageContaining("has more decimals than " + currency.getCurrencyCode());
  }

  @Property
  @Label("K-3: trailing zeros are not extra decimals")
  void trailingZerosAccepted(
      @ForAll long unscaled,
      @ForAll("currencies") Currency currency,
      @ForAll @IntRange(min = 1, max = 4) int zeros) {
    BigDecimal amount =
        BigDecimal.valueOf(unscaled, currency.getDefaultFractionDigits())
            .setScale(currency.getDefaultFractionDigits() + zeros);
    assertThat(Money.parse(new Money(amount, currency).toString()).amount())
        .isEqualByComparingTo(amount);
  }
}
