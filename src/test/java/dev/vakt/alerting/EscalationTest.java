package dev.vakt.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.IntegrationTest;
import dev.vakt.catalog.CatalogService;
import dev.vakt.contract.ContractService;
import dev.vakt.contract.ResolvedTerms;
import dev.vakt.outage.OutageService;
import dev.vakt.sla.SlaEvent;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/**
 * Escalation on the real database with BDN's example on-call set-up (ALR-1, ALR-3, ALR-4): pages go
 * to the outbox once each, stop at the acknowledgement, links confirm before they act, and an
 * acknowledgement or troubleshooting start lands in the SLA ledger as an action.
 */
class EscalationTest extends IntegrationTest {

  static final String CUSTOMER = "bdn-skovly";
  static final String HTTPS = "bdn-skovly-web1-https";
  static final ZoneId CPH = ZoneId.of("Europe/Copenhagen");

  @Autowired CatalogService catalog;
  @Autowired ContractService contracts;
  @Autowired OnCallService onCall;
  @Autowired Escalations escalations;
  @Autowired EscalationWorker worker;
  @Autowired AlertLinks links;
  @Autowired OutageService outages;
  @Autowired Clock clock;

  @BeforeEach
  void examples() {
    CatalogService.ImportReport r =
        catalog.importCatalog(catalog.read(List.of(Path.of("examples/bdn"))), "test");
    assertThat(r.stored().contains("OnCall/bdn") || r.unchanged().contains("OnCall/bdn")).isTrue();
  }

  @Test
  void theOnCallDocumentIsStoredAndExported() {
    OnCallDocument d = onCall.forProvider("bdn").orElseThrow();
    assertThat(d.policyFor(CUSTOMER).orElseThrow().id()).isEqualTo("standard");
    assertThat(catalog.exportYaml()).contains("kind: \"OnCall\"").contains("mads@example.no");
    // Importing the same document again changes nothing.
    assertThat(onCall.importDocument(d, "test")).isFalse();
  }

  @Test
  void bdnTroubleshootingDeadlineAppliesOutsideSupportHoursOnly_ALR3() {
    ResolvedTerms t = contracts.termsFor(CUSTOMER, LocalDate.parse("2026-02-07")).getFirst();
    Instant saturday = Instant.parse("2026-02-07T12:00:00Z");
    Instant tuesday = Instant.parse("2026-02-10T10:00:00Z"); // 11:00 in Copenhagen
    Instant tuesdayNight = Instant.parse("2026-02-10T22:00:00Z");
    assertThat(AlertDeadlines.of(t.terms(), saturday, Set.of()).troubleshooting())
        .isEqualTo(saturday.plus(Duration.ofHours(1)));
    assertThat(AlertDeadlines.of(t.terms(), tuesday, Set.of()).troubleshooting()).isNull();
    assertThat(AlertDeadlines.of(t.terms(), tuesdayNight, Set.of()).troubleshooting())
        .isEqualTo(tuesdayNight.plus(Duration.ofHours(1)));
  }

  @Test
  void pagesAreEnqueuedOnceAndStopAtTheAcknowledgementWhichTheLedgerRecords() {
    String ref = unique("inc");
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    AlertState s =
        escalations.open(
            ref,
            CUSTOMER,
            "bdn",
            List.of(HTTPS),
            now,
            new AlertDeadlines(null, now.plus(Duration.ofHours(1))),
            CPH);
    assertThat(s.policy()).isEqualTo("standard");
    // Step 1 pages at once: the primary on call, by e-mail and SMS.
    List<AlertState.Page> first = escalations.pages(ref);
    assertThat(first).hasSize(2).allSatisfy(p -> assertThat(p.step()).isZero());
    assertThat(escalations.escalate(ref, now.plusSeconds(60))).isZero();
    // Step 2 after 15 minutes, SMS only; asking twice enqueues nothing new.
    int second = escalations.escalate(ref, now.plus(Duration.ofMinutes(16)));
    assertThat(second).isPositive();
    assertThat(escalations.escalate(ref, now.plus(Duration.ofMinutes(16)))).isZero();
    assertThat(escalations.pages(ref))
        .filteredOn(p -> p.step() == 1)
        .allSatisfy(p -> assertThat(p.channel()).isEqualTo("sms"));
    assertThat(
            jdbc.sql("select count(*) from notification where cause like :c")
                .param("c", ref + "/page/%")
                .query(Integer.class)
                .single())
        .isEqualTo(2 + second);

    // The link only shows a confirm page on GET; the POST acknowledges.
    String url =
        links.url(
            new AlertLinks.Claim(
                ref, "mads", AlertLinks.Action.ACK, now.plus(Duration.ofHours(1))));
    String path = url.substring(url.indexOf("/a/"));
    var get = http.get().uri(path).retrieve().toEntity(String.class);
    assertThat(get.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(get.getBody()).contains("<form method=\"post\"").contains(ref);
    assertThat(escalations.state(ref).orElseThrow().acknowledgedAt()).isNull();
    var post = http.post().uri(path).retrieve().toEntity(String.class);
    assertThat(post.getStatusCode()).isEqualTo(HttpStatus.OK);
    AlertState acked = escalations.state(ref).orElseThrow();
    assertThat(acked.acknowledgedBy()).isEqualTo("mads");
    assertThat(acked.troubleshootingOutcome())
        .isNull(); // an acknowledgement is not troubleshooting

    // Nothing more is paged after the acknowledgement.
    assertThat(escalations.escalate(ref, now.plus(Duration.ofHours(3)))).isZero();

    // Over the API one acts as oneself: a body naming someone else is refused, naming /by.
    var asSomeoneElse =
        http.post()
            .uri("/api/alerts/{ref}/troubleshooting", ref)
            .contentType(MediaType.APPLICATION_JSON)
            .body(Map.of("by", "sofie"))
            .retrieve()
            .toEntity(String.class);
    assertThat(asSomeoneElse.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(asSomeoneElse.getBody()).contains("\"field\":\"/by\"");
    assertThat(escalations.state(ref).orElseThrow().troubleshootingAt()).isNull();
    // Troubleshooting started over the API meets BDN's deadline (ALR-3).
    var ts =
        http.post()
            .uri("/api/alerts/{ref}/troubleshooting", ref)
            .contentType(MediaType.APPLICATION_JSON)
            .body(Map.of("by", ADMIN))
            .retrieve()
            .toEntity(String.class);
    assertThat(ts.getStatusCode()).isEqualTo(HttpStatus.OK);
    AlertState done = escalations.state(ref).orElseThrow();
    assertThat(done.troubleshootingBy()).isEqualTo(ADMIN);
    assertThat(done.troubleshootingOutcome()).isEqualTo("met");

    // Both actions are in the SLA ledger (time to action, ALR-4).
    List<SlaEvent.Action> actions =
        outages.events(CUSTOMER, now.minusSeconds(60), clock.instant().plusSeconds(60)).stream()
            .filter(e -> e instanceof SlaEvent.Action)
            .map(e -> (SlaEvent.Action) e)
            .filter(a -> a.service().equals(HTTPS))
            .toList();
    assertThat(actions)
        .extracting(SlaEvent.Action::kind, SlaEvent.Action::by)
        .contains(
            org.assertj.core.groups.Tuple.tuple(SlaEvent.ActionKind.ACKNOWLEDGED, "mads"),
            org.assertj.core.groups.Tuple.tuple(
                SlaEvent.ActionKind.TROUBLESHOOTING_STARTED, ADMIN));
  }

  /** ALR-3: who acknowledged is who is signed in; a body naming another is refused. */
  @Test
  void theApiRecordsTheSignedInAccountAsWhoActed_ALR3() {
    String ref = unique("inc");
    escalations.open(
        ref, CUSTOMER, "bdn", List.of(HTTPS), clock.instant(), AlertDeadlines.NONE, CPH);
    var other =
        http.post()
            .uri("/api/alerts/{ref}/ack", ref)
            .contentType(MediaType.APPLICATION_JSON)
            .body(Map.of("by", "mads"))
            .retrieve()
            .toEntity(String.class);
    assertThat(other.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(escalations.state(ref).orElseThrow().acknowledgedAt()).isNull();
    var ack = http.post().uri("/api/alerts/{ref}/ack", ref).retrieve().toEntity(String.class);
    assertThat(ack.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(escalations.state(ref).orElseThrow().acknowledgedBy()).isEqualTo(ADMIN);
    // DPA-3: the change is in the audit log, who and when, before and after.
    JsonNode trail =
        http.get().uri("/api/audit?entity=alert&id={ref}", ref).retrieve().body(JsonNode.class);
    assertThat(trail).hasSize(1);
    assertThat(trail.get(0).get("actor").asString()).isEqualTo(ADMIN);
    assertThat(trail.get(0).get("action").asString()).isEqualTo("acknowledge");
    assertThat(trail.get(0).get("customerId").asString()).isEqualTo(CUSTOMER);
    assertThat(trail.get(0).get("before").has("acknowledgedAt")).isFalse();
    assertThat(trail.get(0).get("after").get("acknowledgedBy").asString()).isEqualTo(ADMIN);
    http.post().uri("/api/alerts/{ref}/troubleshooting", ref).retrieve().toBodilessEntity();
    assertThat(
            http.get()
                .uri("/api/audit?entity=alert&id={ref}", ref)
                .retrieve()
                .body(JsonNode.class)
                .get(0)
                .get("action")
                .asString())
        .isEqualTo("troubleshooting-started");
  }

  @Test
  void aBadOrExpiredLinkDoesNothing() {
    String ref = unique("inc");
    Instant now = clock.instant();
    escalations.open(ref, CUSTOMER, "bdn", List.of(HTTPS), now, AlertDeadlines.NONE, CPH);
    String expired =
        links.url(new AlertLinks.Claim(ref, "mads", AlertLinks.Action.ACK, now.minusSeconds(1)));
    String path = expired.substring(expired.indexOf("/a/"));
    assertThat(http.post().uri(path).retrieve().toEntity(String.class).getStatusCode())
        .isEqualTo(HttpStatus.GONE);
    String forged = path.substring(0, path.length() - 3) + "AAA";
    assertThat(http.post().uri(forged).retrieve().toEntity(String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(escalations.state(ref).orElseThrow().acknowledgedAt()).isNull();
  }

  @Test
  void aDeadlinePassedWithoutActionIsMissedAndResolvingFirstIsNoBreach() {
    String late = unique("inc");
    Instant now = clock.instant();
    Instant alarm = now.minus(Duration.ofHours(2));
    escalations.open(
        late,
        CUSTOMER,
        "bdn",
        List.of(HTTPS),
        alarm,
        new AlertDeadlines(alarm.plus(Duration.ofMinutes(30)), alarm.plus(Duration.ofHours(1))),
        CPH);
    // Opened late: the whole first round (pulled before the deadline) is due at once.
    assertThat(escalations.pages(late)).isNotEmpty();
    worker.runOnce(now);
    AlertState s = escalations.state(late).orElseThrow();
    assertThat(s.actionOutcome()).isEqualTo("missed");
    assertThat(s.troubleshootingOutcome()).isEqualTo("missed");

    String quick = unique("inc");
    escalations.open(
        quick,
        CUSTOMER,
        "bdn",
        List.of(HTTPS),
        now,
        new AlertDeadlines(null, now.plus(Duration.ofHours(1))),
        CPH);
    AlertState r = escalations.resolve(quick, now.plusSeconds(120)).orElseThrow();
    assertThat(r.troubleshootingOutcome()).isEqualTo("resolved-first");
    assertThat(escalations.escalate(quick, now.plus(Duration.ofHours(2)))).isZero();
  }
}
