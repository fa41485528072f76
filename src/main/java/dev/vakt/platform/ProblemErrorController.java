package dev.vakt.platform;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Every error that reaches the servlet container's error page (an exception in a filter, a status
 * sent with {@code sendError}, Tomcat's own refusals it forwards) answered as RFC 9457 problem
 * details, in place of Boot's default JSON or Tomcat's HTML (issue 16, F17). No exception message,
 * class or stack trace is shown: a 5xx says only that something went wrong on our side. A browser
 * gets the same problem details (no HTML error page: one shape, nothing to keep in step).
 */
@RestController
class ProblemErrorController implements ErrorController {

  private static final MediaType PROBLEM = MediaType.parseMediaType(ProblemResponses.PROBLEM_JSON);

  @RequestMapping("${server.error.path:${error.path:/error}}")
  ResponseEntity<?> error(HttpServletRequest request) {
    int status = status(request);
    String detail = detail(status);
    ProblemDetail pd = ProblemResponses.problem(status, type(status), detail);
    return ResponseEntity.status(status).contentType(PROBLEM).body(pd);
  }

  private static int status(HttpServletRequest request) {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int status = code instanceof Integer i ? i : 500;
    return status < 400 ? 500 : status;
  }

  private static String type(int status) {
    return switch (status) {
      case 400 -> "bad-request";
      case 401 -> "unauthorized";
      case 403 -> "forbidden";
      case 404 -> "not-found";
      case 405 -> "method-not-allowed";
      case 413 -> "body-too-large";
      case 415 -> "unsupported-media-type";
      default -> status >= 500 ? "internal-error" : "error";
    };
  }

  private static String detail(int status) {
    return switch (status) {
      case 400 -> "the request is malformed";
      case 401 -> "sign in first (POST /api/session) or send an API token";
      case 403 -> "your role may not do this";
      case 404 -> "there is nothing at this address";
      case 405 -> "this address does not take this method";
      case 413 -> "the request body is larger than this path accepts";
      case 415 -> "this address does not take this content type";
      default ->
          status >= 500
              ? "something went wrong on Vakt's side; the log has the details"
              : "the request was refused";
    };
  }
}
