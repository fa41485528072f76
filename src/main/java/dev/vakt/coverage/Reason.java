package dev.vakt.coverage;

/** Why a service or server is covered by a contract, or why not (issue 18). */
public enum Reason {
  UNKNOWN(false, "not in the inventory"),
  NO_CONTRACT(false, "no contract of the customer runs on that day"),
  NOT_ASSIGNED(false, "no line of the customer's contracts covers it"),
  SWITCHED_OFF(false, "switched off in the inventory"),
  WATCHED_BY_INVENTORY(true, "watched because the inventory says so"),
  PROVIDER_INSTALLED(true, "provider-installed"),
  CUSTOMER_INSTALLED_WATCHED(true, "customer-installed and the contract watches those"),
  CUSTOMER_INSTALLED(false, "customer-installed; the contract covers provider-installed services"),
  COLOCATION(false, "colocation: the customer's own equipment, not covered"),
  SERVER_COVERED(true, "covered by the contract");

  private final boolean covered;
  private final String text;

  Reason(boolean covered, String text) {
    this.covered = covered;
    this.text = text;
  }

  /** Whether this reason means the contract covers the subject. */
  public boolean covered() {
    return covered;
  }

  /** The reason in words, for staff pages and logs (English). */
  public String text() {
    return text;
  }

  /**
   * The reason a covered subject has whatever the terms say, or null for a customer-installed
   * service, whose coverage depends on the terms of the day (worked out once, at build).
   */
  static Reason whateverTheTerms(dev.vakt.inventory.Server server, dev.vakt.inventory.Service s) {
    if (s == null) {
      return SERVER_COVERED;
    }
    if (Boolean.FALSE.equals(s.monitored())) {
      return SWITCHED_OFF;
    }
    if (Boolean.TRUE.equals(s.monitored())) {
      return WATCHED_BY_INVENTORY;
    }
    return s.installedBy() == dev.vakt.inventory.Service.InstalledBy.CUSTOMER
        ? null
        : PROVIDER_INSTALLED;
  }

  /** What a customer-installed service is when the contract does not watch such services. */
  static Reason unwatched(dev.vakt.inventory.Server server) {
    return server != null && server.kind() == dev.vakt.inventory.Server.Kind.COLOCATION
        ? COLOCATION
        : CUSTOMER_INSTALLED;
  }
}
