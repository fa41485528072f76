package dev.vakt.audit;

import java.util.Optional;

/**
 * Whose trail the current reader may see (DPA-4). The access module implements it; it lives here so
 * the audit log needs nothing from the module that writes to it.
 */
public interface AuditScope {

  /** The one customer the reader is confined to; empty for staff and for the system itself. */
  Optional<String> onlyCustomer();
}
