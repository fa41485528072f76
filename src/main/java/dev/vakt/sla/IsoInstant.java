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
    long days = Math.floorDiv(epochMilli, 86_400_000L);
    int msOfDay = (int) Math.floorMod(epochMilli, 86_400_000L);
    LocalDate date = LocalDate.ofEpochDay(days);
    StringBuilder b = new StringBuilder(24);
    pad(b, date.getYear(), 4).append('-');
    pad(b, date.getMonthValue(), 2).append('-');
    pad(b, date.getDayOfMonth(), 2).append('T');
    pad(b, msOfDay / 3_600_000, 2).append(':');
    pad(b, msOfDay / 60_000 % 60, 2).append(':');
    pad(b, msOfDay / 1000 % 60, 2);
    int ms = msOfDay % 1000;
    if (ms != 0) {
      pad(b.append('.'), ms, 3);
    }
    return b.append('Z').toString();
  }

  private static StringBuilder pad(StringBuilder b, int value, int width) {
    String s = Integer.toString(value);
    for (int i = s.length(); i < width; i++) {
      b.append('0');
    }
    return b.append(s);
  }
}
