package dev.vakt.contract;

import static dev.vakt.common.InvalidField.check;

import java.time.Duration;

/**
 * The provider's access to customer systems (ACC-1 to ACC-4, STW 6.0, CFX 4, SWH 5).
 *
 * @param rootOrSudoRequired the customer must give root or sudo over SSH
 * @param dedicatedUserPreferred preferably through a user of its own
 * @param outOfBandOnHardwareFailure IP-KVM, iDRAC or iLO must be given when hardware fails
 * @param verifyEvery how often the access path is verified
 * @param lossSuspendsResponsibility losing access suspends the provider's responsibility (SLA-10)
 * @param extraCostsBillable extra costs from lost access can be invoiced
 * @param customerRootOnHypervisor whether customers may have root on the hypervisor (CFX 4: never)
 * @param accountAccessChangesViaProvider RDP/SSH per account only through the provider (ACC-3)
 * @param osUserChangesOnRequest OS user and group changes on the customer's clear request (ACC-4)
 */
public record AccessTerms(
    Boolean rootOrSudoRequired,
    Boolean dedicatedUserPreferred,
    Boolean outOfBandOnHardwareFailure,
    Duration verifyEvery,
    Boolean lossSuspendsResponsibility,
    Boolean extraCostsBillable,
    Boolean customerRootOnHypervisor,
    Boolean accountAccessChangesViaProvider,
    Boolean osUserChangesOnRequest) {

  public AccessTerms {
    check(
        verifyEvery == null || verifyEvery.toMinutes() >= 1, "verifyEvery", "must be at least 1m");
  }
}
