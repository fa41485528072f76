package dev.vakt.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.common.Language;
import dev.vakt.contract.Days;
import dev.vakt.contract.TimeOfDay;
import dev.vakt.contract.WeeklyRule;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The escalation planner for any policy, schedule, alarm time and deadline (ALR-1, ALR-3, ALR-4):
 * it never pages after an acknowledgement, computes the same de-duplication keys every time, pages
 * someone before the deadline, and a schedule whose lowest layer covers all time always has someone
 * on call.
 */
class EscalationPlannerProperties {

  static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
  static final List<OnCallPerson> PEOPLE =
      List.of(
          new OnCallPerson("ola", "Ola", Language.NB, "ola@example.no", "+47 00 00 00 01", null),
          new OnCallPerson("kari", "Kari", Language.NB, "kari@example.no", null, "ops-chat"),
          new OnCallPerson("erik", "Erik", Language.SV, "erik@example.no", null, null));
  static final List<String> IDS = PEOPLE.stream().map(OnCallPerson::id).toList();

  // ---- generators ------------------------------------------------------------------------------

  /** Any instant in 2026, on the minute: both DST changes included. */
  @Provide
  Arbitrary<Instant> alarms() {
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    return Arbitraries.longs().between(0, 365L * 24 * 60).map(m -> start.plusSeconds(m * 60));
  }

  Arbitrary<EscalationPolicy.Target> targets() {
    return Arbitraries.oneOf(
        Arbitraries.of(IDS).map(p -> new EscalationPolicy.Target(p, null)),
        Arbitraries.just(new EscalationPolicy.Target(null, "rota")));
  }

  Arbitrary<EscalationPolicy.Step> steps() {
    Arbitrary<Set<ChannelKind>> channels =
        Arbitraries.of(ChannelKind.class).set().ofMinSize(1).injectNull(0.4);
    return Combinators.combine(
            Arbitraries.integers().between(0, 240).map(m -> Duration.ofMinutes(m)),
            Arbitraries.of(EscalationPolicy.From.class),
            targets().list().ofMinSize(1).ofMaxSize(3),
            channels)
        .as(EscalationPolicy.Step::new);
  }

  @Provide
  Arbitrary<EscalationPolicy> policies() {
    return Combinators.combine(
            steps().list().ofMinSize(1).ofMaxSize(4),
            Arbitraries.integers().between(0, 3),
            Arbitraries.integers().between(0, 60).map(m -> Duration.ofMinutes(m)))
        .as((steps, repeat, after) -> new EscalationPolicy("p", null, steps, repeat, after));
  }

  Arbitrary<OnCallSchedule.Layer> restrictedLayers() {
    Arbitrary<WeeklyRule> rules =
        Combinators.combine(
                Arbitraries.of("every-day", "working-days", "weekend", "mon", "fri"),
                Arbitraries.integers().between(0, 22))
            .as(
                (days, h) ->
                    new WeeklyRule(
                        Days.parse(days),
                        new TimeOfDay(h * 60),
                        new TimeOfDay((h + 1) * 60 + 30),
                        false));
    return Combinators.combine(
            Arbitraries.of(IDS).list().ofMinSize(1).ofMaxSize(3),
            Arbitraries.integers().between(1, 14),
            Arbitraries.integers().between(0, 23 * 60 + 59),
            rules.list().ofMinSize(1).ofMaxSize(3),
            Arbitraries.of(true, false))
        .as(
            (who, days, minute, rs, only) ->
                new OnCallSchedule.Layer(
                    null,
                    who,
                    Period.ofDays(days),
                    LocalDateTime.parse("2025-06-02T00:00").plusMinutes(minute),
                    only
                        ? new OnCallSchedule.Restriction(rs, null)
                        : new OnCallSchedule.Restriction(null, rs)));
  }

  /** A schedule whose lowest layer covers all time from 2025, with more layers and overrides. */
  @Provide
  Arbitrary<OnCallSchedule> schedules() {
    Arbitrary<OnCallSchedule.Layer> base =
        Combinators.combine(
                Arbitraries.of(IDS).list().ofMinSize(1).ofMaxSize(4),
                Arbitraries.integers().between(1, 14),
                Arbitraries.integers().between(0, 23 * 60 + 59))
            .as(
                (who, days, minute) ->
                    new OnCallSchedule.Layer(
                        "base",
                        who,
                        Period.ofDays(days),
                        LocalDateTime.parse("2025-01-06T00:00").plusMinutes(minute),
                        null));
    Arbitrary<OnCallSchedule.Override> overrides =
        Combinators.combine(
                Arbitraries.of(IDS),
                Arbitraries.integers().between(0, 365 * 24),
                Arbitraries.integers().between(1, 24 * 14))
            .as(
                (who, startHour, hours) -> {
                  LocalDateTime from = LocalDateTime.parse("2026-01-01T00:00").plusHours(startHour);
                  return new OnCallSchedule.Override(who, from, from.plusHours(hours), null);
                });
    return Combinators.combine(
            base,
            restrictedLayers().list().ofMaxSize(2),
            overrides.list().ofMaxSize(3),
            Arbitraries.of("Europe/Oslo", "Europe/Berlin", "UTC"))
        .as(
            (b, more, os, zone) -> {
              List<OnCallSchedule.Layer> layers = new ArrayList<>(List.of(b));
              layers.addAll(more);
              return new OnCallSchedule("rota", ZoneId.of(zone), layers, os);
            });
  }

  static OnCallDocument document(OnCallSchedule schedule, EscalationPolicy policy) {
    return new OnCallDocument("nordhost", PEOPLE, List.of(schedule), List.of(policy));
  }

  static EscalationPlanner.Alarm alarm(Instant at, Integer deadlineMinutes, Instant ack) {
    return new EscalationPlanner.Alarm(
        "inc-1",
        at,
        OSLO,
        deadlineMinutes == null ? null : at.plus(Duration.ofMinutes(deadlineMinutes)),
        ack,
        null);
  }

  // ---- properties ------------------------------------------------------------------------------

  @Property
  void neverPagesAfterAcknowledgement(
      @ForAll("alarms") Instant at,
      @ForAll("policies") EscalationPolicy policy,
      @ForAll("schedules") OnCallSchedule schedule,
      @ForAll @IntRange(min = 0, max = 600) int ackAfter,
      @ForAll @IntRange(min = 0, max = 1200) int nowAfter,
      @ForAll @IntRange(min = 1, max = 300) int deadline,
      @ForAll @IntRange(min = 0, max = 30) int margin) {
    Instant ack = at.plus(Duration.ofMinutes(ackAfter));
    Instant now = at.plus(Duration.ofMinutes(nowAfter));
    List<EscalationPlanner.Page> due =
        EscalationPlanner.due(
            alarm(at, deadline, ack),
            policy,
            document(schedule, policy),
            Duration.ofMinutes(margin),
            now);
    if (!now.isBefore(ack)) {
      assertThat(due).isEmpty();
    }
    assertThat(due).allSatisfy(p -> assertThat(p.dueAt()).isBefore(ack).isBeforeOrEqualTo(now));
  }

  @Property
  void deduplicationKeysAreStableAndUnique(
      @ForAll("alarms") Instant at,
      @ForAll("policies") EscalationPolicy policy,
      @ForAll("schedules") OnCallSchedule schedule,
      @ForAll @IntRange(min = 0, max = 600) int earlier,
      @ForAll @IntRange(min = 0, max = 600) int later) {
    OnCallDocument doc = document(schedule, policy);
    EscalationPlanner.Alarm a = alarm(at, 60, null);
    Duration margin = Duration.ofMinutes(15);
    List<String> once = keys(EscalationPlanner.plan(a, policy, doc, margin));
    assertThat(keys(EscalationPlanner.plan(a, policy, doc, margin))).isEqualTo(once);
    assertThat(new HashSet<>(once)).hasSameSizeAs(once);
    // What is due earlier stays due, with the same keys, when asked later: the outbox drops it.
    Instant t1 = at.plus(Duration.ofMinutes(Math.min(earlier, later)));
    Instant t2 = at.plus(Duration.ofMinutes(Math.max(earlier, later)));
    assertThat(keys(EscalationPlanner.due(a, policy, doc, margin, t2)))
        .containsAll(keys(EscalationPlanner.due(a, policy, doc, margin, t1)));
  }

  @Property
  void someoneIsPagedBeforeTheDeadlineWhateverThePolicysDelays(
      @ForAll("alarms") Instant at,
      @ForAll("policies") EscalationPolicy policy,
      @ForAll("schedules") OnCallSchedule schedule,
      @ForAll @IntRange(min = 1, max = 300) int deadlineMinutes,
      @ForAll @IntRange(min = 0, max = 30) int marginMinutes) {
    Instant deadline = at.plus(Duration.ofMinutes(deadlineMinutes));
    Duration margin = Duration.ofMinutes(marginMinutes);
    List<EscalationPlanner.Page> plan =
        EscalationPlanner.plan(
            alarm(at, deadlineMinutes, null), policy, document(schedule, policy), margin);
    Instant safe = EscalationPlanner.latestSafe(at, deadline, margin);
    assertThat(safe).isBefore(deadline).isAfterOrEqualTo(at);
    assertThat(plan).anySatisfy(p -> assertThat(p.dueAt()).isBeforeOrEqualTo(safe));
    // Every step of the first round, the last included, pages by then.
    assertThat(plan)
        .filteredOn(p -> p.round() == 0)
        .allSatisfy(p -> assertThat(p.dueAt()).isBeforeOrEqualTo(safe));
    assertThat(
            EscalationPlanner.due(
                alarm(at, deadlineMinutes, null), policy, document(schedule, policy), margin, safe))
        .isNotEmpty();
  }

  /**
   * A schedule of restricted layers only has gaps; with a fallback every step of every round still
   * pages someone, and the fallback only where the step's own targets name nobody.
   */
  @Property
  void withAFallbackEveryStepPagesSomeoneEvenInAScheduleGap_ALR1(
      @ForAll("alarms") Instant at,
      @ForAll("policies") EscalationPolicy policy,
      @ForAll("gappySchedules") OnCallSchedule schedule,
      @ForAll @IntRange(min = 1, max = 300) int deadlineMinutes) {
    EscalationPolicy withFallback =
        new EscalationPolicy(
            policy.id(),
            policy.customers(),
            policy.steps(),
            policy.repeat(),
            policy.repeatAfter(),
            List.of("erik"));
    OnCallDocument doc = document(schedule, withFallback);
    List<EscalationPlanner.Page> plan =
        EscalationPlanner.plan(
            alarm(at, deadlineMinutes, null), withFallback, doc, Duration.ofMinutes(15));
    Set<String> paged = new HashSet<>();
    plan.forEach(p -> paged.add(p.round() + "." + p.step()));
    assertThat(paged).hasSize(withFallback.steps().size() * (withFallback.repeat() + 1));
    List<EscalationPlanner.Page> without =
        EscalationPlanner.plan(
            alarm(at, deadlineMinutes, null),
            policy,
            document(schedule, policy),
            Duration.ofMinutes(15));
    // Where the step's own targets name someone, the fallback changes nothing.
    assertThat(plan).containsAll(without);
  }

  @Provide
  Arbitrary<OnCallSchedule> gappySchedules() {
    return restrictedLayers()
        .list()
        .ofMinSize(1)
        .ofMaxSize(2)
        .map(layers -> new OnCallSchedule("rota", OSLO, layers, null));
  }

  @Property
  void onCallLookupAlwaysFindsSomeoneWhenALayerCoversAllTime(
      @ForAll("schedules") OnCallSchedule schedule, @ForAll("alarms") Instant at) {
    assertThat(schedule.whoIsOnCall(at)).isNotEmpty().isSubsetOf(IDS);
  }

  @Property(tries = 200)
  void handoversAreWhereTheWatchChanges(
      @ForAll("schedules") OnCallSchedule schedule,
      @ForAll("alarms") Instant from,
      @ForAll @IntRange(min = 1, max = 60) int days) {
    Instant to = from.plus(Duration.ofDays(days));
    List<String> current = schedule.whoIsOnCall(from);
    for (OnCallSchedule.Handover h : schedule.handovers(from, to)) {
      assertThat(h.from()).isEqualTo(current);
      assertThat(h.to()).isEqualTo(schedule.whoIsOnCall(h.at())).isNotEqualTo(current);
      assertThat(schedule.whoIsOnCall(h.at().minusNanos(1))).isEqualTo(current);
      current = h.to();
    }
    assertThat(schedule.whoIsOnCall(to)).isEqualTo(current);
  }

  static List<String> keys(List<EscalationPlanner.Page> pages) {
    return pages.stream().map(EscalationPlanner.Page::dedupKey).toList();
  }

  static Set<ChannelKind> all() {
    return EnumSet.allOf(ChannelKind.class);
  }
}
