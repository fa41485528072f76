package dev.vakt.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.math.BigDecimal;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** K-1: SLA targets in a contract document are kept exactly as written. */
class PercentTest {

  @DisplayName("K-1: percentages from 0 to 100 inclusive, exact")
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "0, 0, 0 %",
    "100, 1.00, 100 %",
    "100.000, 1.00000, 100.000 %",
    "99.9, 0.999, 99.9 %",
    "99.995, 0.99995, 99.995 %",
    "99.9999, 0.999999, 99.9999 %",
    "0.001, 0.00001, 0.001 %"
  })
  void accepts(String value, String fraction, String text) {
    Percent p = Percent.of(value);
    assertThat(p.value()).isEqualTo(new BigDecimal(value));
    assertThat(p.value().toPlainString()).isEqualTo(value);
    assertThat(p.fraction()).isEqualByComparingTo(fraction);
    assertThat(p.json()).isEqualTo(new BigDecimal(value));
    assertThat(p).hasToString(text);
  }

  @DisplayName("K-1: 99.995 is not rounded to 99.99 or 100 and compares exactly")
  @Test
  void keepsEveryDigit() {
    Percent target = Percent.of("99.995");
    assertThat(target.fraction()).isEqualTo(new BigDecimal("0.99995"));
    assertThat(target).isGreaterThan(Percent.of("99.99")).isLessThan(Percent.of("99.996"));
    assertThat(Percent.of("99.9950").compareTo(target)).isZero();
  }

  @DisplayName("K-1: out of range")
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"-0.001", "-1", "100.001", "101", "1000"})
  void refuses(String value) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Percent.of(value))
        .withMessage("must be a percentage from 0 to 100, was " + value);
  }

  @DisplayName("K-1: a percentage is required")
  @Test
  void required() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Percent.of((BigDecimal) null))
        .withMessage("value: is required");
  }
}
