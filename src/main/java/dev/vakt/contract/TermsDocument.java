package dev.vakt.contract;

import java.time.LocalDate;

/**
 * One versioned document of contract terms. Documents are never changed once stored: a change of
 * terms is a new version with the date it takes effect from (K-1).
 */
public sealed interface TermsDocument
    permits ProviderDocument, ProductDocument, ContractDocument, SpecialAgreementDocument {

  /** The document's kind as written in YAML, e.g. {@code Contract}. */
  String kind();

  /** The id, unique within the kind. */
  String id();

  /** The version number, from 1, increasing with each change. */
  Integer version();

  /** The first day on which this version applies, in the terms' time zone. */
  LocalDate effectiveFrom();

  /** What this layer sets; never null. */
  Terms terms();

  /** A short label such as {@code contract c-1001 v2}, for explanations and errors. */
  default String label() {
    return kind() + " " + id() + " v" + version();
  }
}
