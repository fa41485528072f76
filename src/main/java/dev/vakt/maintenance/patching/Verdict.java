package dev.vakt.maintenance.patching;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.vakt.common.Codes;

/**
 * A server's patch compliance in a month. Ordered from worst to best for a customer's summary: one
 * non-compliant server makes the customer non-compliant.
 */
public enum Verdict {
  /** An update, a kept-back package or a reboot was overdue in the month, not postponed. */
  NON_COMPLIANT,
  /** No scan succeeded near the month's end: nothing is known. */
  UNKNOWN,
  /** Something was overdue, but only while the customer had postponed updates (MNT-6). */
  POSTPONED,
  /** Nothing in scope was overdue. */
  COMPLIANT,
  /** The contract sets no patch management for the server. */
  NOT_COVERED;

  @JsonValue
  public String code() {
    return Codes.of(this);
  }
}
