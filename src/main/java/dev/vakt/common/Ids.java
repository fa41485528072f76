package dev.vakt.common;

import java.util.regex.Pattern;

/** The one rule for identifiers that people type into documents and URLs. */
public final class Ids {

  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

  private Ids() {}

  /** Returns {@code value} when it is a valid identifier, else throws {@link InvalidField}. */
  public static String require(String field, String value) {
    InvalidField.required(field, value);
    InvalidField.check(
        ID.matcher(value).matches(),
        field,
        "'"
            + value
            + "' is not a valid id: use 1-63 lower-case letters, digits, '.', '_' or '-',"
            + " starting with a letter or digit");
    return value;
  }

  /** Like {@link #require} but lets null through, for optional references. */
  public static String optional(String field, String value) {
    return value == null ? null : require(field, value);
  }
}
