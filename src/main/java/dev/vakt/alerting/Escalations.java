package dev.vakt.alerting;

import dev.vakt.audit.AuditLog;
import dev.vakt.common.ApiErrors;
import dev.vakt.common.Paging;
import dev.vakt.contract.ResolvedTerms;
import dev.vakt.coverage.Coverage;
import dev.vakt.coverage.CoverageService;
import dev.vakt.coverage.Subject;
import dev.vakt.outage.OutageService;
import dev.vakt.sla.SlaEvent;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Paging the technicians about an incident until someone acts (ALR-1, ALR-3, ALR-4): the outage
 * wiring opens and resolves incidents here; technicians acknowledge or start troubleshooting (API,
 * UI, signed links in the pages); {@link EscalationWorker} asks the {@link EscalationPlanner} what
 * is due and puts it in the outbox. An acknowledgement or troubleshooting start is also recorded in
 * the SLA ledger as an action ({@link OutageService#action}), the start of time to action.
 */
@Service
public class Escalations {

  /** The message kind of a page. */
  public static final String TEMPLATE = "staff-escalation";

  private static final Logger log = LoggerFactory.getLogger(Escalations.class);
  private static final Pattern REF = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@+-]{0,99}");

  private final JdbcClient jdbc;
  private final OnCallService onCall;
  private final CoverageService coverage;
  private final OutageService outages;
  private final Notifications notifications;
  private final AlertLinks links;
  private final EscalationProperties properties;
  private final AuditLog audit;
  private final Clock clock;

  Escalations(
      JdbcClient jdbc,
      OnCallService onCall,
      CoverageService coverage,
      OutageService outages,
      Notifications notifications,
      AlertLinks links,
      EscalationProperties properties,
      AuditLog audit,
      Clock clock) {
    this.audit = audit;
    this.jdbc = jdbc;
    this.onCall = onCall;
    this.coverage = coverage;
    this.outages = outages;
    this.notifications = notifications;
    this.links = links;
    this.properties = properties;
    this.clock = clock;
  }

  /**
   * Opens alerting for an incident with the deadlines of the contracts covering its services at the
   * alarm (coverage, issue 18): the strictest of those that set {@code alerting.technicians: true}.
   * A host check ({@code SERVER:CHECK}) counts as its server. When coverage knows none of the
   * services (removed from the inventory since), the contracts running for the customer on the
   * alarm's local day count instead. Does nothing (empty) when no such contract sets technicians.
   * Idempotent: opening the same reference again returns the stored state. Pages due at once are
   * enqueued in the caller's transaction.
   *
   * @param incidentRef the incident's reference: letters, digits and {@code . _ : @ + -}
   * @param customerId the customer
   * @param services the services that are down (their SLA ledger gets the actions)
   * @param alarmAt when the alarm was raised
   */
  @Transactional
  public Optional<AlertState> open(
      String incidentRef, String customerId, List<String> services, Instant alarmAt) {
    List<ResolvedTerms> terms =
        governing(customerId, services, alarmAt).stream()
            .filter(
                t ->
                    t.terms().alerting() != null
                        && Boolean.TRUE.equals(t.terms().alerting().technicians()))
            .toList();
    if (terms.isEmpty()) {
      return Optional.empty();
    }
    AlertDeadlines deadlines = AlertDeadlines.NONE;
    for (ResolvedTerms t : terms) {
      // working-days support hours leave out the public holidays of the terms' holidays country.
      deadlines = deadlines.strictest(AlertDeadlines.of(t.terms(), alarmAt));
    }
    ResolvedTerms first = terms.getFirst();
    ZoneId zone = first.terms().timeZone() == null ? ZoneOffset.UTC : first.terms().timeZone();
    return Optional.of(
        open(incidentRef, customerId, first.provider(), services, alarmAt, deadlines, zone));
  }

  /**
   * The terms of each contract covering one of {@code services} at {@code at}, once each, in the
   * order of the services; the customer's running contracts when coverage knows none of them.
   */
  private List<ResolvedTerms> governing(String customerId, List<String> services, Instant at) {
    List<ResolvedTerms> running = coverage.ofCustomer(customerId, at).contracts();
    if (running.isEmpty()) {
      return running; // no contract runs that day, so none covers a service
    }
    Map<String, ResolvedTerms> byContract = new LinkedHashMap<>();
    boolean known = false;
    for (String id : services == null ? List.<String>of() : services) {
      int colon = id.lastIndexOf(':');
      Coverage c =
          coverage.at(colon < 0 ? Subject.service(id) : Subject.server(id.substring(0, colon)), at);
      known |= c.customer() != null;
      if (c.terms() != null && customerId.equals(c.customer())) {
        byContract.putIfAbsent(c.terms().contract(), c.terms());
      }
    }
    return known ? List.copyOf(byContract.values()) : running;
  }

  /**
   * Opens alerting for an incident with deadlines the caller worked out. Idempotent.
   *
   * @param provider whose on-call set-up pages
   * @param deadlines from {@link AlertDeadlines#of}, or {@link AlertDeadlines#NONE}
   * @param zone the zone pages show times in
   */
  @Transactional
  public AlertState open(
      String incidentRef,
      String customerId,
      String provider,
      List<String> services,
      Instant alarmAt,
      AlertDeadlines deadlines,
      ZoneId zone) {
    if (incidentRef == null || !REF.matcher(incidentRef).matches()) {
      throw new IllegalArgumentException(
          "incident reference '" + incidentRef + "' must be letters, digits and . _ : @ + -");
    }
    if (services == null
        || services.isEmpty()
        || services.stream().anyMatch(s -> s.contains(","))) {
      throw new IllegalArgumentException("an incident needs its services (ids without commas)");
    }
    String policy =
        onCall
            .forProvider(provider)
            .flatMap(d -> d.policyFor(customerId))
            .map(EscalationPolicy::id)
            .orElse(null);
    if (policy == null) {
      log.warn(
          "Incident {}: provider {} has no escalation policy for customer {}; nobody is paged",
          incidentRef,
          provider,
          customerId);
    }
    jdbc.sql(
            """
            insert into alert_incident (ref, customer_id, provider, services, zone, policy, alarm_at,
              action_deadline_at, troubleshooting_deadline_at, created_at)
            values (:ref, :customer, :provider, :services, :zone, :policy, :alarm, :action, :ts, :now)
            on conflict (ref) do nothing
            """)
        .param("ref", incidentRef)
        .param("customer", customerId)
        .param("provider", provider)
        .param("services", String.join(",", services))
        .param("zone", zone.getId())
        .param("policy", policy)
        .param("alarm", Timestamp.from(alarmAt))
        .param("action", ts(deadlines.action()))
        .param("ts", ts(deadlines.troubleshooting()))
        .param("now", Timestamp.from(clock.instant()))
        .update();
    escalate(incidentRef, clock.instant());
    return require(incidentRef);
  }

  /**
   * The incident is over: paging stops, and a deadline not yet met is {@code missed} if it passed
   * before {@code at}, else {@code resolved-first}. Empty for an unknown reference.
   */
  @Transactional
  public Optional<AlertState> resolve(String incidentRef, Instant at) {
    Optional<AlertState> state = lock(incidentRef);
    if (state.isEmpty() || state.get().resolvedAt() != null) {
      return state;
    }
    jdbc.sql(
            """
            update alert_incident set resolved_at = :at,
              action_outcome = coalesce(action_outcome, case when action_deadline_at is null then null
                when action_deadline_at < :at then 'missed' else 'resolved-first' end),
              troubleshooting_outcome = coalesce(troubleshooting_outcome,
                case when troubleshooting_deadline_at is null then null
                when troubleshooting_deadline_at < :at then 'missed' else 'resolved-first' end)
            where ref = :ref
            """)
        .param("at", Timestamp.from(at))
        .param("ref", incidentRef)
        .update();
    return state(incidentRef);
  }

  /**
   * Someone acknowledged the alarm: paging stops, time to action is met if before its deadline, and
   * each service's SLA ledger gets an {@code acknowledged} action. A second acknowledgement changes
   * nothing.
   *
   * @throws ApiErrors.NotFound for an unknown incident
   */
  @Transactional
  public AlertState acknowledge(String incidentRef, String by) {
    AlertState s = lock(incidentRef).orElseThrow(() -> notFound(incidentRef));
    if (s.acknowledgedAt() != null) {
      return s;
    }
    Instant now = clock.instant();
    jdbc.sql(
            """
            update alert_incident set acknowledged_at = :now, acknowledged_by = :by,
              action_outcome = coalesce(action_outcome, case when action_deadline_at is null then null
                when action_deadline_at < :now then 'missed' else 'met' end)
            where ref = :ref
            """)
        .param("now", Timestamp.from(now))
        .param("by", by)
        .param("ref", incidentRef)
        .update();
    slaServices(s)
        .forEach(svc -> outages.action(s.customerId(), svc, SlaEvent.ActionKind.ACKNOWLEDGED, by));
    return audited(by, "acknowledge", s);
  }

  /**
   * Troubleshooting started: paging stops, the troubleshooting deadline (and time to action, if not
   * met already) is met if before it, and each service's SLA ledger gets a {@code
   * troubleshooting-started} action. A second start changes nothing.
   *
   * @throws ApiErrors.NotFound for an unknown incident
   */
  @Transactional
  public AlertState troubleshootingStarted(String incidentRef, String by) {
    AlertState s = lock(incidentRef).orElseThrow(() -> notFound(incidentRef));
    if (s.troubleshootingAt() != null) {
      return s;
    }
    Instant now = clock.instant();
    jdbc.sql(
            """
            update alert_incident set troubleshooting_at = :now, troubleshooting_by = :by,
              action_outcome = coalesce(action_outcome, case when action_deadline_at is null then null
                when action_deadline_at < :now then 'missed' else 'met' end),
              troubleshooting_outcome = coalesce(troubleshooting_outcome,
                case when troubleshooting_deadline_at is null then null
                when troubleshooting_deadline_at < :now then 'missed' else 'met' end)
            where ref = :ref
            """)
        .param("now", Timestamp.from(now))
        .param("by", by)
        .param("ref", incidentRef)
        .update();
    slaServices(s)
        .forEach(
            svc ->
                outages.action(
                    s.customerId(), svc, SlaEvent.ActionKind.TROUBLESHOOTING_STARTED, by));
    return audited(by, "troubleshooting-started", s);
  }

  /**
   * The incident's state after {@code by}'s change, recorded in the audit log with the one before.
   */
  private AlertState audited(String by, String action, AlertState before) {
    AlertState after = require(before.ref());
    audit.record(by, action, "alert", before.ref(), before.customerId(), before, after);
    return after;
  }

  /**
   * The incident's services that have an SLA ledger: not host checks ({@code SERVER:CHECK}), which
   * technicians are paged for but no customer's SLA counts.
   */
  private static List<String> slaServices(AlertState s) {
    return s.services().stream().filter(svc -> !svc.contains(":")).toList();
  }

  /** The incident's alerting state. */
  @Transactional(readOnly = true)
  public Optional<AlertState> state(String incidentRef) {
    return jdbc.sql("select * from alert_incident where ref = :ref")
        .param("ref", incidentRef)
        .query(Escalations::row)
        .optional();
  }

  /**
   * A page of the incidents not yet resolved, newest alarm first: what the staff console lists
   * (ALR-1).
   */
  @Transactional(readOnly = true)
  public Paging.Page<AlertState> open(Paging.PageRequest page) {
    long total =
        jdbc.sql("select count(*) from alert_incident where resolved_at is null")
            .query(Long.class)
            .single();
    List<AlertState> items =
        jdbc.sql(
                """
                select * from alert_incident where resolved_at is null
                order by alarm_at desc, ref limit :limit offset :offset
                """)
            .param("limit", page.size())
            .param("offset", page.offset())
            .query(Escalations::row)
            .list();
    return new Paging.Page<>(items, total);
  }

  /** The pages sent for the incident, in order. */
  @Transactional(readOnly = true)
  public List<AlertState.Page> pages(String incidentRef) {
    return jdbc.sql(
            """
            select dedup_key, round, step, person, channel, recipient, due_at, pulled_forward,
              notification_id, enqueued_at from alert_page where incident_ref = :ref order by id
            """)
        .param("ref", incidentRef)
        .query(
            (rs, i) ->
                new AlertState.Page(
                    rs.getString(1),
                    rs.getInt(2),
                    rs.getInt(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6),
                    rs.getTimestamp(7).toInstant(),
                    rs.getBoolean(8),
                    rs.getLong(9),
                    rs.getTimestamp(10).toInstant()))
        .list();
  }

  /** The references of incidents still paging: open, and nobody has acted. */
  @Transactional(readOnly = true)
  List<String> paging() {
    return jdbc.sql(
            """
            select ref from alert_incident where resolved_at is null and acknowledged_at is null
              and troubleshooting_at is null and policy is not null order by alarm_at
            """)
        .query(String.class)
        .list();
  }

  /** Marks deadlines that passed without the action they wait for as missed. */
  @Transactional
  int markMissed(Instant now) {
    Timestamp t = Timestamp.from(now);
    return jdbc.sql(
                """
                update alert_incident set action_outcome = 'missed' where action_outcome is null
                  and action_deadline_at < :now and resolved_at is null
                  and acknowledged_at is null and troubleshooting_at is null
                """)
            .param("now", t)
            .update()
        + jdbc.sql(
                """
                update alert_incident set troubleshooting_outcome = 'missed'
                  where troubleshooting_outcome is null and troubleshooting_deadline_at < :now
                  and resolved_at is null and troubleshooting_at is null
                """)
            .param("now", t)
            .update();
  }

  /**
   * Enqueues the pages of an incident due at {@code now} that were not enqueued before; the row
   * lock orders it against an acknowledgement, so nothing is enqueued after one commits.
   *
   * @return the number of pages enqueued
   */
  @Transactional
  public int escalate(String incidentRef, Instant now) {
    AlertState s = lock(incidentRef).orElse(null);
    if (s == null || s.policy() == null || s.handled() || s.resolvedAt() != null) {
      return 0;
    }
    OnCallDocument doc = onCall.forProvider(s.provider()).orElse(null);
    EscalationPolicy policy = doc == null ? null : doc.policy(s.policy()).orElse(null);
    if (policy == null) {
      log.warn("Incident {}: escalation policy {} is gone; nobody is paged", s.ref(), s.policy());
      return 0;
    }
    var alarm =
        new EscalationPlanner.Alarm(s.ref(), s.alarmAt(), s.zone(), s.deadline(), null, null);
    List<EscalationPlanner.Page> due =
        EscalationPlanner.due(alarm, policy, doc, properties.margin(), now);
    Set<String> sent =
        new HashSet<>(
            jdbc.sql("select dedup_key from alert_page where incident_ref = :ref")
                .param("ref", s.ref())
                .query(String.class)
                .list());
    int n = 0;
    Instant expires = now.plus(properties.linkValidity());
    for (EscalationPlanner.Page p : due) {
      if (sent.contains(p.dedupKey())) {
        continue;
      }
      Map<String, Object> values = new LinkedHashMap<>();
      values.put("customer", s.customerId());
      values.put("services", s.services());
      values.put("since", s.alarmAt());
      values.put("deadline", s.deadline() == null ? "-" : s.deadline());
      values.put("step", (p.round() + 1) + "." + (p.step() + 1));
      values.put(
          "ack",
          links.url(new AlertLinks.Claim(s.ref(), p.person(), AlertLinks.Action.ACK, expires)));
      values.put(
          "troubleshooting",
          links.url(
              new AlertLinks.Claim(
                  s.ref(), p.person(), AlertLinks.Action.TROUBLESHOOTING, expires)));
      Notifications.Enqueued e =
          notifications.enqueue(
              new NotificationRequest(
                  p.recipient(), TEMPLATE, values, p.cause(), null, s.provider()));
      jdbc.sql(
              """
              insert into alert_page (incident_ref, dedup_key, round, step, person, channel,
                recipient, due_at, pulled_forward, notification_id, enqueued_at)
              values (:ref, :key, :round, :step, :person, :channel, :recipient, :due, :pulled, :nid, :now)
              on conflict (dedup_key) do nothing
              """)
          .param("ref", s.ref())
          .param("key", p.dedupKey())
          .param("round", p.round())
          .param("step", p.step())
          .param("person", p.person())
          .param("channel", p.recipient().channel().code())
          .param("recipient", p.recipient().address())
          .param("due", Timestamp.from(p.dueAt()))
          .param("pulled", p.pulledForward())
          .param("nid", e.id())
          .param("now", Timestamp.from(clock.instant()))
          .update();
      n++;
    }
    return n;
  }

  private Optional<AlertState> lock(String ref) {
    return jdbc.sql("select * from alert_incident where ref = :ref for update")
        .param("ref", ref)
        .query(Escalations::row)
        .optional();
  }

  private AlertState require(String ref) {
    return state(ref).orElseThrow(() -> notFound(ref));
  }

  private static ApiErrors.NotFound notFound(String ref) {
    return new ApiErrors.NotFound("incident " + ref);
  }

  private static Timestamp ts(Instant i) {
    return i == null ? null : Timestamp.from(i);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }

  private static AlertState row(ResultSet rs, int i) throws SQLException {
    return new AlertState(
        rs.getString("ref"),
        rs.getString("customer_id"),
        rs.getString("provider"),
        Arrays.asList(rs.getString("services").split(",")),
        ZoneId.of(rs.getString("zone")),
        rs.getString("policy"),
        instant(rs, "alarm_at"),
        instant(rs, "action_deadline_at"),
        instant(rs, "troubleshooting_deadline_at"),
        instant(rs, "acknowledged_at"),
        rs.getString("acknowledged_by"),
        instant(rs, "troubleshooting_at"),
        rs.getString("troubleshooting_by"),
        instant(rs, "resolved_at"),
        rs.getString("action_outcome"),
        rs.getString("troubleshooting_outcome"));
  }
}
