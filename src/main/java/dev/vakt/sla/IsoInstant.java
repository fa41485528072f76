package dev.vakt.sla;

import java.time.Instant;
import java.time.LocalDate;

/**
 * {@link Instant#toString()} for millisecond instants, without the general formatter: the same
 * text, e.g. {@code 2026-03-29T01:00:00Z} or {@code 2026-03-29T01:00:00.250Z}, several times
 * faster. Reports name the instant of every outage and event, so this is on the hot path.
 */
final class IsoInstant {

  private static final long MIN = Instant.parse("0000-01-01T00:00:00Z").toEpochMilli();
  private static final long MAX = Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli();

  private IsoInstant() {}

  static String format(long epochMilli) {
    if (epochMilli < MIN || epochMilli > MAX) {
      return Instant.ofEpochMilli(epochMilli).toString();
    }
    return append(new StringBuilder(24), epochMilli).toString();
  }

  /**
   * Appends the text of {@link #format} to {@code b}: the generated incident id of every outage is
   * built this way in one buffer, without the intermediate strings of each field.
   */
  static StringBuilder append(StringBuilder b, long epochMilli) {
    if (epochMilli < MIN || epochMilli > MAX) {
      return b.append(Instant.ofEpochMilli(epochMilli));
    }
    long days = Math.floorDiv(epochMilli, 86_400_000L);
    int msOfDay = (int) Math.floorMod(epochMilli, 86_400_000L);
    LocalDate date = LocalDate.ofEpochDay(days);
    digits(b, date.getYear(), 4).append('-');
    digits(b, date.getMonthValue(), 2).append('-');
    digits(b, date.getDayOfMonth(), 2).append('T');
    digits(b, msOfDay / 3_600_000, 2).append(':');
    digits(b, msOfDay / 60_000 % 60, 2).append(':');
    digits(b, msOfDay / 1000 % 60, 2);
    int ms = msOfDay % 1000;
    if (ms != 0) {
      digits(b.append('.'), ms, 3);
    }
    return b.append('Z');
  }

  /** {@code value} (0 or more, below 10^width) with leading zeros to {@code width} digits. */
  private static StringBuilder digits(StringBuilder b, int value, int width) {
    for (int p = width == 4 ? 1000 : width == 3 ? 100 : 10; p > 0; p /= 10) {
      b.append((char) ('0' + value / p % 10));
    }
    return b;
  }
}
