package dev.vakt.contract;

import static dev.vakt.common.InvalidField.check;

/**
 * Firewall, VPN and disconnection (NET-1 to NET-5).
 *
 * @param managedFirewall the customer sits behind a firewall the provider manages (SWH 4)
 * @param openingNeedsSignedForm a firewall opening needs a form signed by the customer (BDN 1.2.3)
 * @param securityDisconnectWithoutNotice access may be cut without notice on significant risk
 * @param uplinkMbit the uplink's capacity (BDN 1.1.3: 1000 Mbit)
 */
public record NetworkTerms(
    Boolean managedFirewall,
    Boolean openingNeedsSignedForm,
    Boolean securityDisconnectWithoutNotice,
    Integer uplinkMbit) {

  public NetworkTerms {
    check(uplinkMbit == null || uplinkMbit > 0, "uplinkMbit", "must be positive");
  }
}
