package dev.vakt.access;

import dev.vakt.audit.AuditLog;
import dev.vakt.common.ApiErrors;
import dev.vakt.common.Requests;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Signing in and out: {@code POST /api/session} with username, password and TOTP code makes a
 * server-side session (cookie {@code HttpOnly}, {@code SameSite=Lax}, {@code Secure} over HTTPS);
 * {@code GET} says who is signed in; {@code DELETE} signs out.
 */
@RestController
// Sessions exist with the web server only; `vakt import` and friends run without one.
@org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication(
    type =
        org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type.SERVLET)
class SessionController {

  private final Logins logins;
  private final LoginThrottle throttle;
  private final SecurityContextRepository contexts;
  private final CsrfTokenRepository csrfTokens;
  private final ChangeSessionIdAuthenticationStrategy fixation =
      new ChangeSessionIdAuthenticationStrategy();
  private final AuditLog audit;
  private final SignedIn signedIn;
  private final ClientAddress clients;
  private final SensitiveChanges changes;
  private final JsonMapper json;

  SessionController(
      Logins logins,
      LoginThrottle throttle,
      SecurityContextRepository contexts,
      CsrfTokenRepository csrfTokens,
      AuditLog audit,
      SignedIn signedIn,
      ClientAddress clients,
      SensitiveChanges changes,
      JsonMapper json) {
    this.signedIn = signedIn;
    this.clients = clients;
    this.changes = changes;
    this.json = json;
    this.logins = logins;
    this.throttle = throttle;
    this.contexts = contexts;
    this.csrfTokens = csrfTokens;
    this.audit = audit;
  }

  /** What to sign in with. */
  record Login(String username, String password, String code) {
    @Override
    public String toString() {
      return "Login[" + username + ", (hidden)]";
    }
  }

  /** What re-verifies a session: the TOTP code, or the password for an account without TOTP. */
  record Verify(String code, String password) {
    @Override
    public String toString() {
      return "Verify[(hidden)]";
    }
  }

  @PostMapping("/api/session")
  ResponseEntity<?> login(
      @RequestBody(required = false) String body,
      HttpServletRequest request,
      HttpServletResponse response)
      throws IOException {
    String address = clients.of(request);
    if (!throttle.tryAcquire(address)) {
      Problems.write(response, 429, "too-many-logins", "too many login attempts; wait a minute");
      return null;
    }
    Login l;
    try {
      // Read here rather than by the framework, so an unreadable body is audited as a failed
      // login like any other (F15) before it is answered 400.
      l = Requests.bind(body == null ? null : json.readTree(body), Login.class);
    } catch (RuntimeException e) {
      logins.badInput(address);
      throw e instanceof ApiErrors.InvalidInput invalid
          ? invalid
          : new ApiErrors.InvalidInput("/", "the request body must be a JSON object");
    }
    Logins.Outcome outcome = logins.authenticate(l.username(), l.password(), l.code(), address);
    if (outcome.principal() == null) {
      // One answer for every refusal, so a guesser learns nothing about accounts or factors.
      Problems.write(
          response,
          HttpServletResponse.SC_UNAUTHORIZED,
          "login-failed",
          "wrong username, password or code, or the account is locked or disabled");
      return null;
    }
    VaktPrincipal p = outcome.principal();
    Authentication auth =
        UsernamePasswordAuthenticationToken.authenticated(
            p, null, List.of(new SimpleGrantedAuthority("ROLE_" + p.role().name())));
    request.getSession(true);
    fixation.onAuthentication(auth, request, response);
    // A new CSRF token with the new session, sent at once so the page can use it right away.
    csrfTokens.saveToken(csrfTokens.generateToken(request), request, response);
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(auth);
    SecurityContextHolder.setContext(context);
    contexts.saveContext(context, request, response);
    // The login checked the second factor (or, without TOTP, the password) just now.
    changes.verified(request.getSession());
    return ResponseEntity.ok(signedIn.me(p));
  }

  /**
   * Checks the second factor again, so the session may make sensitive changes for the next {@code
   * vakt.access.recent-second-factor} ({@link SensitiveChanges}): {@code {"code"}}, or {@code
   * {"password"}} for an account without TOTP. Sessions only; a wrong one is 400 naming the field
   * and counts towards the login backoff.
   */
  @PostMapping("/api/session/verify")
  ResponseEntity<?> verify(
      @RequestBody JsonNode body, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    VaktPrincipal p = Tenancy.current().orElseThrow();
    if (p.token() != null) {
      throw new AccountController.TokenRefused();
    }
    String address = clients.of(request);
    if (!throttle.tryAcquire(address)) {
      Problems.write(response, 429, "too-many-logins", "too many attempts; wait a minute");
      return null;
    }
    Verify v = Requests.bind(body, Verify.class);
    if (!logins.reverify(p.username(), v.code(), v.password(), address)) {
      throw new ApiErrors.InvalidInput(
          v.code() != null ? "/code" : "/password", "does not match; try again");
    }
    changes.verified(request.getSession());
    return ResponseEntity.noContent().build();
  }

  @GetMapping("/api/session")
  ResponseEntity<?> me() {
    return signedIn
        .current()
        .<ResponseEntity<?>>map(ResponseEntity::ok)
        .orElseGet(
            () ->
                ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                    .body(Map.of("status", 401, "detail", "not signed in")));
  }

  @DeleteMapping("/api/session")
  ResponseEntity<Void> logout(HttpServletRequest request) {
    Tenancy.current()
        .filter(p -> p.token() == null)
        .ifPresent(
            p ->
                audit.record(
                    p.username(), "logout", "session", p.username(), p.customer(), null, null));
    HttpSession session = request.getSession(false);
    if (session != null) {
      session.invalidate();
    }
    SecurityContextHolder.clearContext();
    return ResponseEntity.noContent().build();
  }
}
