package dev.vakt.access;

import dev.vakt.common.ApiErrors;
import dev.vakt.common.Paging;
import dev.vakt.common.Requests;
import java.net.URI;
import java.security.Principal;
import java.time.Duration;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * One's own account (TOTP enrolment, API tokens) and, for admins, everyone's. Tokens are managed
 * from a signed-in session only: a leaked token must not be able to mint longer-lived ones.
 */
@RestController
class AccountController {

  private final Accounts accounts;
  private final ApiTokens tokens;

  AccountController(Accounts accounts, ApiTokens tokens) {
    this.accounts = accounts;
    this.tokens = tokens;
  }

  record Enrolment(String otpauthUri, String secret) {}

  record Code(String code) {}

  record NewToken(String name, String scope, Integer expiresInDays) {}

  @PostMapping("/api/account/totp")
  Enrolment enrol(Principal principal) {
    VaktPrincipal p = sessionUser();
    Accounts.Created c = accounts.enrolTotp(p.username(), Requests.actor(principal));
    return new Enrolment(c.totpUri(), c.totpSecret());
  }

  @PostMapping("/api/account/totp/confirm")
  Accounts.Account confirm(@RequestBody JsonNode body, Principal principal) {
    VaktPrincipal p = sessionUser();
    return accounts.confirmTotp(
        p.username(), Requests.bind(body, Code.class).code(), Requests.actor(principal));
  }

  @GetMapping("/api/account/tokens")
  ResponseEntity<List<ApiTokens.Token>> myTokens(
      @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
    return Paging.page(
        tokens.list(Tenancy.current().orElseThrow().username()), Paging.PageRequest.of(page, size));
  }

  @PostMapping("/api/account/tokens")
  ResponseEntity<ApiTokens.Issued> issue(@RequestBody JsonNode body, Principal principal) {
    VaktPrincipal p = sessionUser();
    NewToken t = Requests.bind(body, NewToken.class);
    ApiTokens.Scope scope;
    try {
      scope =
          t.scope() == null
              ? null
              : ApiTokens.Scope.valueOf(t.scope().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ApiErrors.InvalidInput("/scope", "must be read or write");
    }
    ApiTokens.Issued issued =
        tokens.issue(
            p.username(),
            t.name(),
            scope,
            t.expiresInDays() == null ? null : Duration.ofDays(t.expiresInDays()),
            Requests.actor(principal));
    return ResponseEntity.created(URI.create("/api/account/tokens/" + issued.token().id()))
        .body(issued);
  }

  @DeleteMapping("/api/account/tokens/{id}")
  ApiTokens.Token revoke(@PathVariable long id, Principal principal) {
    return tokens.revoke(Tenancy.current().orElseThrow().username(), id, Requests.actor(principal));
  }

  /** Accounts by username; paged in memory, as a provider has hundreds, not millions. */
  @GetMapping("/api/accounts")
  ResponseEntity<List<Accounts.Account>> all(
      @RequestParam(required = false) String customer,
      @RequestParam(required = false) Integer page,
      @RequestParam(required = false) Integer size) {
    Paging.PageRequest p = Paging.PageRequest.of(page, size);
    return Paging.page(accounts.list(customer), p);
  }

  @PostMapping("/api/accounts")
  ResponseEntity<Accounts.Created> create(@RequestBody JsonNode body, Principal principal) {
    Accounts.Created c =
        accounts.create(Requests.bind(body, Accounts.NewAccount.class), Requests.actor(principal));
    return ResponseEntity.created(URI.create("/api/accounts/" + c.account().username())).body(c);
  }

  @PostMapping("/api/accounts/{username}/disable")
  Accounts.Account disable(@PathVariable String username, Principal principal) {
    return accounts.setDisabled(username, true, Requests.actor(principal));
  }

  @PostMapping("/api/accounts/{username}/enable")
  Accounts.Account enable(@PathVariable String username, Principal principal) {
    return accounts.setDisabled(username, false, Requests.actor(principal));
  }

  @PostMapping("/api/accounts/{username}/unlock")
  Accounts.Account unlock(@PathVariable String username, Principal principal) {
    return accounts.unlock(username, Requests.actor(principal));
  }

  private static VaktPrincipal sessionUser() {
    VaktPrincipal p = Tenancy.current().orElseThrow();
    if (p.token() != null) {
      throw new TokenRefused();
    }
    return p;
  }

  /** Account settings change from a signed-in session only (403, {@link SensitiveChangeAdvice}). */
  static final class TokenRefused extends RuntimeException {}
}
