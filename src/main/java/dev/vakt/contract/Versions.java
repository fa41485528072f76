package dev.vakt.contract;

import static dev.vakt.common.InvalidField.required;

import java.time.LocalDate;

/** The version rules every terms document shares. */
final class Versions {

  private Versions() {}

  static void check(Integer version, LocalDate effectiveFrom) {
    required("version", version);
    dev.vakt.common.InvalidField.check(version >= 1, "version", "must be 1 or higher");
    required("effectiveFrom", effectiveFrom);
  }
}
