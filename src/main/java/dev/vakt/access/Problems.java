package dev.vakt.access;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** RFC 9457 answers written by filters, which run before the controllers' exception handling. */
final class Problems {

  private Problems() {}

  static void write(HttpServletResponse response, int status, String type, String detail)
      throws IOException {
    response.setStatus(status);
    response.setContentType("application/problem+json");
    String title =
        switch (status) {
          case 401 -> "Unauthorized";
          case 403 -> "Forbidden";
          case 429 -> "Too Many Requests";
          default -> "Error";
        };
    response
        .getWriter()
        .write(
            "{\"type\":\"https://vakt.dev/problems/"
                + type
                + "\",\"title\":\""
                + title
                + "\",\"status\":"
                + status
                + ",\"detail\":\""
                + detail.replace("\\", "\\\\").replace("\"", "\\\"")
                + "\"}");
  }
}
