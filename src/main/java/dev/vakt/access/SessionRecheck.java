package dev.vakt.access;

import dev.vakt.audit.AuditLog;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A session is only as good as its account now (DPA-4): on every request made with a session, the
 * account must still exist, be enabled, and have the role and customer it signed in with. Otherwise
 * the session ends at once and the request goes on signed out, so it gets 401 wherever a login is
 * needed. Disabling an account or changing its role thus takes effect on its open sessions with
 * their next request, as it does for its tokens. Costs one primary-key read per session request.
 */
class SessionRecheck extends OncePerRequestFilter {

  private final Accounts accounts;
  private final AuditLog audit;

  SessionRecheck(Accounts accounts, AuditLog audit) {
    this.accounts = accounts;
    this.audit = audit;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (auth != null
        && auth.getPrincipal() instanceof VaktPrincipal p
        && p.token() == null
        && !BearerTokenFilter.hasBearer(request)) {
      Optional<String> why = stale(p, accounts.find(p.username()));
      if (why.isPresent()) {
        end(request, p, why.get());
      }
    }
    chain.doFilter(request, response);
  }

  /** Why the session's principal no longer stands for its account, if it does not. */
  static Optional<String> stale(VaktPrincipal p, Optional<Accounts.Account> account) {
    if (account.isEmpty()) {
      return Optional.of("account-deleted");
    }
    Accounts.Account a = account.get();
    if (a.disabled()) {
      return Optional.of("account-disabled");
    }
    if (a.role() != p.role()) {
      return Optional.of("role-changed");
    }
    if (!Objects.equals(a.customer(), p.customer())) {
      return Optional.of("customer-changed");
    }
    return Optional.empty();
  }

  private void end(HttpServletRequest request, VaktPrincipal p, String why) {
    HttpSession session = request.getSession(false);
    if (session != null) {
      session.invalidate();
    }
    SecurityContextHolder.clearContext();
    audit.record(
        "system",
        "session-ended",
        "session",
        p.username(),
        p.customer(),
        null,
        Map.of("reason", why));
  }
}
