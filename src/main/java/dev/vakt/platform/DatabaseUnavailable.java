package dev.vakt.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLTransientConnectionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * When the database cannot be reached (F10), a request fails within the pool's connection timeout
 * with 503 problem+json and {@code Retry-After}, never a 500 or Tomcat's error page: in a
 * controller through the advice, in a filter (a login, an API token's check) through the filter,
 * which runs before Spring Security.
 */
final class DatabaseUnavailable {

  static final String RETRY_AFTER_SECONDS = "10";
  private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailable.class);

  private DatabaseUnavailable() {}

  /** True when {@code e} or one of its causes says no database connection could be had. */
  static boolean isCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof DataAccessResourceFailureException
          || t instanceof SQLTransientConnectionException) {
        return true;
      }
    }
    return false;
  }

  static ProblemDetail problem() {
    ProblemDetail pd =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.SERVICE_UNAVAILABLE,
            "The database cannot be reached at the moment; try again shortly.");
    pd.setType(java.net.URI.create("https://vakt.dev/problems/database-unavailable"));
    pd.setTitle("Database unavailable");
    return pd;
  }

  /** Controllers: ordered before every other advice. */
  @RestControllerAdvice
  @Order(Ordered.HIGHEST_PRECEDENCE)
  static class Advice {
    @ExceptionHandler(DataAccessResourceFailureException.class)
    ResponseEntity<ProblemDetail> unavailable(DataAccessResourceFailureException e) {
      log.warn("Database unavailable: {}", e.getMessage());
      return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
          .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
          .contentType(MediaType.APPLICATION_PROBLEM_JSON)
          .body(problem());
    }
  }

  /** Filters: the first in the chain, so it also sees what Spring Security's filters throw. */
  @Component
  @Order(Ordered.HIGHEST_PRECEDENCE + 10)
  static class Filter extends OncePerRequestFilter {
    @Override
    protected void doFilterInternal(
        HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      try {
        chain.doFilter(request, response);
      } catch (ServletException | RuntimeException e) {
        if (!isCause(e) || response.isCommitted()) {
          throw e;
        }
        log.warn("Database unavailable: {}", e.getMessage());
        response.resetBuffer();
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response
            .getWriter()
            .write(
                "{\"type\":\"https://vakt.dev/problems/database-unavailable\","
                    + "\"title\":\"Database unavailable\",\"status\":503,"
                    + "\"detail\":\"The database cannot be reached at the moment; try again"
                    + " shortly.\"}");
      }
    }
  }
}
