package dev.vakt.alerting;

import dev.vakt.common.Ids;
import java.util.List;
import java.util.Optional;

/**
 * A provider's on-call set-up as one document ({@code kind: OnCall}): the technicians, their
 * schedules and the escalation policies (ALR-1, ALR-3, ALR-4). Importing it replaces the provider's
 * stored set-up; {@link OnCallDocuments#check} verifies the references between its parts.
 *
 * @param provider the provider whose technicians these are
 * @param people the people who can be paged
 * @param schedules rotations of those people
 * @param escalationPolicies whom to page, when, until someone acknowledges
 */
public record OnCallDocument(
    String provider,
    List<OnCallPerson> people,
    List<OnCallSchedule> schedules,
    List<EscalationPolicy> escalationPolicies) {

  public OnCallDocument {
    Ids.require("provider", provider);
    people = people == null ? List.of() : List.copyOf(people);
    schedules = schedules == null ? List.of() : List.copyOf(schedules);
    escalationPolicies = escalationPolicies == null ? List.of() : List.copyOf(escalationPolicies);
  }

  /** The person with this id. */
  public Optional<OnCallPerson> person(String id) {
    return people.stream().filter(p -> p.id().equals(id)).findFirst();
  }

  /** The schedule with this id. */
  public Optional<OnCallSchedule> schedule(String id) {
    return schedules.stream().filter(s -> s.id().equals(id)).findFirst();
  }

  /** The policy with this id. */
  public Optional<EscalationPolicy> policy(String id) {
    return escalationPolicies.stream().filter(p -> p.id().equals(id)).findFirst();
  }

  /**
   * The policy for a customer's alarms: the one that lists the customer, else the one that lists no
   * customer.
   */
  public Optional<EscalationPolicy> policyFor(String customer) {
    return escalationPolicies.stream()
        .filter(p -> p.customers().contains(customer))
        .findFirst()
        .or(() -> escalationPolicies.stream().filter(p -> p.customers().isEmpty()).findFirst());
  }
}
