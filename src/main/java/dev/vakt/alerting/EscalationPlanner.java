package dev.vakt.alerting;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Which pages are due for an alarm: a pure function of the alarm, the escalation policy, the
 * on-call set-up, the acknowledgement and the deadline (ALR-1, ALR-3, ALR-4). Asking again gives
 * the same pages with the same de-duplication keys, so the outbox never sends one twice.
 *
 * <p>The rules:
 *
 * <ul>
 *   <li>Round 0 starts at the alarm. Each step pages {@code delay} after the previous step (the
 *       first step: after the alarm), or after the start of the round with {@code from: alarm}.
 *       After the last step the next round starts {@code repeatAfter} later, {@code repeat} times.
 *   <li><b>The deadline rule.</b> With a deadline {@code D}, the latest safe time is {@code G = D -
 *       margin}, or the midpoint between alarm and {@code D} when the margin is zero or as long as
 *       the time the deadline leaves. No step of round 0 pages later than {@code G}: a step the
 *       policy would page later is pulled forward to {@code G} ({@link Page#pulledForward}). So
 *       every step of the first round, the last one included, pages before the deadline, however
 *       long the policy's delays: someone is paged before it, as long as a step names someone (a
 *       person, or a schedule with someone on call at that time). Later rounds follow from there.
 *   <li>A schedule target pages whoever is on call at the step's time (not when asked), so the
 *       answer does not change with the time it is computed. When a step's targets name nobody at
 *       that time (a gap in every schedule it names), the policy's {@code fallback} people are
 *       paged instead.
 *   <li>A person is paged on each of the step's channels they have an address for, and by e-mail
 *       when they have none of them: nobody named is left out.
 *   <li>Nothing is due once the alarm is acknowledged, troubleshooting has started or it is
 *       resolved; otherwise every page whose time has come.
 * </ul>
 *
 * <p>The cause of a page is {@code <incident>/page/<round>.<step>} (from 1), so its de-duplication
 * key is {@code <incident>/page/1.2/sms:+4790000000}.
 */
public final class EscalationPlanner {

  private EscalationPlanner() {}

  /**
   * What the planner needs to know of an alarm.
   *
   * @param ref the incident reference (the prefix of every page's cause)
   * @param alarmAt when the alarm was raised
   * @param zone the zone times are shown in to the people paged
   * @param deadline the earliest deadline ({@link AlertDeadlines#earliest()}), or null
   * @param acknowledgedAt when it was first acknowledged or troubleshooting started, or null
   * @param resolvedAt when it was resolved, or null
   */
  public record Alarm(
      String ref,
      Instant alarmAt,
      ZoneId zone,
      Instant deadline,
      Instant acknowledgedAt,
      Instant resolvedAt) {
    public Alarm {
      Objects.requireNonNull(ref, "ref");
      Objects.requireNonNull(alarmAt, "alarmAt");
      Objects.requireNonNull(zone, "zone");
      if (deadline != null && !deadline.isAfter(alarmAt)) {
        throw new IllegalArgumentException("the deadline must be after the alarm");
      }
    }
  }

  /**
   * One page: a person, on one channel, at one step.
   *
   * @param cause {@code <incident>/page/<round>.<step>}
   * @param round 0 for the first run of the steps
   * @param step the step's index in the policy
   * @param dueAt when it is to be sent
   * @param person the person's id
   * @param recipient channel and address
   * @param pulledForward whether the deadline rule moved it earlier than the policy says
   */
  public record Page(
      String cause,
      int round,
      int step,
      Instant dueAt,
      String person,
      Recipient recipient,
      boolean pulledForward) {
    /** The outbox's de-duplication key: cause and recipient. */
    public String dedupKey() {
      return cause + "/" + recipient.key();
    }
  }

  /** A step laid out in time. */
  public record Slot(int round, int step, Instant at, boolean pulledForward) {}

  /** The latest time the first round may page, given the deadline; null without one. */
  public static Instant latestSafe(Instant alarm, Instant deadline, Duration margin) {
    if (deadline == null) {
      return null;
    }
    Instant g = deadline.minus(margin);
    if (g.isAfter(alarm) && g.isBefore(deadline)) {
      return g;
    }
    return alarm.plus(Duration.between(alarm, deadline).dividedBy(2));
  }

  /** Every step of every round, in time, with the deadline rule applied. */
  public static List<Slot> slots(
      Instant alarm, Instant deadline, EscalationPolicy policy, Duration margin) {
    Instant guard = latestSafe(alarm, deadline, margin);
    List<Slot> out = new ArrayList<>();
    Instant roundStart = alarm;
    for (int round = 0; round <= policy.repeat(); round++) {
      Instant previous = roundStart;
      Instant last = roundStart;
      for (int i = 0; i < policy.steps().size(); i++) {
        EscalationPolicy.Step step = policy.steps().get(i);
        Instant base = step.from() == EscalationPolicy.From.ALARM ? roundStart : previous;
        Instant at = base.plus(step.delay());
        boolean pulled = false;
        if (round == 0 && guard != null && at.isAfter(guard)) {
          at = guard;
          pulled = true;
        }
        out.add(new Slot(round, i, at, pulled));
        previous = at;
        last = at.isAfter(last) ? at : last;
      }
      roundStart = last.plus(policy.repeatAfter());
    }
    return out;
  }

  /** Every page the policy would send if nobody ever acknowledged. */
  public static List<Page> plan(
      Alarm alarm, EscalationPolicy policy, OnCallDocument onCall, Duration margin) {
    List<Page> out = new ArrayList<>();
    for (Slot slot : slots(alarm.alarmAt(), alarm.deadline(), policy, margin)) {
      EscalationPolicy.Step step = policy.steps().get(slot.step());
      String cause = alarm.ref() + "/page/" + (slot.round() + 1) + "." + (slot.step() + 1);
      Set<String> people = targets(step, onCall, slot.at());
      if (people.isEmpty()) {
        people = new LinkedHashSet<>(policy.fallback()); // a gap in every schedule named
      }
      for (String id : people) {
        OnCallPerson person = onCall.person(id).orElse(null);
        if (person == null) {
          continue;
        }
        List<Recipient> recipients = person.recipients(step.channelsOrAll(), alarm.zone());
        if (recipients.isEmpty()) {
          recipients = person.recipients(EnumSet.of(ChannelKind.EMAIL), alarm.zone());
        }
        for (Recipient r : recipients) {
          out.add(
              new Page(cause, slot.round(), slot.step(), slot.at(), id, r, slot.pulledForward()));
        }
      }
    }
    return out;
  }

  /**
   * The pages due at {@code now}: none once acknowledged or resolved, else those whose time came.
   */
  public static List<Page> due(
      Alarm alarm, EscalationPolicy policy, OnCallDocument onCall, Duration margin, Instant now) {
    if ((alarm.acknowledgedAt() != null && !alarm.acknowledgedAt().isAfter(now))
        || (alarm.resolvedAt() != null && !alarm.resolvedAt().isAfter(now))) {
      return List.of();
    }
    return plan(alarm, policy, onCall, margin).stream()
        .filter(p -> !p.dueAt().isAfter(now))
        .toList();
  }

  private static Set<String> targets(
      EscalationPolicy.Step step, OnCallDocument onCall, Instant at) {
    Set<String> people = new LinkedHashSet<>();
    for (EscalationPolicy.Target t : step.targets()) {
      if (t.person() != null) {
        people.add(t.person());
      } else {
        onCall.schedule(t.schedule()).ifPresent(s -> people.addAll(s.whoIsOnCall(at)));
      }
    }
    return people;
  }
}
