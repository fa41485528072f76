package dev.vakt.access;

import dev.vakt.common.ApiErrors;
import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A customer's own accounts, managed by its admins (issue 7): list, add a viewer or an admin of the
 * same customer, disable and enable. Confined like every customer's data (DPA-4): another
 * customer's accounts, and staff accounts, are "not found"; a customer admin can never create
 * staff, cannot disable their own account (they would lock themselves out), and cannot enable an
 * account the provider's staff disabled (F16). Technicians reach none of this ({@link AccessRules},
 * F7). Every change is audited by {@link Accounts}.
 */
@Service
public class CustomerAccounts {

  // No 0/O, 1/l/I: the password is read off a screen and typed in.
  private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  private static final int GENERATED_LENGTH = 20;

  private final Accounts accounts;
  private final Tenancy tenancy;
  private final ObjectProvider<CustomerDirectory> customers;
  private final LoginThrottle throttle;
  private final SecureRandom random = new SecureRandom();

  /** The backoff key of a customer admin's tries of names that are taken (F16). */
  static final String NAME_PROBES = "taken-usernames";

  CustomerAccounts(
      Accounts accounts,
      Tenancy tenancy,
      ObjectProvider<CustomerDirectory> customers,
      LoginThrottle throttle) {
    this.throttle = throttle;
    this.accounts = accounts;
    this.tenancy = tenancy;
    this.customers = customers;
  }

  /**
   * Throws 404 unless the current user may see the customer and it exists: accounts are only ever
   * added to a customer of the inventory.
   */
  public void requireCustomer(String customer) {
    tenancy.requireCustomer(customer);
    CustomerDirectory d = customers.getIfAvailable();
    if (d != null && !d.exists(customer)) {
      throw new ApiErrors.NotFound("customer " + customer);
    }
  }

  /** What a customer admin gives: the role defaults to viewer, the password to a generated one. */
  public record NewUser(String username, Role role, String password) {
    @Override
    public String toString() {
      return "NewUser[" + username + ", " + role + ", password=(hidden)]";
    }
  }

  /**
   * A created account and its initial password when Vakt generated it, shown this once and never
   * stored in clear.
   */
  public record Added(Accounts.Account account, String initialPassword) {
    @Override
    public String toString() {
      return "Added[" + account + ", password=(hidden)]";
    }
  }

  /** The customer's accounts. */
  public List<Accounts.Account> list(String customer) {
    tenancy.requireCustomer(customer);
    return accounts.list(customer);
  }

  /**
   * Adds a viewer or admin to the customer; never staff. A refused name commits its count towards
   * the backoff (hence no rollback for {@link ApiErrors.Conflict}).
   */
  @Transactional(noRollbackFor = ApiErrors.Conflict.class)
  public Added add(String customer, NewUser u, String actor) {
    requireCustomer(customer);
    Role role = u.role() == null ? Role.CUSTOMER_VIEWER : u.role();
    if (role.staff()) {
      throw new ApiErrors.InvalidInput("/role", "must be CUSTOMER_VIEWER or CUSTOMER_ADMIN");
    }
    refuseNameProbes(u.username());
    boolean generate = u.password() == null || u.password().isEmpty();
    String password = generate ? generated(u.username()) : u.password();
    Accounts.Created c =
        accounts.create(new Accounts.NewAccount(u.username(), password, role, customer), actor);
    return new Added(c.account(), generate ? password : null);
  }

  /** Disables or enables one of the customer's accounts; not one's own. */
  @Transactional
  public Accounts.Account setDisabled(
      String customer, String username, boolean disabled, String actor) {
    tenancy.requireCustomer(customer);
    Accounts.Account a =
        accounts
            .find(username)
            .filter(x -> Objects.equals(x.customer(), customer) && !x.role().staff())
            .orElseThrow(
                () -> new ApiErrors.NotFound("account " + username + " of customer " + customer));
    boolean self = Tenancy.current().map(p -> p.username().equals(a.username())).orElse(false);
    if (disabled && self) {
      throw new ApiErrors.Conflict("you cannot disable your own account");
    }
    boolean staff = Tenancy.current().map(p -> p.role().staff()).orElse(true);
    // What the provider's staff disabled stays disabled until staff enable it (F16).
    if (!disabled && !staff && accounts.disabledByStaff(username)) {
      throw new ApiErrors.Conflict(
          "account " + username + " was disabled by your provider; ask them to enable it");
    }
    return accounts.setDisabled(username, disabled, actor, staff ? "staff" : "customer");
  }

  /**
   * Usernames are global (one login name space), so a taken name must be refused; to keep a
   * customer admin from enumerating staff and other customers' names (F16), the answer names no
   * holder, and each taken name a customer admin tries counts towards a backoff (as failed logins
   * do). While it lasts, every name is "not available", taken or not, so probing teaches nothing.
   */
  private void refuseNameProbes(String username) {
    Optional<VaktPrincipal> who = Tenancy.current().filter(p -> !p.role().staff());
    if (who.isEmpty() || username == null) {
      return;
    }
    String actor = who.get().username();
    boolean backingOff = throttle.blockedUntil(actor, NAME_PROBES) != null;
    if (backingOff || accounts.find(username).isPresent()) {
      if (!backingOff) {
        throttle.failed(actor, NAME_PROBES);
      }
      throw new ApiErrors.Conflict(Accounts.notAvailable(username));
    }
  }

  private String generated(String username) {
    String password;
    do {
      StringBuilder b = new StringBuilder(GENERATED_LENGTH);
      for (int i = 0; i < GENERATED_LENGTH; i++) {
        b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      }
      password = b.toString();
    } while (PasswordPolicy.mentionsNames(username, password));
    return password;
  }
}
