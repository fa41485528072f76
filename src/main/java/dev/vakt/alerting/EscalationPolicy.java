package dev.vakt.alerting;

import static dev.vakt.common.InvalidField.check;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.vakt.common.Codes;
import dev.vakt.common.Ids;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Whom to page about an alarm, and when, until someone acknowledges it (ALR-1, ALR-3, ALR-4). The
 * steps run in order; after the last one the policy starts again from the first, {@code repeat}
 * more times. {@link EscalationPlanner} lays the steps out in time and pulls them before the
 * contract's deadline.
 *
 * @param id how the on-call document and incidents refer to the policy
 * @param customers the customers whose alarms it handles; the policy without customers handles
 *     every other customer of the provider
 * @param steps the steps, in order
 * @param repeat how many times the steps run again after the last one while nobody acknowledges
 * @param repeatAfter the wait after the last step before the first one runs again (default 15m)
 * @param fallback people paged instead when a step's targets name nobody at its time (every
 *     schedule it names has a gap then), so an alarm never pages no one
 */
public record EscalationPolicy(
    String id,
    List<String> customers,
    List<Step> steps,
    Integer repeat,
    Duration repeatAfter,
    List<String> fallback) {

  /** A policy without fallback people. */
  public EscalationPolicy(
      String id, List<String> customers, List<Step> steps, Integer repeat, Duration repeatAfter) {
    this(id, customers, steps, repeat, repeatAfter, null);
  }

  public EscalationPolicy {
    Ids.require("id", id);
    customers = customers == null ? List.of() : List.copyOf(customers);
    for (int i = 0; i < customers.size(); i++) {
      Ids.require("customers/" + i, customers.get(i));
    }
    check(steps != null && !steps.isEmpty(), "steps", "needs at least one step");
    steps = List.copyOf(steps);
    repeat = repeat == null ? 0 : repeat;
    check(repeat >= 0 && repeat <= 20, "repeat", "must be from 0 to 20");
    repeatAfter = repeatAfter == null ? Duration.ofMinutes(15) : repeatAfter;
    check(!repeatAfter.isNegative(), "repeatAfter", "cannot be negative");
    fallback = fallback == null ? List.of() : List.copyOf(fallback);
    for (int i = 0; i < fallback.size(); i++) {
      Ids.require("fallback/" + i, fallback.get(i));
    }
  }

  /**
   * One step: wait {@code delay}, then page the targets.
   *
   * @param delay how long after {@code from} the step pages
   * @param from what the delay counts from: {@code previous} step (the default; the alarm for the
   *     first step) or the {@code alarm} (the start of the round, for repeats)
   * @param targets people, and schedules (whoever is on call when the step pages)
   * @param channels how the targets are reached; all they have an address for when absent
   */
  public record Step(Duration delay, From from, List<Target> targets, Set<ChannelKind> channels) {
    public Step {
      delay = delay == null ? Duration.ZERO : delay;
      check(!delay.isNegative(), "delay", "cannot be negative");
      from = from == null ? From.PREVIOUS : from;
      check(targets != null && !targets.isEmpty(), "targets", "needs at least one target");
      targets = List.copyOf(targets);
      check(channels == null || !channels.isEmpty(), "channels", "names no channel");
      channels = channels == null ? null : Set.copyOf(channels);
    }

    /** The channels to page on. */
    public Set<ChannelKind> channelsOrAll() {
      return channels == null ? EnumSet.allOf(ChannelKind.class) : channels;
    }
  }

  /** What a step's delay counts from. */
  public enum From {
    PREVIOUS,
    ALARM;

    @JsonValue
    public String code() {
      return Codes.of(this);
    }
  }

  /**
   * Whom a step pages: a person, or a schedule's on-call people at the time of the step.
   *
   * @param person a person id
   * @param schedule a schedule id
   */
  public record Target(String person, String schedule) {
    public Target {
      check(
          (person == null) != (schedule == null),
          person == null ? "person" : "schedule",
          "give either person or schedule, not both and not neither");
      Ids.optional("person", person);
      Ids.optional("schedule", schedule);
    }
  }
}
