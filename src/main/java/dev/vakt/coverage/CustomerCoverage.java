package dev.vakt.coverage;

import dev.vakt.contract.ResolvedTerms;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * A customer's contracts that run on its provider's local day, with their terms: for questions
 * about the customer as a whole rather than one service (issue 18).
 *
 * @param customer the customer
 * @param provider its provider; null when the inventory does not know the customer
 * @param zone the provider's time zone (UTC when unknown)
 * @param localDate the day in {@code zone}
 * @param contracts the terms of each contract that runs that day, by contract id
 * @param version the coverage index version that answered
 */
public record CustomerCoverage(
    String customer,
    String provider,
    ZoneId zone,
    LocalDate localDate,
    List<ResolvedTerms> contracts,
    long version) {}
