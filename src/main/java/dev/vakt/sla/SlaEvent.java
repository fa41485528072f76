package dev.vakt.sla;

import static dev.vakt.common.InvalidField.check;
import static dev.vakt.common.InvalidField.required;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.vakt.common.Codes;
import dev.vakt.common.Ids;
import dev.vakt.contract.OutageCategory;
import java.time.Instant;
import java.util.List;

/**
 * One entry of the SLA ledger: what the monitoring saw, what customers reported, and how staff
 * classified the time. A customer holding these events and the contract recomputes every figure of
 * an {@link SlaReport}; {@link SlaEvents} reads and writes them as JSON Lines, one event a line,
 * with {@code type} naming the kind (see docs/outages.md).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = SlaEvent.StateChange.class, name = "state"),
  @JsonSubTypes.Type(value = SlaEvent.Report.class, name = "report"),
  @JsonSubTypes.Type(value = SlaEvent.Maintenance.class, name = "maintenance"),
  @JsonSubTypes.Type(value = SlaEvent.Gap.class, name = "gap"),
  @JsonSubTypes.Type(value = SlaEvent.AccessLost.class, name = "access-lost"),
  @JsonSubTypes.Type(value = SlaEvent.Classified.class, name = "period"),
  @JsonSubTypes.Type(value = SlaEvent.Reclassify.class, name = "reclassify"),
  @JsonSubTypes.Type(value = SlaEvent.Action.class, name = "action")
})
public sealed interface SlaEvent {

  /** The type names, in the order the format lists them. */
  List<String> TYPES =
      List.of(
          "state", "report", "maintenance", "gap", "access-lost", "period", "reclassify", "action");

  /**
   * A hard state change of a monitored service. {@code critical} is down, {@code ok} and {@code
   * warning} are up, {@code unknown} means the monitoring could not tell: unmonitored (SLA-11).
   *
   * @param incident optional id grouping the outages of one cause (a host down holds its services')
   */
  record StateChange(String service, Instant at, Level state, String reason, String incident)
      implements SlaEvent {
    public StateChange {
      Ids.require("service", service);
      required("at", at);
      required("state", state);
      optionalText("incident", incident);
    }
  }

  /**
   * A customer's fault report: the service is down from {@code at}, when the provider received it
   * (SLA-1), until {@code fixedAt}; without {@code fixedAt} it is still open.
   */
  record Report(String id, String service, Instant at, Instant fixedAt, String reason)
      implements SlaEvent {
    public Report {
      text("id", id);
      Ids.require("service", service);
      required("at", at);
      check(fixedAt == null || fixedAt.isAfter(at), "fixedAt", "must be after 'at'");
    }
  }

  /** Planned maintenance: down time inside {@code [from, to)} is planned (SLA-3). */
  record Maintenance(String id, List<String> services, Instant from, Instant to, String reference)
      implements SlaEvent {
    public Maintenance {
      text("id", id);
      services = serviceList(services);
      interval(from, to, true);
    }
  }

  /** The monitoring system was not running (MON-9): unmonitored for every service. */
  record Gap(Instant from, Instant to, String reason) implements SlaEvent {
    public Gap {
      interval(from, to, true);
    }
  }

  /** The provider lost the access it needs (STW 6.0, SLA-10); open while {@code to} is absent. */
  record AccessLost(List<String> services, Instant from, Instant to) implements SlaEvent {
    public AccessLost {
      services = serviceList(services);
      interval(from, to, false);
    }
  }

  /**
   * A period in which down time has another category: security-disconnect, capacity-non-compliance
   * (SLA-9), external-attack and the like. Open while {@code to} is absent.
   */
  record Classified(
      OutageCategory category, List<String> services, Instant from, Instant to, String reason)
      implements SlaEvent {
    public Classified {
      required("category", category);
      check(
          category != OutageCategory.COUNTED && category != OutageCategory.UNMONITORED,
          "category",
          "a period marks down time that is not simply counted: use 'reclassify' to count it,"
              + " and a 'gap' for time without monitoring");
      services = serviceList(services);
      interval(from, to, false);
    }
  }

  /**
   * Staff decide, after the fact, what the down time of a service in {@code [from, to)} was. The
   * latest {@code at} wins, over any maintenance, period or access-lost.
   */
  record Reclassify(
      String service,
      Instant from,
      Instant to,
      OutageCategory category,
      String reason,
      String by,
      Instant at)
      implements SlaEvent {
    public Reclassify {
      Ids.require("service", service);
      interval(from, to, true);
      required("category", category);
      text("reason", reason);
      text("by", by);
      required("at", at);
    }
  }

  /** Staff acted on a fault: the start of time to action (ALR-4). */
  record Action(String service, Instant at, ActionKind kind, String by) implements SlaEvent {
    public Action {
      Ids.require("service", service);
      required("at", at);
      required("kind", kind);
      optionalText("by", by);
    }
  }

  /** A hard state as the monitoring reports it. */
  enum Level {
    OK,
    WARNING,
    CRITICAL,
    UNKNOWN;

    @JsonValue
    public String code() {
      return Codes.of(this);
    }
  }

  /** What staff did. */
  enum ActionKind {
    ACKNOWLEDGED,
    TROUBLESHOOTING_STARTED;

    @JsonValue
    public String code() {
      return Codes.of(this);
    }
  }

  private static void text(String field, String value) {
    required(field, value);
    check(!value.isBlank(), field, "must not be empty");
  }

  private static void optionalText(String field, String value) {
    check(value == null || !value.isBlank(), field, "must not be empty");
  }

  private static List<String> serviceList(List<String> services) {
    check(services != null && !services.isEmpty(), "services", "name at least one service");
    for (int i = 0; i < services.size(); i++) {
      Ids.require("services/" + i, services.get(i));
    }
    return List.copyOf(services);
  }

  private static void interval(Instant from, Instant to, boolean toRequired) {
    required("from", from);
    if (toRequired) {
      required("to", to);
    }
    check(to == null || to.isAfter(from), "to", "must be after 'from'");
  }
}
