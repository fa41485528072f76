package dev.vakt.maintenance.patching;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.vakt.common.Codes;

/** Whether the provider must install a package's updates, and if not, why not. */
public enum Scope {
  /** The provider patches it. */
  IN_SCOPE,
  /** Its origin is not one of the contract's official repositories (STW 8.0, MNT-10). */
  OUTSIDE_REPOSITORIES,
  /** It belongs to software the customer installed (SWH 2, MNT-9, INV-2). */
  CUSTOMER_INSTALLED,
  /** The provider patches only the contract's components, and this is none of them (MNT-9). */
  NOT_A_COMPONENT;

  @JsonValue
  public String code() {
    return Codes.of(this);
  }
}
