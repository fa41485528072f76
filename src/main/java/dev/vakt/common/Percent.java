package dev.vakt.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigDecimal;

/**
 * A percentage between 0 and 100 inclusive, kept exact: 99.995 must stay 99.995, not 99.99499999.
 *
 * @param value the percentage, e.g. {@code 99.9}
 */
public record Percent(BigDecimal value) implements Comparable<Percent> {

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  public Percent {
    InvalidField.required("value", value);
    if (value.signum() < 0 || value.compareTo(HUNDRED) > 0) {
      throw new IllegalArgumentException(
          "must be a percentage from 0 to 100, was " + value.toPlainString());
    }
  }

  @JsonCreator
  public static Percent of(BigDecimal value) {
    return new Percent(value);
  }

  public static Percent of(String value) {
    return new Percent(new BigDecimal(value));
  }

  /** The fraction from 0 to 1, e.g. 0.999 for 99.9 %. */
  public BigDecimal fraction() {
    return value.movePointLeft(2);
  }

  @JsonValue
  public BigDecimal json() {
    return value;
  }

  @Override
  public int compareTo(Percent other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value.toPlainString() + " %";
  }
}
