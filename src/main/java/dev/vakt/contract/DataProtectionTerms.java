package dev.vakt.contract;

import java.time.Period;

/**
 * Processor duties (DPA-1 to DPA-6, BAK-8).
 *
 * @param subProcessorNotice changes to sub-processors are published this long before (DG: 30 days)
 * @param breachNotificationWithoutDelay breaches are notified without delay, with the required
 *     content
 * @param customerExportBeforeEnd customers export their data through the product before the end
 * @param deleteAfterEnd all data, backups included, is deleted this long after the last period
 * @param securityTestsAnnounced audits, scans and penetration tests must be announced in advance
 * @param twoFactorRequired staff log in with two factors
 */
public record DataProtectionTerms(
    Period subProcessorNotice,
    Boolean breachNotificationWithoutDelay,
    Boolean customerExportBeforeEnd,
    Period deleteAfterEnd,
    Boolean securityTestsAnnounced,
    Boolean twoFactorRequired) {}
