package dev.vakt.maintenance.patching;

import static dev.vakt.common.InvalidField.check;
import static dev.vakt.common.InvalidField.required;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A customer's request to postpone updates, bearing the risk itself (STW 4.0, MNT-6). It applies
 * from when it was recorded until the end of {@code until} in the contract's time zone, or until it
 * was ended early.
 *
 * @param id the stored row
 * @param customer the customer who asked
 * @param contract the contract whose terms allowed it
 * @param servers the servers it covers; null for every server of the customer
 * @param reason the request in the customer's words
 * @param risk the risk the customer accepts, as told to it
 * @param requestedBy the customer's contact who asked (e-mail address)
 * @param until the last day it applies
 * @param endsAt the end of that day in the contract's time zone
 * @param recordedAt when it was recorded: it applies from here
 * @param recordedBy who recorded it
 * @param endedAt when it was ended early, or null
 * @param endedBy who ended it, or null
 * @param endReason why it was ended, or null
 */
public record Postponement(
    long id,
    String customer,
    String contract,
    List<String> servers,
    String reason,
    String risk,
    String requestedBy,
    LocalDate until,
    Instant endsAt,
    Instant recordedAt,
    String recordedBy,
    Instant endedAt,
    String endedBy,
    String endReason) {

  public Postponement {
    required("customer", customer);
    required("reason", reason);
    check(!reason.isBlank(), "reason", "cannot be empty");
    required("risk", risk);
    check(!risk.isBlank(), "risk", "cannot be empty: the customer accepts a risk it was told of");
    required("requestedBy", requestedBy);
    required("until", until);
    Objects.requireNonNull(endsAt, "endsAt");
    Objects.requireNonNull(recordedAt, "recordedAt");
    Objects.requireNonNull(recordedBy, "recordedBy");
    check(endsAt.isAfter(recordedAt), "until", "lies in the past");
    servers = servers == null ? null : List.copyOf(servers);
  }

  /** Whether it covers {@code server}. */
  public boolean covers(String server) {
    return servers == null || servers.contains(server);
  }

  /** When it stops applying: the end of {@code until}, or when it was ended early. */
  public Instant activeUntil() {
    return endedAt != null && endedAt.isBefore(endsAt) ? endedAt : endsAt;
  }

  /** Whether it applies at {@code at}. */
  public boolean activeAt(Instant at) {
    return !at.isBefore(recordedAt) && at.isBefore(activeUntil());
  }
}
