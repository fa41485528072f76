package dev.vakt.access;

/** What an account may do (ADR 0013, docs/access.md). */
public enum Role {
  /** Everything, including accounts, secrets, import and export. */
  ADMIN,
  /** Operations: monitoring, alerts, maintenance, outages, inventory; not accounts or secrets. */
  TECHNICIAN,
  /** A customer's own data, and the few actions a customer takes (fault reports). */
  CUSTOMER_ADMIN,
  /** A customer's own data, read only. */
  CUSTOMER_VIEWER;

  /** Whether the role belongs to the provider's staff (and so needs no customer, but TOTP). */
  public boolean staff() {
    return this == ADMIN || this == TECHNICIAN;
  }
}
