package dev.vakt.platform;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/**
 * RFC 9457 answers written where no controller advice reaches: servlet filters and the error
 * controller. One shape with {@link ApiExceptionHandler}'s (type under vakt.dev/problems, title,
 * status, detail), and never a stack trace or an exception's class name.
 */
final class ProblemResponses {

  static final String PROBLEM_JSON = "application/problem+json";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private ProblemResponses() {}

  /** A problem detail for {@code status} with our type URI and the status's reason as title. */
  static ProblemDetail problem(int status, String type, String detail) {
    HttpStatus s = HttpStatus.resolve(status);
    ProblemDetail pd =
        ProblemDetail.forStatusAndDetail(s == null ? HttpStatus.INTERNAL_SERVER_ERROR : s, detail);
    pd.setStatus(status);
    pd.setType(URI.create("https://vakt.dev/problems/" + type));
    pd.setTitle(s == null ? "Error" : s.getReasonPhrase());
    return pd;
  }

  /** Writes {@link #problem} unless the response is already committed. */
  static void write(HttpServletResponse response, int status, String type, String detail)
      throws IOException {
    if (response.isCommitted()) {
      return;
    }
    response.resetBuffer();
    response.setStatus(status);
    response.setContentType(PROBLEM_JSON);
    response.setCharacterEncoding("UTF-8");
    ProblemDetail pd = problem(status, type, detail);
    Map<String, Object> body =
        Map.of(
            "type",
            pd.getType().toString(),
            "title",
            pd.getTitle(),
            "status",
            status,
            "detail",
            detail);
    response.getWriter().write(JSON.writeValueAsString(body));
    response.flushBuffer();
  }
}
