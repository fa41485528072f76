package dev.vakt.access;

import java.util.Optional;

/**
 * What access needs to know of the inventory's customers: whether one exists (accounts belong to
 * existing customers) and its {@code language}, the page's default for its users. Implemented
 * outside this module, since the inventory depends on access and not the other way round.
 */
public interface CustomerDirectory {

  /** Whether the customer exists (and the current user may see it). */
  boolean exists(String customer);

  /** The customer's language code (nb, da, sv, de, en), when the customer is known and has one. */
  Optional<String> language(String customer);
}
