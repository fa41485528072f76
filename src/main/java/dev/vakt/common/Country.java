package dev.vakt.common;

import com.fasterxml.jackson.annotation.JsonValue;

/** Countries whose public holidays Vakt knows, for "working days" in windows and deadlines. */
public enum Country {
  NO,
  DK,
  SE,
  DE;

  @JsonValue
  public String code() {
    return name();
  }
}
