package dev.vakt.platform;

import dev.vakt.common.ApiErrors;
import dev.vakt.common.ImportRejected;
import dev.vakt.common.Problem;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Turns Vakt's failures into RFC 9457 problem details with the fields a client can act on. */
@RestControllerAdvice
// Before Boot's problem-details handler, so a parameter of the wrong type names itself in errors.
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiExceptionHandler {

  @ExceptionHandler(ApiErrors.InvalidInput.class)
  ProblemDetail invalid(ApiErrors.InvalidInput e) {
    return withProblems(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input", e.problems());
  }

  /** A value a service refused in its constructor checks: a 400 naming the field. */
  @ExceptionHandler(dev.vakt.common.InvalidField.class)
  ProblemDetail invalidField(dev.vakt.common.InvalidField e) {
    return invalid(new ApiErrors.InvalidInput("/" + e.field(), e.reason()));
  }

  /** A query or path parameter of the wrong type ({@code ?page=abc}): a 400 naming it. */
  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ProblemDetail mismatch(MethodArgumentTypeMismatchException e) {
    String type = e.getRequiredType() == null ? "value" : e.getRequiredType().getSimpleName();
    return invalid(
        new ApiErrors.InvalidInput(
            e.getName(), "'" + e.getValue() + "' is not a valid " + type.toLowerCase()));
  }

  /**
   * A body that is not JSON (or not the JSON expected), or one cut off by {@link BodySizeFilter}:
   * 400, or 413 for the latter, never Boot's generic answer or a 500 (F5, F15). Jackson's message
   * is not echoed: it may quote the input.
   */
  @ExceptionHandler(HttpMessageNotReadableException.class)
  ProblemDetail unreadable(HttpMessageNotReadableException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof dev.vakt.common.InvalidField f) {
        return invalidField(f); // a request record's own check, e.g. a text too long (F12)
      }
      if (t instanceof BodySizeFilter.BodyTooLarge) {
        return detail(
            HttpStatus.CONTENT_TOO_LARGE,
            "body-too-large",
            "Content Too Large",
            "the request body is larger than this path accepts");
      }
    }
    String where = "";
    if (e.getMostSpecificCause() instanceof tools.jackson.core.JacksonException j
        && j.getLocation() != null
        && j.getLocation().getLineNr() > 0) {
      where =
          " (line "
              + j.getLocation().getLineNr()
              + ", column "
              + j.getLocation().getColumnNr()
              + ")";
    }
    return invalid(
        new ApiErrors.InvalidInput(
            "/", "the request body is not the JSON this address takes" + where));
  }

  /**
   * Text PostgreSQL cannot store, above all a NUL character (code point 0) that came through JSON:
   * a 400, not a 500 (F15). Requests.bind names the field where it can; this is the backstop for
   * every other path (SQLSTATE 22P05 untranslatable character, 22021 invalid byte sequence).
   */
  @ExceptionHandler(org.springframework.dao.DataAccessException.class)
  ProblemDetail database(org.springframework.dao.DataAccessException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.sql.SQLException sql
          && ("22P05".equals(sql.getSQLState()) || "22021".equals(sql.getSQLState()))) {
        return invalid(
            new ApiErrors.InvalidInput("/", "text may not contain the NUL character (\\u0000)"));
      }
    }
    throw e;
  }

  /** No page, file or endpoint at this address: 404 in our shape (F17). */
  @ExceptionHandler({
    org.springframework.web.servlet.resource.NoResourceFoundException.class,
    org.springframework.web.servlet.NoHandlerFoundException.class
  })
  ProblemDetail noSuchAddress(Exception e) {
    return detail(
        HttpStatus.NOT_FOUND, "not-found", "Not Found", "there is nothing at this address");
  }

  /** A method the address does not take: 405 with the methods it does (F17). */
  @ExceptionHandler(org.springframework.web.HttpRequestMethodNotSupportedException.class)
  org.springframework.http.ResponseEntity<ProblemDetail> wrongMethod(
      org.springframework.web.HttpRequestMethodNotSupportedException e) {
    ProblemDetail pd =
        detail(
            HttpStatus.METHOD_NOT_ALLOWED,
            "method-not-allowed",
            "Method Not Allowed",
            "this address does not take " + e.getMethod());
    var response = org.springframework.http.ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED);
    if (e.getSupportedHttpMethods() != null) {
      response.allow(
          e.getSupportedHttpMethods().toArray(org.springframework.http.HttpMethod[]::new));
    }
    return response.body(pd);
  }

  /** A body type the address does not take: 415 naming the ones it does (F17). */
  @ExceptionHandler(org.springframework.web.HttpMediaTypeNotSupportedException.class)
  ProblemDetail wrongType(org.springframework.web.HttpMediaTypeNotSupportedException e) {
    return detail(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        "unsupported-media-type",
        "Unsupported Media Type",
        "this address takes " + e.getSupportedMediaTypes());
  }

  @ExceptionHandler(ImportRejected.class)
  ProblemDetail rejected(ImportRejected e) {
    return withProblems(
        HttpStatus.UNPROCESSABLE_CONTENT, "import-rejected", "Import rejected", e.problems());
  }

  @ExceptionHandler(ApiErrors.NotFound.class)
  ProblemDetail notFound(ApiErrors.NotFound e) {
    return detail(HttpStatus.NOT_FOUND, "not-found", "Not found", e.getMessage());
  }

  @ExceptionHandler(ApiErrors.Conflict.class)
  ProblemDetail conflict(ApiErrors.Conflict e) {
    ProblemDetail pd = detail(HttpStatus.CONFLICT, "conflict", "Conflict", e.getMessage());
    if (!e.reasons().isEmpty()) {
      pd.setProperty("reasons", e.reasons());
    }
    return pd;
  }

  private static ProblemDetail withProblems(
      HttpStatus status, String type, String title, List<Problem> problems) {
    ProblemDetail pd =
        detail(status, type, title, problems.isEmpty() ? title : problems.getFirst().reason());
    pd.setProperty(
        "errors",
        problems.stream()
            .map(
                p ->
                    Map.of(
                        "file", p.file(),
                        "line", p.line(),
                        "column", p.column(),
                        "field", p.field(),
                        "reason", p.reason()))
            .toList());
    return pd;
  }

  private static ProblemDetail detail(HttpStatus status, String type, String title, String detail) {
    ProblemDetail pd = ProblemDetail.forStatusAndDetail(status, detail);
    pd.setType(URI.create("https://vakt.dev/problems/" + type));
    pd.setTitle(title);
    return pd;
  }
}
