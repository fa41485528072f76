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
 * Accounts: creation, disabling and enabling, TOTP enrolment; signing in is {@link Logins}. Every
 * change and every login, successful or not, is audited (DPA-3); passwords, seeds and codes never
 * are.
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
