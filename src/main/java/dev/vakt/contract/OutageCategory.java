package dev.vakt.contract;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.vakt.common.Codes;

/**
 * Why a service was unavailable. A contract lists which of these are excluded from downtime (SLA-2,
 * SLA-3, SLA-9, SLA-10, SLA-11); {@link #COUNTED} is what remains and can never be excluded.
 */
public enum OutageCategory {
  /** The provider's responsibility: counts as downtime. */
  COUNTED,
  /** "Kundens selvforskyldte driftshindringer" (BDN SLA 1.1.3). */
  CUSTOMER_CAUSED,
  /** Software the customer installed without consent (BDN SLA 1.1.3). */
  CUSTOMER_SOFTWARE,
  /** Faults the manufacturer is responsible for (BDN SLA 1.1.3). */
  MANUFACTURER,
  /** External disturbances such as DDoS (BDN SLA 1.1.3). */
  EXTERNAL_ATTACK,
  /** Preventive maintenance inside an agreed window (BDN SLA 1.1.1.2). */
  PLANNED_MAINTENANCE,
  /** Access cut because the customer's environment was a security risk (BDN SLA 1.1.1.2). */
  SECURITY_DISCONNECT,
  /** Resource shortage in a cluster that fails the N-1 rule (STW 10.0). */
  CAPACITY_NON_COMPLIANCE,
  /** The provider lost the access it needs (STW 6.0). */
  ACCESS_LOST,
  /** The monitoring system was not operating (STW 7.0); reported on its own, never as up. */
  UNMONITORED,
  /** Outside the provider's control (force majeure, DG hosting). */
  OUTSIDE_CONTROL;

  @JsonValue
  public String code() {
    return Codes.of(this);
  }
}
