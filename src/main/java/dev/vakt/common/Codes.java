package dev.vakt.common;

import java.util.Locale;

/** The one spelling of enum constants in documents and APIs: lower case with hyphens. */
public final class Codes {

  private Codes() {}

  public static String of(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
