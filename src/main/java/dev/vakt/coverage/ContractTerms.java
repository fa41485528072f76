package dev.vakt.coverage;

import dev.vakt.contract.ResolvedTerms;
import dev.vakt.contract.TermsResolver;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * One contract's resolved terms, kept per span between the days they can change, so that a coverage
 * answer costs a binary search instead of a merge of every layer.
 */
final class ContractTerms {

  private final String contract;
  private final TermsResolver resolver;
  private final LocalDate[] days;
  private final AtomicReferenceArray<Optional<ResolvedTerms>> spans;

  ContractTerms(String contract, TermsResolver resolver) {
    this.contract = contract;
    this.resolver = resolver;
    this.days = resolver.changeDays(contract).toArray(LocalDate[]::new);
    this.spans = new AtomicReferenceArray<>(days.length);
  }

  /** The days on which the terms may change, in order. */
  LocalDate[] days() {
    return days;
  }

  /** The contract's terms on {@code day}, or null when it does not run that day. */
  ResolvedTerms on(LocalDate day) {
    int i = floor(day);
    if (i < 0) {
      return null;
    }
    Optional<ResolvedTerms> span = spans.get(i);
    if (span == null) {
      // Computed once per span; two threads computing it at once get equal answers.
      span = resolver.resolve(contract, days[i]);
      spans.set(i, span);
    }
    if (span.isEmpty()) {
      return null;
    }
    ResolvedTerms r = span.get();
    return r.day().equals(day)
        ? r
        : new ResolvedTerms(
            r.contract(), r.customer(), r.provider(), day, r.layers(), r.terms(), r.sources());
  }

  private int floor(LocalDate day) {
    int lo = 0;
    int hi = days.length - 1;
    int found = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (!days[mid].isAfter(day)) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }
}
