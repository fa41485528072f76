package dev.vakt.alerting;

import static dev.vakt.common.InvalidField.check;
import static dev.vakt.common.InvalidField.required;

import dev.vakt.common.Ids;
import dev.vakt.common.PublicHolidays;
import dev.vakt.contract.WeeklyHours;
import dev.vakt.contract.WeeklyRule;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who is on call when: rotation layers and overrides, in one time zone (ALR-1, ALR-3).
 *
 * <p>Who is on call at an instant: the people of the overrides active then, if any; otherwise the
 * participant of the last layer in the list that is active then (a later layer lies on top of the
 * earlier ones, so an out-of-hours layer written after a round-the-clock layer takes the nights);
 * otherwise nobody.
 *
 * <p>Hand-over times are wall-clock times in the schedule's zone: hand-over {@code k} of a layer is
 * at {@code start + k * every} local time, so a Monday 09:00 hand-over stays 09:00 on both sides of
 * a DST change, and a week that contains the change is 167 or 169 hours long. A local time that
 * does not exist (02:30 on the spring-forward night) moves on by the length of the gap (03:30 in
 * Europe/Oslo on 2026-03-29); an ambiguous time (02:30 on the autumn night) is its first,
 * summer-time occurrence. Override times follow the same rule.
 *
 * @param id how escalation policies refer to the schedule
 * @param timeZone the zone hand-over times, restrictions and overrides are written in
 * @param layers rotations, lowest first
 * @param overrides swaps and holiday cover: they beat every layer while they last
 * @param holidays whose public holidays are no working days in restrictions ({@code working-days},
 *     {@code except-holidays}), e.g. {@code DK}; without it every Monday to Friday is one
 */
public record OnCallSchedule(
    String id,
    ZoneId timeZone,
    List<Layer> layers,
    List<Override> overrides,
    dev.vakt.common.Country holidays) {

  /** A schedule whose restrictions know no public holidays. */
  public OnCallSchedule(String id, ZoneId timeZone, List<Layer> layers, List<Override> overrides) {
    this(id, timeZone, layers, overrides, null);
  }

  /** The longest span {@link #handovers} lays out at once. */
  public static final Duration MAX_CALENDAR = Duration.ofDays(400);

  public OnCallSchedule {
    Ids.require("id", id);
    required("timeZone", timeZone);
    check(layers != null && !layers.isEmpty(), "layers", "needs at least one layer");
    layers = List.copyOf(layers);
    overrides = overrides == null ? List.of() : List.copyOf(overrides);
  }

  /**
   * A rotation: the participants take turns, each for {@code every}, handing over at the wall-clock
   * time of {@code start}.
   *
   * @param name a label for the calendar, e.g. {@code weeks} or {@code nights}
   * @param participants person ids, in turn order (a person may appear more than once)
   * @param every the length of one turn: days or weeks ({@code 1 week}, {@code 7 days})
   * @param start the first hand-over, local time: the first participant's turn begins here
   * @param restriction the hours this layer covers; all hours when absent
   */
  public record Layer(
      String name,
      List<String> participants,
      Period every,
      LocalDateTime start,
      Restriction restriction) {
    public Layer {
      Ids.optional("name", name);
      check(
          participants != null && !participants.isEmpty(),
          "participants",
          "needs at least one person");
      for (int i = 0; i < participants.size(); i++) {
        Ids.require("participants/" + i, participants.get(i));
      }
      participants = List.copyOf(participants);
      required("every", every);
      check(
          !every.isNegative() && !every.isZero() && every.toTotalMonths() == 0,
          "every",
          "must be a positive number of days or weeks, e.g. '1 week'");
      required("start", start);
    }

    /** The instant of hand-over {@code k} (0: {@code start}). */
    public Instant handover(long k, ZoneId zone) {
      return start.plusDays(every.getDays() * k).atZone(zone).toInstant();
    }

    /** The turn in progress at {@code t}, or -1 before the first hand-over. */
    long turn(Instant t, ZoneId zone) {
      Instant first = handover(0, zone);
      if (t.isBefore(first)) {
        return -1;
      }
      long k = Duration.between(first, t).toHours() / (every.getDays() * 24L);
      while (!handover(k + 1, zone).isAfter(t)) {
        k++;
      }
      while (k > 0 && handover(k, zone).isAfter(t)) {
        k--;
      }
      return k;
    }

    /** Who this layer puts on call at {@code t}, or null. */
    String at(Instant t, ZoneId zone, dev.vakt.common.Country holidays) {
      long k = turn(t, zone);
      if (k < 0 || (restriction != null && !restriction.covers(t, zone, holidays))) {
        return null;
      }
      return participants.get((int) (k % participants.size()));
    }
  }

  /**
   * The hours a layer covers: only inside the rules ({@code only}), or only outside them ({@code
   * outside}: "outside 08:00-16:00 on working days"). Exactly one is given. {@code working-days} is
   * Monday to Friday without the public holidays of the schedule's {@code holidays} country, so the
   * night layer covers a public holiday all day.
   *
   * @param only the layer covers these hours only
   * @param outside the layer covers every hour except these
   */
  public record Restriction(List<WeeklyRule> only, List<WeeklyRule> outside) {
    public Restriction {
      check(
          (only == null) != (outside == null),
          only == null ? "only" : "outside",
          "give either only or outside, not both and not neither");
      check(only == null || !only.isEmpty(), "only", "needs at least one rule");
      check(outside == null || !outside.isEmpty(), "outside", "needs at least one rule");
      only = only == null ? null : List.copyOf(only);
      outside = outside == null ? null : List.copyOf(outside);
    }

    boolean covers(Instant t, ZoneId zone, dev.vakt.common.Country holidays) {
      // The day before too: a rule that ends the next day may reach into t's day.
      LocalDate day = LocalDate.ofInstant(t, zone);
      Set<LocalDate> off =
          holidays == null
              ? Set.of()
              : PublicHolidays.between(holidays, day.minusDays(1), day.plusDays(1));
      return only != null
          ? WeeklyHours.contains(only, zone, off, t)
          : !WeeklyHours.contains(outside, zone, off, t);
    }

    List<WeeklyRule> rules() {
      return only != null ? only : outside;
    }
  }

  /**
   * Someone else takes the watch for a while: a swap, or cover for a holiday.
   *
   * @param person who is on call instead
   * @param from start, local time in the schedule's zone
   * @param to end (exclusive), local time
   * @param reason why, for the calendar
   */
  public record Override(String person, LocalDateTime from, LocalDateTime to, String reason) {
    public Override {
      Ids.require("person", person);
      required("from", from);
      required("to", to);
      check(
          to.isAfter(from), "to", "the override ends (" + to + ") before it starts (" + from + ")");
    }

    boolean active(Instant t, ZoneId zone) {
      return !t.isBefore(from.atZone(zone).toInstant()) && t.isBefore(to.atZone(zone).toInstant());
    }
  }

  /** A change of watch: at {@code at}, {@code to} take over from {@code from}. */
  public record Handover(Instant at, List<String> from, List<String> to) {}

  /** The ids of the people on call at {@code t}; empty when nobody is (see the class comment). */
  public List<String> whoIsOnCall(Instant t) {
    Objects.requireNonNull(t, "t");
    Set<String> covering = new LinkedHashSet<>();
    for (Override o : overrides) {
      if (o.active(t, timeZone)) {
        covering.add(o.person());
      }
    }
    if (!covering.isEmpty()) {
      return List.copyOf(covering);
    }
    for (int i = layers.size() - 1; i >= 0; i--) {
      String p = layers.get(i).at(t, timeZone, holidays);
      if (p != null) {
        return List.of(p);
      }
    }
    return List.of();
  }

  /**
   * Every change of watch in {@code (from, to]}, in order, for a calendar: rotations, the edges of
   * restricted hours and of overrides, wherever the people on call change.
   *
   * @throws IllegalArgumentException when the span is longer than {@link #MAX_CALENDAR}
   */
  public List<Handover> handovers(Instant from, Instant to) {
    if (to.isBefore(from) || Duration.between(from, to).compareTo(MAX_CALENDAR) > 0) {
      throw new IllegalArgumentException(
          "a calendar runs forwards and spans at most " + MAX_CALENDAR.toDays() + " days");
    }
    TreeSet<Instant> candidates = new TreeSet<>();
    for (Layer layer : layers) {
      long k = Math.max(0, layer.turn(from, timeZone));
      for (Instant h = layer.handover(k, timeZone);
          !h.isAfter(to);
          h = layer.handover(++k, timeZone)) {
        candidates.add(h);
      }
      if (layer.restriction() != null) {
        // Boundaries of every weekday rule, holidays included: on a holiday some do not apply,
        // which only makes a candidate where nobody changes; whoIsOnCall decides.
        candidates.addAll(WeeklyHours.boundaries(layer.restriction().rules(), timeZone, from, to));
      }
    }
    for (Override o : overrides) {
      candidates.add(o.from().atZone(timeZone).toInstant());
      candidates.add(o.to().atZone(timeZone).toInstant());
    }
    List<Handover> out = new ArrayList<>();
    List<String> current = whoIsOnCall(from);
    for (Instant c : candidates) {
      if (!c.isAfter(from) || c.isAfter(to)) {
        continue;
      }
      List<String> next = whoIsOnCall(c);
      if (!next.equals(current)) {
        out.add(new Handover(c, current, next));
        current = next;
      }
    }
    return out;
  }
}
