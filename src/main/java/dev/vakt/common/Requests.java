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

  /** A query parameter that is an instant, or a 400 naming it. */
  public static java.time.Instant instant(String field, String text) {
    try {
      return java.time.Instant.parse(text);
    } catch (java.time.format.DateTimeParseException e) {
      throw new ApiErrors.InvalidInput(
          field, "'" + text + "' is not an instant such as 2026-01-31T23:00:00Z");
    }
  }

  /** A query parameter that is a date, or a 400 naming it. */
  public static java.time.LocalDate date(String field, String text) {
    try {
      return java.time.LocalDate.parse(text);
    } catch (java.time.format.DateTimeParseException e) {
      throw new ApiErrors.InvalidInput(field, "'" + text + "' is not a date such as 2026-01-31");
    }
  }
}
