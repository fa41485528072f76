package dev.vakt.access;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Signed-in sessions for tests: sensitive changes (accounts, tokens, secrets) need a session with a
 * recent second factor, never an API token (issue 16, ADR 0017).
 */
public final class TestSessions {

  /** A password the policy accepts. */
  public static final String PASSWORD = "correct horse battery";

  private static final AtomicLong COUNTER = new AtomicLong();

  private TestSessions() {}

  /** A new account of {@code role} (of {@code customer} for customer roles), signed in. */
  public static Browser signIn(int port, Accounts accounts, Role role, String customer) {
    String user = role.name().toLowerCase().replace('_', '-') + "-s" + next();
    Accounts.Created c =
        accounts.create(
            new Accounts.NewAccount(user, PASSWORD, role, role.staff() ? null : customer), "test");
    Browser b = new Browser(port);
    String code = c.totpSecret() == null ? null : Totp.code(Totp.fromBase32(c.totpSecret()), now());
    var r = b.login(user, PASSWORD, code);
    if (r.getStatusCode().value() != 200) {
      throw new IllegalStateException("could not sign in " + user + ": " + r);
    }
    return b;
  }

  /** A new administrator, signed in. */
  public static Browser admin(int port, Accounts accounts) {
    return signIn(port, accounts, Role.ADMIN, null);
  }

  private static Instant now() {
    return Instant.now();
  }

  private static String next() {
    return Long.toString(System.nanoTime(), 36) + COUNTER.incrementAndGet();
  }
}
