package dev.vakt.access;

import java.util.Optional;

/**
 * The language a customer's users see by default: the customer's {@code language} in the inventory.
 * Implemented outside this module (the inventory depends on access, not the other way round), so
 * {@code GET /api/session} can tell the page without access knowing the inventory.
 */
public interface CustomerLanguages {

  /** The customer's language code (nb, da, sv, de, en), when the customer is known. */
  Optional<String> of(String customer);
}
