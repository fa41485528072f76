package dev.vakt.contract;

import static dev.vakt.common.InvalidField.check;
import static dev.vakt.common.InvalidField.required;

import java.time.LocalDateTime;

/**
 * A one-off window agreed in writing (STW 9.0, BDN SLA 1.1.1: "efter nærmere aftale"), kept with
 * the reference to that agreement. Times are local to the terms' time zone.
 *
 * @param reference where the agreement is written down (e-mail, ticket, signed form)
 * @param start local start
 * @param end local end, after the start
 */
public record AgreedWindow(String reference, LocalDateTime start, LocalDateTime end) {

  public AgreedWindow {
    required("reference", reference);
    check(!reference.isBlank(), "reference", "must say where the agreement is written down");
    required("start", start);
    required("end", end);
    check(
        end.isAfter(start),
        "end",
        "the window ends (" + end + ") before it starts (" + start + ")");
  }
}
