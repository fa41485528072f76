package dev.vakt.access;

import dev.vakt.audit.AuditLog;
import dev.vakt.common.ApiErrors;
import dev.vakt.common.Ids;
import dev.vakt.secrets.Secrets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Accounts: creation, password plus TOTP verification with backoff ({@link LoginThrottle}), TOTP
 * enrolment. Every change and every login, successful or not, is audited (DPA-3); passwords, seeds
 * and codes never are.
 */
@Service
public class Accounts {

  static final String ISSUER = "Vakt";

  private final AccountStore store;
  private final PasswordEncoder passwords;
  private final Secrets secrets;
  private final AuditLog audit;
  private final PasswordPolicy policy;
  private final LoginThrottle throttle;
  private final Clock clock;
  // Compared against when the account does not exist, so the answer takes as long either way.
  private final String dummyHash;

  Accounts(
      AccountStore store,
      PasswordEncoder passwords,
      Secrets secrets,
      AuditLog audit,
      PasswordPolicy policy,
      LoginThrottle throttle,
      Clock clock) {
    this.store = store;
    this.passwords = passwords;
    this.secrets = secrets;
    this.audit = audit;
    this.policy = policy;
    this.throttle = throttle;
    this.clock = clock;
    this.dummyHash = passwords.encode("not-a-password-of-anyone");
  }

  /** An account as the API shows it: never a hash or a seed. */
  public record Account(
      String username,
      Role role,
      String customer,
      boolean totpEnrolled,
      boolean disabled,
      Instant lockedUntil,
      Instant createdAt) {}

  /** What an administrator (or {@code vakt user add}) gives to create an account. */
  public record NewAccount(String username, String password, Role role, String customer) {
    @Override
    public String toString() {
      return "NewAccount[" + username + ", " + role + ", " + customer + ", password=(hidden)]";
    }
  }

  /**
   * A created account and, for staff, the TOTP enrolment URI, shown this once.
   *
   * @param totpUri the {@code otpauth://} URI; null for customers, who enrol themselves
   * @param totpSecret the same seed in base32, for typing into an app; null for customers
   */
  public record Created(Account account, String totpUri, String totpSecret) {
    @Override
    public String toString() {
      return "Created[" + account + ", totp=(hidden)]";
    }
  }

  /** Creates an account; staff get a TOTP seed at once, since they cannot sign in without it. */
  @Transactional
  public Created create(NewAccount a, String actor) {
    String username = requireUsername(a.username());
    if (a.role() == null) {
      throw new ApiErrors.InvalidInput("/role", "is required");
    }
    if (a.role().staff() && a.customer() != null) {
      throw new ApiErrors.InvalidInput("/customer", "staff accounts belong to no customer");
    }
    if (!a.role().staff()) {
      Ids.require("customer", a.customer());
    }
    policy.check(username, a.password());
    if (store.find(username).isPresent()) {
      // The same words whoever holds the name (staff, this or another customer): F16.
      throw new ApiErrors.Conflict(notAvailable(username));
    }
    byte[] seed = a.role().staff() ? Totp.newSeed() : null;
    AccountStore.Row row =
        new AccountStore.Row(
            username,
            passwords.encode(a.password()),
            a.role(),
            a.customer(),
            seed == null ? null : seal(username, seed),
            null,
            0,
            0,
            null,
            false,
            clock.instant());
    store.insert(row);
    Account created = view(row);
    audit.record(actor, "create", "account", username, a.customer(), null, auditView(created));
    return seed == null
        ? new Created(created, null, null)
        : new Created(created, Totp.uri(ISSUER, username, seed), Totp.base32(seed));
  }

  /** The one answer to a name that cannot be had, whoever holds it (F16). */
  static String notAvailable(String username) {
    return "username " + username + " is not available; choose another";
  }

  /**
   * The current TOTP code of a base32 secret, as an authenticator app shows it: for {@code vakt
   * totp}, so the demo can be tried without an app on the phone.
   */
  public static String currentCode(String base32Secret, Clock clock) {
    return Totp.code(Totp.fromBase32(base32Secret), clock.instant());
  }

  /** All accounts, or those of one customer. */
  public List<Account> list(String customer) {
    return store.all(customer).stream().map(Accounts::view).toList();
  }

  /** Stores a change to an account and audits it, before and after (without secrets). */
  private Account save(
      AccountStore.Row row, AccountStore.Row changed, String action, String actor) {
    store.update(changed);
    audit.record(
        actor,
        action,
        "account",
        row.username(),
        row.customer(),
        auditView(view(row)),
        auditView(view(changed)));
    return view(changed);
  }

  public Optional<Account> find(String username) {
    return store.find(username).map(Accounts::view);
  }

  /**
   * Disables or enables an account; a disabled account cannot sign in, nor use its tokens. Staff do
   * it here; {@link CustomerAccounts} records a customer admin's own (F16).
   */
  @Transactional
  public Account setDisabled(String username, boolean disabled, String actor) {
    return setDisabled(username, disabled, actor, "staff");
  }

  @Transactional
  Account setDisabled(String username, boolean disabled, String actor, String by) {
    AccountStore.Row row = existing(username);
    AccountStore.Row changed = with(row, row.failedAttempts(), row.lockedUntil(), disabled);
    Account after = save(row, changed, disabled ? "disable" : "enable", actor);
    store.disabledBy(username, disabled ? by : null);
    return after;
  }

  /** Whether the provider's staff disabled the account (a customer admin may not undo that). */
  boolean disabledByStaff(String username) {
    return "staff".equals(store.disabledBy(username).orElse(null));
  }

  /** Forgets every address's failed logins at the account: its backoff ends at once. */
  @Transactional
  public Account unlock(String username, String actor) {
    AccountStore.Row row = existing(username);
    AccountStore.Row changed = with(row, 0, null, row.disabled());
    throttle.forget(username);
    return save(row, changed, "unlock", actor);
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
    store.update(
        new AccountStore.Row(
            row.username(),
            row.passwordHash(),
            row.role(),
            row.customer(),
            row.totpSeed(),
            row.totpPending(),
            step.getAsLong(),
            0,
            null,
            false,
            row.createdAt()));
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
      store.update(
          new AccountStore.Row(
              row.username(),
              row.passwordHash(),
              row.role(),
              row.customer(),
              row.totpSeed(),
              row.totpPending(),
              step.getAsLong(),
              row.failedAttempts(),
              row.lockedUntil(),
              row.disabled(),
              row.createdAt()));
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

  /**
   * Starts (or restarts) TOTP enrolment: a new seed waits until {@link #confirmTotp} proves the app
   * has it. Returns the {@code otpauth://} URI, shown this once.
   */
  @Transactional
  public Created enrolTotp(String username, String actor) {
    AccountStore.Row row = existing(username);
    byte[] seed = Totp.newSeed();
    store.update(
        new AccountStore.Row(
            row.username(),
            row.passwordHash(),
            row.role(),
            row.customer(),
            row.totpSeed(),
            seal(pendingContext(username), seed),
            row.totpLastStep(),
            row.failedAttempts(),
            row.lockedUntil(),
            row.disabled(),
            row.createdAt()));
    audit.record(
        actor, "totp-enrol", "account", username, row.customer(), null, Map.of("pending", true));
    return new Created(view(row), Totp.uri(ISSUER, username, seed), Totp.base32(seed));
  }

  /** Confirms enrolment with a code from the new seed; from then on the seed is required. */
  @Transactional
  public Account confirmTotp(String username, String code, String actor) {
    AccountStore.Row row = existing(username);
    if (row.totpPending() == null) {
      throw new ApiErrors.Conflict("no TOTP enrolment is waiting; start one first");
    }
    byte[] seed = unseal(pendingContext(username), row.totpPending());
    OptionalLong step = Totp.verify(seed, code, clock.instant(), 0);
    if (step.isEmpty()) {
      throw new ApiErrors.InvalidInput("/code", "does not match the new seed");
    }
    AccountStore.Row changed =
        new AccountStore.Row(
            row.username(),
            row.passwordHash(),
            row.role(),
            row.customer(),
            seal(username, seed),
            null,
            step.getAsLong(),
            row.failedAttempts(),
            row.lockedUntil(),
            row.disabled(),
            row.createdAt());
    return save(row, changed, "totp-confirm", actor);
  }

  /** Whether the account may act now: exists, enabled (tokens check this on every request). */
  boolean active(String username) {
    return store.find(username).map(r -> !r.disabled()).orElse(false);
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

  private static AccountStore.Row with(
      AccountStore.Row r, int failed, Instant lockedUntil, boolean disabled) {
    return new AccountStore.Row(
        r.username(),
        r.passwordHash(),
        r.role(),
        r.customer(),
        r.totpSeed(),
        r.totpPending(),
        r.totpLastStep(),
        failed,
        lockedUntil,
        disabled,
        r.createdAt());
  }

  private String requireUsername(String username) {
    if (username == null || !username.matches("[a-z0-9][a-z0-9._@-]{1,63}")) {
      throw new ApiErrors.InvalidInput(
          "/username", "2 to 64 of a-z, 0-9 and . _ @ -, starting with a letter or digit");
    }
    return username;
  }

  private byte[] seal(String context, byte[] seed) {
    return secrets.seal("totp:" + context, seed);
  }

  private byte[] unseal(String context, byte[] sealed) {
    return secrets.unseal("totp:" + context, sealed);
  }

  private static String pendingContext(String username) {
    return username + ":pending";
  }

  private static Account view(AccountStore.Row r) {
    return new Account(
        r.username(),
        r.role(),
        r.customer(),
        r.totpSeed() != null,
        r.disabled(),
        r.lockedUntil(),
        r.createdAt());
  }

  private static Map<String, Object> auditView(Account a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("username", a.username());
    m.put("role", a.role().name());
    if (a.customer() != null) {
      m.put("customer", a.customer());
    }
    m.put("totp", a.totpEnrolled());
    m.put("disabled", a.disabled());
    return m;
  }
}
