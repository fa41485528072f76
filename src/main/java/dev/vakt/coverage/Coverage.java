package dev.vakt.coverage;

import dev.vakt.contract.ContractDocument;
import dev.vakt.contract.ContractLine;
import dev.vakt.contract.ResolvedTerms;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;

/**
 * The one answer to "what governs this service (or server) now" (issue 18): whose it is, which
 * contract version and line cover it, the terms that apply, the contract's zone and local date, and
 * whether it is covered and why.
 *
 * @param subject what was asked about
 * @param customer the customer it belongs to; null when it is not in the inventory
 * @param provider the customer's provider; null when unknown
 * @param contract the contract version in effect that covers it; null when none does
 * @param line the contract line that covers it; null when the customer's only contract covers it
 *     without lines, or when nothing covers it
 * @param terms the resolved terms of {@code contract} on {@code localDate}; null when no contract
 * @param zone the contract's time zone (the provider's when no contract covers it; UTC when not
 *     even that is known)
 * @param localDate the day in {@code zone} at the instant asked about
 * @param reason why it is covered or not
 * @param version the version of the coverage index that answered
 */
public record Coverage(
    Subject subject,
    String customer,
    String provider,
    ContractDocument contract,
    ContractLine line,
    ResolvedTerms terms,
    ZoneId zone,
    LocalDate localDate,
    Reason reason,
    long version) {

  /** Whether the contract covers the subject on {@code localDate}. */
  public boolean covered() {
    return reason.covered();
  }

  /** The covering contract's id. */
  public Optional<String> contractId() {
    return Optional.ofNullable(contract).map(ContractDocument::id);
  }

  /** The covering line's id. */
  public Optional<String> lineId() {
    return Optional.ofNullable(line).map(ContractLine::id);
  }

  /** The terms, if a contract covers the subject. */
  public Optional<ResolvedTerms> resolved() {
    return Optional.ofNullable(terms);
  }
}
