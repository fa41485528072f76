package dev.vakt.common;

import com.fasterxml.jackson.annotation.JsonValue;

/** The languages Vakt speaks to technicians and customers. */
public enum Language {
  NB,
  DA,
  SV,
  DE,
  EN;

  @JsonValue
  public String code() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public java.util.Locale locale() {
    return java.util.Locale.forLanguageTag(code());
  }
}
