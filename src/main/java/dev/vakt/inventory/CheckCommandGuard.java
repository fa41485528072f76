package dev.vakt.inventory;

import dev.vakt.access.SensitiveChanges;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.ErrorResponseException;

/**
 * Who may change what a check executes (F1): a service's {@code check.command} and {@code
 * check.arguments} choose a program Vakt runs on its own server, so only an administrator sets or
 * changes them, through the API ({@code PUT /api/services/{id}}) and through an import alike. Work
 * without a signed-in user ({@code vakt import} on the server, the demo) is the operator's own and
 * passes. Every accepted change is audited with the service before and after, as any change.
 *
 * <p>{@link #requireMayChange} is the one place this is decided; a change also needs a session
 * whose second factor was checked recently ({@link SensitiveChanges}), so a leaked API token or an
 * unattended session cannot make Vakt run something else.
 */
final class CheckCommandGuard {

  private CheckCommandGuard() {}

  /**
   * Throws 403 unless the current user may turn {@code before} into {@code after}: an
   * administrator, in a session whose second factor was checked recently (never an API token).
   */
  static void requireMayChange(
      Optional<Service> before, Service after, SensitiveChanges sensitiveChanges) {
    String field = changedField(before.map(Service::check).orElse(null), after.check());
    if (field == null) {
      return;
    }
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (auth == null) {
      return; // no request: the operator on the server (vakt import, the demo)
    }
    boolean admin =
        auth.isAuthenticated()
            && auth.getAuthorities().stream().anyMatch(a -> "ROLE_ADMIN".equals(a.getAuthority()));
    if (!admin) {
      throw new Forbidden(
          field,
          "only an administrator may set or change the command a check runs, or its arguments");
    }
    sensitiveChanges.requireRecentSecondFactor("changing the command a check runs");
  }

  /** The first changed field that chooses what runs, or null when none did or none runs now. */
  static String changedField(ServiceCheck before, ServiceCheck after) {
    String command = after == null ? null : after.command();
    if (command == null) {
      return null; // nothing runs: removing a command is always allowed
    }
    if (!Objects.equals(before == null ? null : before.command(), command)) {
      return "/check/command";
    }
    if (!Objects.equals(before.arguments(), after.arguments())) {
      return "/check/arguments";
    }
    return null;
  }

  /** 403 as problem details naming the field (application/problem+json). */
  static final class Forbidden extends ErrorResponseException {
    Forbidden(String field, String reason) {
      super(HttpStatus.FORBIDDEN, problem(field, reason), null);
    }

    private static ProblemDetail problem(String field, String reason) {
      ProblemDetail pd = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, reason);
      pd.setTitle("Forbidden");
      pd.setProperty("field", field);
      pd.setProperty("errors", List.of(Map.of("field", field, "reason", reason)));
      return pd;
    }
  }
}
