package dev.vakt.contract;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A stored version of a terms document, without its body.
 *
 * @param kind Provider, Product, Contract or SpecialAgreement
 * @param id the document id
 * @param version the version
 * @param effectiveFrom the first day it applies
 * @param sha256 hash of the document's canonical JSON, for anyone checking what they hold
 * @param source the file it was imported from
 * @param importedAt when it was stored
 * @param importedBy who stored it
 */
public record StoredDocument(
    String kind,
    String id,
    int version,
    LocalDate effectiveFrom,
    String sha256,
    String source,
    Instant importedAt,
    String importedBy) {}
