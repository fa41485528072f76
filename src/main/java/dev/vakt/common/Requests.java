package dev.vakt.common;

import tools.jackson.databind.JsonNode;

/** Binds API request bodies with the same rules and messages as documents. */
public final class Requests {

  private Requests() {}

  /**
   * Binds {@code body} to {@code type}, or throws {@link ApiErrors.InvalidInput} naming the field.
   */
  public static <T> T bind(JsonNode body, Class<T> type) {
    if (body == null || !body.isObject()) {
      throw new ApiErrors.InvalidInput("/", "the request body must be a JSON object");
    }
    // No NUL, names and free texts of bounded length (F12, F15): one rule for every body.
    Texts.firstProblem(body, true)
        .ifPresent(
            p -> {
              throw new ApiErrors.InvalidInput(p.getKey(), p.getValue());
            });
    return switch (Binder.bind("request body", body, type)) {
      case Binder.Result.Ok<T> ok -> ok.value();
      case Binder.Result.Failed<T> failed ->
          throw new ApiErrors.InvalidInput(java.util.List.of(failed.problem()));
    };
  }

  /**
   * Who makes a request, for the audit log (DPA-3): the signed-in account's name. Every API path
   * that changes something requires a login (ADR 0013), so a missing principal is a bug.
   */
  public static String actor(java.security.Principal principal) {
    if (principal == null || principal.getName() == null || principal.getName().isBlank()) {
      throw new IllegalStateException("a change without a signed-in principal");
    }
    return principal.getName();
  }

  /** Checks that the id in the path and the id in the body agree. */
  public static void sameId(String pathId, String bodyId) {
    if (!pathId.equals(bodyId)) {
      throw new ApiErrors.InvalidInput(
          "/id", "the body's id '" + bodyId + "' differs from the path's '" + pathId + "'");
    }
  }

  /** A query parameter's text without surrounding blanks; null when absent or blank. */
  public static String optional(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }

  /** An optional query parameter that is an instant: null when absent or blank, else as below. */
  public static java.time.Instant optionalInstant(String field, String text) {
    return optional(text) == null ? null : instant(field, text.strip());
  }

  /**
   * A query parameter that is an instant in the years {@value #MIN_YEAR} to {@value #MAX_YEAR}, or
   * a 400 naming it.
   */
  public static java.time.Instant instant(String field, String text) {
    java.time.Instant i;
    try {
      i = java.time.Instant.parse(text == null ? "" : text.strip());
    } catch (java.time.format.DateTimeParseException e) {
      throw new ApiErrors.InvalidInput(
          field, "'" + shortened(text) + "' is not an instant such as 2026-01-31T23:00:00Z");
    }
    if (i.isBefore(FIRST) || !i.isBefore(AFTER_LAST)) {
      throw new ApiErrors.InvalidInput(
          field, "the year must be from " + MIN_YEAR + " to " + MAX_YEAR);
    }
    return i;
  }

  /** The first year a date parameter may name: the first full year of the Gregorian calendar. */
  public static final int MIN_YEAR = 1583;

  /** The last year a date parameter may name: four digits. */
  public static final int MAX_YEAR = 9999;

  private static final java.time.Instant FIRST =
      java.time.LocalDate.of(MIN_YEAR, 1, 1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
  private static final java.time.Instant AFTER_LAST =
      java.time.LocalDate.of(MAX_YEAR + 1, 1, 1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();

  /**
   * A query parameter that is a date in the years {@value #MIN_YEAR} to {@value #MAX_YEAR}, or a
   * 400 naming it (F15: {@code +10000-01-01} or year 0 made later arithmetic fail with a 500).
   */
  public static java.time.LocalDate date(String field, String text) {
    java.time.LocalDate d;
    try {
      d = java.time.LocalDate.parse(text == null ? "" : text.strip());
    } catch (java.time.format.DateTimeParseException e) {
      throw new ApiErrors.InvalidInput(
          field, "'" + shortened(text) + "' is not a date such as 2026-01-31");
    }
    if (d.getYear() < MIN_YEAR || d.getYear() > MAX_YEAR) {
      throw new ApiErrors.InvalidInput(
          field, "the year must be from " + MIN_YEAR + " to " + MAX_YEAR + ", not " + d.getYear());
    }
    return d;
  }

  /** At most 40 characters of a value for a message: a client's input is not echoed at length. */
  static String shortened(String text) {
    if (text == null) {
      return "";
    }
    return text.length() <= 40 ? text : text.substring(0, 40) + "...";
  }
}
