package dev.vakt.access;

import dev.vakt.audit.AuditLog;
import dev.vakt.common.ApiErrors;
import dev.vakt.secrets.Secrets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Signing in and checking the second factor again: password plus TOTP, with the backoff per account
 * and client address of {@link LoginThrottle} (F9; ADR 0017). Every attempt, successful or not, is
 * audited with the real reason (DPA-3); the client hears one answer for every refusal. Passwords,
 * seeds and codes are never recorded.
 */
@Service
class Logins {

  private final AccountStore store;
  private final PasswordEncoder passwords;
  private final Secrets secrets;
  private final AuditLog audit;
  private final LoginThrottle throttle;
  private final Clock clock;
  // Compared against when there is no account to compare with, so every refusal costs the same.
  private final String dummyHash;

  Logins(
      AccountStore store,
      PasswordEncoder passwords,
      Secrets secrets,
      AuditLog audit,
      LoginThrottle throttle,
      Clock clock) {
    this.store = store;
    this.passwords = passwords;
    this.secrets = secrets;
    this.audit = audit;
    this.throttle = throttle;
    this.clock = clock;
    this.dummyHash = passwords.encode("not-a-password-of-anyone");
  }

  /** Why a login failed: for the audit log only; the client hears the same answer for each. */
  enum Refusal {
    UNKNOWN_ACCOUNT,
    DISABLED,
    /** This address failed too often at this account and must wait (backoff, F9). */
    BACKING_OFF,
    WRONG_PASSWORD,
    WRONG_CODE,
    /** The request's body could not be read (F15): audited like any failed login. */
    BAD_INPUT
  }

  /** A login's outcome: the principal, or why not. */
  record Outcome(VaktPrincipal principal, Refusal refusal) {}

  /**
   * Checks password and, when the account has one, the TOTP code. A failure counts towards the
   * backoff of this account from this address only; a success clears it and uses up the code's time
   * step. Every refusal costs one password hash, so timing does not tell an unknown, disabled or
   * backing-off account from a wrong password (F16).
   */
  @Transactional
  Outcome authenticate(String username, String password, String code, String address) {
    Instant now = clock.instant();
    String name = plausible(username) ? username : null;
    Optional<AccountStore.Row> found = name == null ? Optional.empty() : store.findForUpdate(name);
    Instant waitUntil = name == null ? null : throttle.blockedUntil(name, address);
    if (found.isEmpty() || found.get().disabled() || waitUntil != null) {
      passwords.matches(password == null ? "" : password, dummyHash);
      Refusal why =
          waitUntil != null
              ? Refusal.BACKING_OFF
              : found.isEmpty() ? Refusal.UNKNOWN_ACCOUNT : Refusal.DISABLED;
      if (name != null && why != Refusal.BACKING_OFF) {
        throttle.failed(name, address);
      }
      return refused(username, found.map(AccountStore.Row::customer).orElse(null), why, address);
    }
    AccountStore.Row row = found.get();
    boolean passwordOk = password != null && passwords.matches(password, row.passwordHash());
    OptionalLong step =
        row.totpSeed() == null
            ? OptionalLong.of(row.totpLastStep())
            : Totp.verify(unseal(name, row.totpSeed()), code, now, row.totpLastStep());
    if (!passwordOk || step.isEmpty()) {
      int failures = throttle.failed(name, address);
      Refusal why = passwordOk ? Refusal.WRONG_CODE : Refusal.WRONG_PASSWORD;
      refused(username, row.customer(), why, address, throttle.delay(failures));
      return new Outcome(null, why);
    }
    throttle.succeeded(name, address);
    // Failures are counted per account and address (LoginThrottle), not on the row any more.
    store.update(row.withTotpLastStep(step.getAsLong()));
    audit.record(
        name,
        "login",
        "session",
        name,
        row.customer(),
        null,
        Map.of("address", String.valueOf(address)));
    return new Outcome(VaktPrincipal.session(name, row.role(), row.customer()), null);
  }

  /**
   * Checks the second factor again for a signed-in session (sensitive changes, ADR 0017): the TOTP
   * code when the account has one (each code once), else its password. Failures count towards the
   * same backoff as logins do and are audited.
   */
  @Transactional
  boolean reverify(String username, String code, String password, String address) {
    AccountStore.Row row = existing(username);
    Instant now = clock.instant();
    boolean ok = false;
    OptionalLong step = OptionalLong.empty();
    if (throttle.blockedUntil(username, address) == null) {
      if (row.totpSeed() != null) {
        step = Totp.verify(unseal(username, row.totpSeed()), code, now, row.totpLastStep());
        ok = step.isPresent();
      } else {
        ok = password != null && passwords.matches(password, row.passwordHash());
      }
    }
    if (!ok) {
      throttle.failed(username, address);
      audit.record(
          username,
          "verify-failed",
          "session",
          username,
          row.customer(),
          null,
          Map.of("address", String.valueOf(address)));
      return false;
    }
    throttle.succeeded(username, address);
    if (step.isPresent()) {
      store.update(row.withTotpLastStep(step.getAsLong()));
    }
    audit.record(
        username,
        "verify",
        "session",
        username,
        row.customer(),
        null,
        Map.of(
            "address", String.valueOf(address), "factor", step.isPresent() ? "totp" : "password"));
    return true;
  }

  /** Audits a login whose body could not be read (F15), and says why for the caller. */
  Outcome badInput(String address) {
    return refused(null, null, Refusal.BAD_INPUT, address);
  }

  private Outcome refused(String username, String customer, Refusal why, String address) {
    return refused(username, customer, why, address, java.time.Duration.ZERO);
  }

  private Outcome refused(
      String username, String customer, Refusal why, String address, java.time.Duration wait) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("reason", why.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
    details.put("address", String.valueOf(address));
    if (wait.isPositive()) {
      details.put("backoff", wait.toString());
    }
    audit.record(
        "anonymous",
        "login-failed",
        "session",
        username == null ? "(none)" : truncate(username),
        customer,
        null,
        details);
    return new Outcome(null, why);
  }

  /** A name as typed, safe to store: at most 64 characters, control characters (NUL) as '?'. */
  private static String truncate(String s) {
    String cut = s.length() > 64 ? s.substring(0, 64) : s;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }

  /** Could be a username at all; anything else is refused without asking the database. */
  private static boolean plausible(String username) {
    return username != null && username.matches("[a-z0-9][a-z0-9._@-]{1,63}");
  }

  private AccountStore.Row existing(String username) {
    return store.find(username).orElseThrow(() -> new ApiErrors.NotFound("account " + username));
  }

  private byte[] unseal(String username, byte[] sealed) {
    return secrets.unseal("totp:" + username, sealed);
  }
}
