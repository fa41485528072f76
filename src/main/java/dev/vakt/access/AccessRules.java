package dev.vakt.access;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.http.server.PathContainer;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.stereotype.Component;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Who may call what, as one table (DPA-4). Every endpoint has a row; {@code
 * AuthorisationMatrixTest} fails when one has none, so each new endpoint gets a decision. At run
 * time a request no row matches is for staff only: customers are denied by default, so an endpoint
 * merged without a row is safe. Rows only say which roles may call a path; which customer's data
 * they see is decided below, in the services ({@link Tenancy}).
 */
@Component
class AccessRules implements AuthorizationManager<RequestAuthorizationContext> {

  /** Who a row admits. */
  enum Audience {
    /** Anyone, signed in or not. */
    PUBLIC,
    /** Any signed-in account (its own account's pages). */
    SIGNED_IN,
    /** Staff and both customer roles; services confine customers to their own data. */
    CUSTOMERS,
    /** Staff and customer admins: the few actions a customer takes. */
    CUSTOMER_ADMINS,
    /**
     * Who manages a customer's accounts: admins and that customer's admins; never technicians
     * (docs/access.md; F7).
     */
    ACCOUNT_ADMINS,
    /** Admins and technicians: operations. */
    STAFF,
    /** Admins only: accounts, secrets, import and export of everything. */
    ADMIN;

    boolean admits(Role role) {
      return switch (this) {
        case PUBLIC, SIGNED_IN, CUSTOMERS -> true;
        case CUSTOMER_ADMINS -> role != Role.CUSTOMER_VIEWER;
        case ACCOUNT_ADMINS -> role == Role.ADMIN || role == Role.CUSTOMER_ADMIN;
        case STAFF -> role.staff();
        case ADMIN -> role == Role.ADMIN;
      };
    }
  }

  /** One row: a method ({@code *} for any) and a path pattern as the controller declares it. */
  record Rule(String method, String pattern, Audience audience) {
    PathPattern parsed() {
      return PathPatternParser.defaultInstance.parse(pattern);
    }
  }

  static final String ANY = "*";

  static final List<Rule> RULES =
      List.of(
          // Public: the pages themselves (their data needs a login), signing in, health, errors,
          // and the signed links in alert pages, which carry their own authorisation.
          rule("GET", "/", Audience.PUBLIC),
          rule("GET", "/index.html", Audience.PUBLIC),
          rule("GET", "/login.html", Audience.PUBLIC),
          rule("GET", "/app.js", Audience.PUBLIC),
          rule("GET", "/login.js", Audience.PUBLIC),
          rule("GET", "/app.css", Audience.PUBLIC),
          rule("GET", "/js/*.js", Audience.PUBLIC),
          rule("GET", "/i18n/*.json", Audience.PUBLIC),
          rule("GET", "/v/{version}/**", Audience.PUBLIC), // the same files, versioned
          rule("GET", "/favicon.ico", Audience.PUBLIC),
          rule("GET", "/actuator/health", Audience.PUBLIC),
          rule("GET", "/actuator/health/**", Audience.PUBLIC),
          rule(ANY, "/error", Audience.PUBLIC),
          rule("GET", "/a/{token}", Audience.PUBLIC),
          rule("POST", "/a/{token}", Audience.PUBLIC),
          // The OpenAPI document and Swagger UI describe the API, not its data (ADR 0014).
          rule("GET", "/v3/api-docs", Audience.PUBLIC),
          rule("GET", "/v3/api-docs.yaml", Audience.PUBLIC),
          rule("GET", "/v3/api-docs/swagger-config", Audience.PUBLIC),
          rule("GET", "/swagger-ui.html", Audience.PUBLIC),
          rule("GET", "/swagger-ui/**", Audience.PUBLIC),
          rule("GET", "/api/session", Audience.PUBLIC),
          rule("POST", "/api/session", Audience.PUBLIC),
          rule("DELETE", "/api/session", Audience.PUBLIC),
          rule("POST", "/api/session/verify", Audience.SIGNED_IN),
          // One's own account.
          rule("POST", "/api/account/totp", Audience.SIGNED_IN),
          rule("POST", "/api/account/totp/confirm", Audience.SIGNED_IN),
          rule("GET", "/api/account/tokens", Audience.SIGNED_IN),
          rule("POST", "/api/account/tokens", Audience.SIGNED_IN),
          rule("DELETE", "/api/account/tokens/{id}", Audience.SIGNED_IN),
          // Administration.
          rule("GET", "/api/accounts", Audience.ADMIN),
          rule("POST", "/api/accounts", Audience.ADMIN),
          rule("POST", "/api/accounts/{username}/disable", Audience.ADMIN),
          rule("POST", "/api/accounts/{username}/enable", Audience.ADMIN),
          rule("POST", "/api/accounts/{username}/unlock", Audience.ADMIN),
          rule("GET", "/api/secrets", Audience.ADMIN),
          rule("PUT", "/api/secrets/{name}", Audience.ADMIN),
          rule("POST", "/api/import", Audience.ADMIN),
          rule("GET", "/api/export", Audience.ADMIN),
          // A customer's own data (services confine customer roles to their customer).
          rule("GET", "/api/customers", Audience.CUSTOMERS),
          rule("GET", "/api/customers/{id}", Audience.CUSTOMERS),
          rule("GET", "/api/customers/{customer}/terms", Audience.CUSTOMERS),
          rule("GET", "/api/customers/{customer}/status", Audience.CUSTOMERS),
          rule("GET", "/api/customers/{customer}/sla", Audience.CUSTOMERS),
          rule("GET", "/api/customers/{customer}/sla/events", Audience.CUSTOMERS),
          rule("GET", "/api/customers/{customer}/sla/history", Audience.CUSTOMERS),
          rule("GET", "/api/customers/{customer}/sla.pdf", Audience.CUSTOMERS),
          rule("GET", "/api/customers/{customer}/uptime", Audience.CUSTOMERS),
          rule("GET", "/api/customers/{customer}/maintenance", Audience.CUSTOMERS),
          rule("GET", "/api/customers/{customer}/maintenance/{id}", Audience.CUSTOMERS),
          rule("GET", "/api/customers/{customer}/maintenance.ics", Audience.CUSTOMERS),
          rule("GET", "/api/audit", Audience.CUSTOMERS),
          rule("GET", "/api/audit/export", Audience.CUSTOMERS),
          // Which contract and line govern a service or server (issue 18): the coverage service
          // finds a customer's own only, so another customer's answers 404.
          rule("GET", "/api/coverage/services/{id}", Audience.CUSTOMERS),
          rule("GET", "/api/coverage/servers/{id}", Audience.CUSTOMERS),
          // All the customer's data in one download (DPA-5): its admin's and staff's, not a
          // viewer's.
          rule("GET", "/api/customers/{customer}/export", Audience.CUSTOMER_ADMINS),
          // What a customer does: report a fault, and say it is fixed (SLA-1).
          rule("POST", "/api/customers/{customer}/reports", Audience.CUSTOMER_ADMINS),
          rule(
              "POST", "/api/customers/{customer}/reports/{report}/fixed", Audience.CUSTOMER_ADMINS),
          // Patch compliance, and postponing updates at the customer's own risk (MNT-6).
          rule("GET", "/api/customers/{customer}/patch-compliance", Audience.CUSTOMERS),
          rule("GET", "/api/customers/{customer}/patch-postponements", Audience.CUSTOMERS),
          rule("POST", "/api/customers/{customer}/patch-postponements", Audience.CUSTOMER_ADMINS),
          rule(
              "POST",
              "/api/customers/{customer}/patch-postponements/{id}/end",
              Audience.CUSTOMER_ADMINS),
          rule(
              "DELETE",
              "/api/customers/{customer}/patch-postponements/{id}",
              Audience.CUSTOMER_ADMINS),
          // A customer's admins manage the customer's own accounts (issue 7); never staff ones.
          // Technicians manage no accounts at all (F7): admins and customer admins only.
          rule("GET", "/api/customers/{customer}/users", Audience.ACCOUNT_ADMINS),
          rule("POST", "/api/customers/{customer}/users", Audience.ACCOUNT_ADMINS),
          rule(
              "POST",
              "/api/customers/{customer}/users/{username}/disable",
              Audience.ACCOUNT_ADMINS),
          rule(
              "POST", "/api/customers/{customer}/users/{username}/enable", Audience.ACCOUNT_ADMINS),
          // Restarting one's own server from one's account (MNT-12); the inventory finds only the
          // customer's own servers, so another's is not found.
          rule("POST", "/api/servers/{id}/restart", Audience.CUSTOMER_ADMINS),
          // Operations: staff only.
          rule("POST", "/api/validate", Audience.STAFF),
          rule("GET", "/api/providers", Audience.STAFF),
          rule("PUT", "/api/customers/{id}", Audience.STAFF),
          rule("DELETE", "/api/customers/{id}", Audience.STAFF),
          rule("GET", "/api/clusters", Audience.STAFF),
          rule("GET", "/api/clusters/{id}", Audience.STAFF),
          rule("PUT", "/api/clusters/{id}", Audience.STAFF),
          rule("DELETE", "/api/clusters/{id}", Audience.STAFF),
          rule("GET", "/api/servers", Audience.STAFF),
          rule("GET", "/api/servers/{id}", Audience.STAFF),
          rule("PUT", "/api/servers/{id}", Audience.STAFF),
          rule("DELETE", "/api/servers/{id}", Audience.STAFF),
          rule("GET", "/api/services", Audience.STAFF),
          rule("GET", "/api/services/{id}", Audience.STAFF),
          rule("PUT", "/api/services/{id}", Audience.STAFF),
          rule("DELETE", "/api/services/{id}", Audience.STAFF),
          rule("GET", "/api/documents", Audience.STAFF),
          rule("GET", "/api/documents/{kind}/{id}/{version}", Audience.STAFF),
          rule("GET", "/api/contracts/{contract}/terms", Audience.STAFF),
          rule("POST", "/api/customers/{customer}/reclassifications", Audience.STAFF),
          rule("POST", "/api/customers/{customer}/periods", Audience.STAFF),
          rule("POST", "/api/customers/{customer}/actions", Audience.STAFF),
          rule("POST", "/api/customers/{customer}/notices", Audience.STAFF),
          rule("POST", "/api/customers/{customer}/security-disconnects", Audience.STAFF),
          rule("GET", "/api/monitoring/services", Audience.STAFF),
          rule("GET", "/api/monitoring/summary", Audience.STAFF),
          rule("GET", "/api/monitoring/changes", Audience.STAFF),
          rule("GET", "/api/monitoring/gaps", Audience.STAFF),
          rule("GET", "/api/monitoring/servers/{server}/host", Audience.STAFF),
          rule("GET", "/api/monitoring/servers/{server}/host-key", Audience.STAFF),
          rule("POST", "/api/monitoring/servers/{server}/host-key", Audience.STAFF),
          rule("GET", "/api/alerts", Audience.STAFF),
          rule("GET", "/api/alerts/{incident}", Audience.STAFF),
          rule("POST", "/api/alerts/{incident}/ack", Audience.STAFF),
          rule("POST", "/api/alerts/{incident}/troubleshooting", Audience.STAFF),
          rule("GET", "/api/notifications", Audience.STAFF),
          rule("POST", "/api/maintenance", Audience.STAFF),
          rule("POST", "/api/maintenance/check", Audience.STAFF),
          rule("GET", "/api/maintenance", Audience.STAFF),
          rule("GET", "/api/maintenance/{id}", Audience.STAFF),
          rule("POST", "/api/maintenance/{id}/cancel", Audience.STAFF),
          rule("GET", "/api/maintenance.ics", Audience.STAFF),
          rule("GET", "/api/clusters/{id}/capacity", Audience.STAFF),
          rule("GET", "/api/clusters/{id}/capacity/history", Audience.STAFF),
          rule("POST", "/api/clusters/{id}/capacity/assess", Audience.STAFF),
          rule("GET", "/api/clusters/{id}/maintenance-plan", Audience.STAFF),
          rule("GET", "/api/clusters/{id}/maintenance-runs", Audience.STAFF),
          rule("POST", "/api/clusters/{id}/maintenance-runs", Audience.STAFF),
          rule("GET", "/api/clusters/{id}/maintenance-runs/{run}", Audience.STAFF),
          rule("GET", "/api/servers/{server}/patch-compliance", Audience.STAFF),
          rule("POST", "/api/servers/{server}/patch-scan", Audience.STAFF),
          rule(ANY, "/actuator/**", Audience.STAFF));

  /**
   * Sensitive changes (issue 16, F8; ADR 0017): never with an API token, whatever its scope, and
   * only from a session whose second factor was checked within {@code
   * vakt.access.recent-second-factor} ({@link SensitiveChanges}). Creating, changing, disabling,
   * enabling and unlocking accounts, creating tokens, enrolling a new TOTP seed, setting secrets.
   */
  static final List<Rule> SENSITIVE =
      List.of(
          rule("POST", "/api/accounts", Audience.ADMIN),
          rule("POST", "/api/accounts/{username}/disable", Audience.ADMIN),
          rule("POST", "/api/accounts/{username}/enable", Audience.ADMIN),
          rule("POST", "/api/accounts/{username}/unlock", Audience.ADMIN),
          rule("POST", "/api/customers/{customer}/users", Audience.ACCOUNT_ADMINS),
          rule(
              "POST",
              "/api/customers/{customer}/users/{username}/disable",
              Audience.ACCOUNT_ADMINS),
          rule(
              "POST", "/api/customers/{customer}/users/{username}/enable", Audience.ACCOUNT_ADMINS),
          rule("POST", "/api/account/tokens", Audience.SIGNED_IN),
          rule("POST", "/api/account/totp", Audience.SIGNED_IN),
          rule("PUT", "/api/secrets/{name}", Audience.ADMIN));

  /** The request attribute naming why access was denied, for the problem's type. */
  static final String DENIED = "vakt.access.denied";

  private record Compiled(String method, PathPattern pattern, Audience audience) {}

  private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

  private final List<Compiled> compiled =
      RULES.stream().map(r -> new Compiled(r.method(), r.parsed(), r.audience())).toList();
  private final List<Compiled> sensitive =
      SENSITIVE.stream().map(r -> new Compiled(r.method(), r.parsed(), r.audience())).toList();
  private final SensitiveChanges changes;

  AccessRules(SensitiveChanges changes) {
    this.changes = changes;
  }

  /** Whether {@code method path} is a sensitive change (see {@link #SENSITIVE}). */
  boolean sensitive(String method, String path) {
    PathContainer p = PathContainer.parsePath(path);
    return sensitive.stream().anyMatch(c -> c.method().equals(method) && c.pattern().matches(p));
  }

  private static Rule rule(String method, String pattern, Audience audience) {
    return new Rule(method, pattern, audience);
  }

  /** The audience of the first row matching; staff when none does (deny customers by default). */
  Audience audience(String method, String path) {
    // HEAD is answered as GET is, so it is allowed to whom GET is.
    String m = "HEAD".equals(method) ? "GET" : method;
    PathContainer p = PathContainer.parsePath(path);
    return compiled.stream()
        .filter(c -> (c.method().equals(ANY) || c.method().equals(m)) && c.pattern().matches(p))
        .map(Compiled::audience)
        .findFirst()
        .orElse(Audience.STAFF);
  }

  @Override
  public AuthorizationResult authorize(
      Supplier<? extends Authentication> authentication, RequestAuthorizationContext context) {
    HttpServletRequest request = context.getRequest();
    String path = request.getRequestURI().substring(request.getContextPath().length());
    Audience audience = audience(request.getMethod(), path);
    if (audience == Audience.PUBLIC) {
      return new AuthorizationDecision(true);
    }
    Authentication auth = authentication.get();
    if (auth == null
        || auth instanceof AnonymousAuthenticationToken
        || !(auth.getPrincipal() instanceof VaktPrincipal principal)) {
      return new AuthorizationDecision(false);
    }
    // A token with the read scope only may read, whatever its owner's role.
    if (!SAFE.contains(request.getMethod()) && !principal.mayWrite()) {
      return new AuthorizationDecision(false);
    }
    if (!audience.admits(principal.role())) {
      return new AuthorizationDecision(false);
    }
    if (sensitive(request.getMethod(), path)) {
      if (principal.token() != null) {
        request.setAttribute(DENIED, "session-needed");
        return new AuthorizationDecision(false);
      }
      if (!changes.recent(request)) {
        request.setAttribute(DENIED, "second-factor-needed");
        return new AuthorizationDecision(false);
      }
    }
    return new AuthorizationDecision(true);
  }
}
