package dev.vakt.contract;

import static dev.vakt.common.InvalidField.check;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.vakt.common.Codes;
import java.time.Duration;
import java.util.Set;

/**
 * Who is told what, and how fast the provider must act (ALR-1 to ALR-6, MNT-11).
 *
 * @param technicians alert on-call technicians when a watched service stops responding (SWH 1)
 * @param emergencyList the customer's Emergency Response List (BDN 1.1.3, ALR-2)
 * @param troubleshootingStart deadline for starting troubleshooting (BDN 1.2.1, ALR-3)
 * @param maintenanceNotice lead time for telling customers of planned maintenance (DG, MNT-11)
 * @param securityDisconnectNotice tell master-data contacts after a security disconnect (ALR-5)
 * @param importantMessagesByEmail send important messages and news to the registered e-mail (ALR-6)
 */
public record AlertingTerms(
    Boolean technicians,
    EmergencyList emergencyList,
    Deadline troubleshootingStart,
    Duration maintenanceNotice,
    Boolean securityDisconnectNotice,
    Boolean importantMessagesByEmail) {

  public AlertingTerms {
    check(
        maintenanceNotice == null || !maintenanceNotice.isNegative(),
        "maintenanceNotice",
        "cannot be negative");
  }

  /**
   * The Emergency Response List.
   *
   * @param channels how the list is reached
   * @param notifyOn which events are sent to it
   */
  public record EmergencyList(Set<Channel> channels, Set<Event> notifyOn) {
    public EmergencyList {
      check(channels == null || !channels.isEmpty(), "channels", "names no channel");
      channels = channels == null ? null : Set.copyOf(channels);
      notifyOn = notifyOn == null ? null : Set.copyOf(notifyOn);
    }
  }

  /**
   * A deadline that applies at certain times.
   *
   * @param within the time allowed from the alarm
   * @param applies when the deadline applies
   */
  public record Deadline(Duration within, Applies applies) {
    public Deadline {
      check(within != null && within.isPositive(), "within", "must be a positive duration");
    }
  }

  /** When a deadline applies. */
  public enum Applies {
    ALWAYS,
    OUTSIDE_SUPPORT_HOURS,
    OUTSIDE_OPENING_HOURS;

    @JsonValue
    public String code() {
      return Codes.of(this);
    }
  }

  /** A way to reach a person. */
  public enum Channel {
    EMAIL,
    SMS,
    WEBHOOK;

    @JsonValue
    public String code() {
      return Codes.of(this);
    }
  }

  /** Events customers are told about. */
  public enum Event {
    OUTAGE,
    RECOVERY,
    SECURITY_DISCONNECT,
    PLANNED_MAINTENANCE,
    NOTICE;

    @JsonValue
    public String code() {
      return Codes.of(this);
    }
  }
}
