package dev.vakt.maintenance.planning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.IntegrationTest;
import dev.vakt.catalog.CatalogService;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

/**
 * Planning maintenance through the API against the example contracts, on the real database: the
 * windows of every affected contract decide (MNT-1, MNT-2, MNT-3), an override needs a reason, the
 * customer is told with the contract's lead time (MNT-11), the SLA ledger gets the period (SLA-3)
 * and loses it when the work is cancelled before it starts, and the calendar feeds show it.
 */
class MaintenancePlanningApiTest extends IntegrationTest {

  private static final ZoneId COPENHAGEN = ZoneId.of("Europe/Copenhagen");
  private static final String SKOVLY = "bdn-skovly";

  @Autowired CatalogService catalog;

  @BeforeEach
  void examples() {
    catalog.importCatalog(
        catalog.read(List.of(Path.of("examples/bdn"), Path.of("examples/dg"))), "test");
  }

  private static Map<String, Object> work(
      String title, String purpose, Instant from, Instant to, List<String> servers) {
    Map<String, Object> m = new HashMap<>();
    m.put("title", title);
    m.put("purpose", purpose);
    m.put("from", from.toString());
    m.put("to", to.toString());
    m.put("servers", servers);
    return m;
  }

  /** The Sunday at least a week ahead, at {@code time} in Copenhagen. */
  private static Instant sundayAhead(LocalTime time) {
    return ZonedDateTime.now(COPENHAGEN)
        .plusWeeks(1)
        .with(TemporalAdjusters.next(DayOfWeek.SUNDAY))
        .with(time)
        .toInstant();
  }

  private List<String> recipients(String cause) {
    return jdbc.sql("select recipient from notification where cause = :c order by recipient")
        .param("c", cause)
        .query(String.class)
        .list();
  }

  private String ledger(String customer) {
    Instant now = Instant.now();
    String body =
        http.get()
            .uri(
                "/api/customers/{c}/sla/events?from={f}&to={t}",
                customer,
                now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(400)))
            .retrieve()
            .body(String.class);
    return body == null ? "" : body;
  }

  /** A feed with its folded lines (RFC 5545 3.1) joined again. */
  private String feed(String uri) {
    return http.get().uri(uri).retrieve().body(String.class).replace("\r\n ", "");
  }

  @Test
  void updatesInsideTheSaturdayNightServiceWindowArePlannedTold_MNT2_MNT11_SLA3() {
    Instant from = sundayAhead(LocalTime.of(2, 30));
    var planned =
        post(
            "/api/maintenance",
            work(
                "Kernel updates",
                "updates",
                from,
                from.plus(Duration.ofHours(2)),
                List.of("bdn-skovly-web1")));
    assertThat(planned.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    JsonNode m = planned.getBody();
    String id = m.path("id").asString();
    assertThat(m.path("services").path(SKOVLY).toString())
        .contains("bdn-skovly-web1-ping", "bdn-skovly-web1-https");
    assertThat(m.path("checks").get(0).path("window").asString()).isEqualTo("service-window");
    assertThat(m.path("checks").get(0).path("fits").asBoolean()).isTrue();
    assertThat(m.has("overrideReason")).isFalse();

    // SLA-3: the period is in the customer's ledger, under the maintenance's id.
    assertThat(ledger(SKOVLY)).contains("\"maintenance\"", id);
    // MNT-11: the registered e-mail is told (BDN's emergency list hears of outages only).
    await(() -> recipients("maintenance-" + id), List.of("web@skovly-moebler.example"));
    String subject =
        jdbc.sql("select subject from notification where cause = :c")
            .param("c", "maintenance-" + id)
            .query(String.class)
            .single();
    assertThat(subject).startsWith("Planlagt vedligeholdelse"); // Danish, the customer's language
    assertThat(
            http.get().uri("/api/audit?entity=maintenance&id=" + id).retrieve().body(String.class))
        .contains("\"plan\"");
  }

  @Test
  void updatesOnAWeekdayAreRefusedWithEachWindowsReasonUnlessOverridden_MNT2() {
    Instant from =
        ZonedDateTime.now(COPENHAGEN)
            .plusWeeks(1)
            .with(TemporalAdjusters.next(DayOfWeek.WEDNESDAY))
            .with(LocalTime.of(10, 0))
            .toInstant();
    Map<String, Object> body =
        work(
            "Updates", "updates", from, from.plus(Duration.ofHours(1)), List.of("bdn-skovly-web1"));
    var refused = post("/api/maintenance", body);
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(refused.getBody().path("reasons").toString())
        .contains("service-window: the work does not lie within one of its times")
        .contains("unscheduled: not for updates")
        .contains("acute: not for updates");

    body.put("override", "   ");
    assertThat(post("/api/maintenance", body).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);

    body.put("override", "Customer asked by phone for a fix before its campaign, ticket 4711");
    var planned = post("/api/maintenance", body);
    assertThat(planned.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(planned.getBody().path("overrideReason").asString()).contains("ticket 4711");
  }

  @Test
  void aServiceWindowOnTheNightClocksGoForwardHasThreeHours_MNT2() {
    // 2027-03-28: Copenhagen goes from 02:00 CET to 03:00 CEST. Sunday 02:00-06:00 local is then
    // 01:00Z-04:00Z, three hours.
    Instant from = Instant.parse("2027-03-28T01:00:00Z");
    var fits =
        post(
            "/api/maintenance/check",
            work(
                "DST",
                "updates",
                from,
                Instant.parse("2027-03-28T04:00:00Z"),
                List.of("bdn-skovly-web1")));
    assertThat(fits.getBody().get(0).path("fits").asBoolean()).isTrue();
    var early =
        post(
            "/api/maintenance/check",
            work(
                "DST",
                "updates",
                Instant.parse("2027-03-28T00:30:00Z"),
                from,
                List.of("bdn-skovly-web1")));
    assertThat(early.getBody().get(0).path("fits").asBoolean()).isFalse();
    var late =
        post(
            "/api/maintenance/check",
            work(
                "DST",
                "updates",
                from,
                Instant.parse("2027-03-28T04:30:00Z"),
                List.of("bdn-skovly-web1")));
    assertThat(late.getBody().get(0).path("fits").asBoolean()).isFalse();
  }

  @Test
  void dgCustomersAreOwedThreeDaysNoticeOfEveryStop_MNT11() {
    Instant tomorrow = Instant.now().plus(Duration.ofDays(1));
    var tooSoon =
        post(
            "/api/maintenance/check",
            work(
                "Disk swap",
                "hardware",
                tomorrow,
                tomorrow.plus(Duration.ofHours(1)),
                List.of("dg-fjellsport-ded1")));
    assertThat(tooSoon.getBody()).isNotEmpty();
    for (JsonNode c : tooSoon.getBody()) {
      assertThat(c.path("fits").asBoolean()).isFalse();
      assertThat(c.path("reasons").get(0).asString()).contains("owed 72h notice");
    }
    Instant later = Instant.now().plus(Duration.ofDays(4));
    var inTime =
        post(
            "/api/maintenance/check",
            work(
                "Disk swap",
                "hardware",
                later,
                later.plus(Duration.ofHours(1)),
                List.of("dg-fjellsport-ded1")));
    for (JsonNode c : inTime.getBody()) {
      assertThat(c.path("fits").asBoolean()).isTrue();
      assertThat(c.path("notice").asString()).isEqualTo("72h");
    }
  }

  @Test
  void cancellingBeforeTheStartWithdrawsThePeriodAndTellsTheCustomer_SLA3_MNT11() {
    Instant from = sundayAhead(LocalTime.of(3, 0));
    String id =
        post(
                "/api/maintenance",
                work(
                    "Updates",
                    "updates",
                    from,
                    from.plus(Duration.ofHours(1)),
                    List.of("bdn-skovly-web1")))
            .getBody()
            .path("id")
            .asString();
    assertThat(ledger(SKOVLY)).contains(id);
    var cancelled =
        post("/api/maintenance/" + id + "/cancel", Map.of("reason", "Updates postponed a week"));
    assertThat(cancelled.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(cancelled.getBody().path("state").asString()).isEqualTo("cancelled");
    assertThat(ledger(SKOVLY)).doesNotContain(id);
    assertThat(
            http.get()
                .uri("/api/customers/" + SKOVLY + "/sla/history")
                .retrieve()
                .body(String.class))
        .contains("maintenance:" + id);
    await(() -> recipients("maintenance-cancelled-" + id), List.of("web@skovly-moebler.example"));
    assertThat(
            post("/api/maintenance/" + id + "/cancel", Map.of("reason", "again")).getStatusCode())
        .isEqualTo(HttpStatus.CONFLICT);

    String feed = feed("/api/customers/" + SKOVLY + "/maintenance.ics");
    assertThat(feed).contains("BEGIN:VCALENDAR", "UID:" + id + "@vakt", "STATUS:CANCELLED");
  }

  @Test
  void customersSeeOnlyTheirOwnPartAndFeedsNameNothingInternal_MNT11() {
    Instant from =
        ZonedDateTime.now(COPENHAGEN)
            .plusWeeks(1)
            .with(TemporalAdjusters.next(DayOfWeek.WEDNESDAY))
            .with(LocalTime.of(10, 0))
            .toInstant();
    Map<String, Object> body =
        work(
            "Network change",
            "updates",
            from,
            from.plus(Duration.ofHours(1)),
            List.of("bdn-skovly-web1", "bdn-hav-web1"));
    body.put("assignee", "lars");
    body.put("override", "internal: switch firmware bug");
    var planned = post("/api/maintenance", body);
    assertThat(planned.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    String id = planned.getBody().path("id").asString();
    assertThat(planned.getBody().path("services").has("bdn-hav-og-land")).isTrue();

    String mine =
        http.get()
            .uri("/api/customers/" + SKOVLY + "/maintenance/" + id)
            .retrieve()
            .body(String.class);
    assertThat(mine).contains("bdn-skovly-web1-ping").doesNotContain("bdn-hav", "lars", "firmware");
    String feed = feed("/api/customers/" + SKOVLY + "/maintenance.ics");
    assertThat(feed).contains(id).doesNotContain("bdn-hav", "lars", "firmware");
    assertThat(
            http.get()
                .uri("/api/customers/dg-hansen/maintenance/" + id)
                .retrieve()
                .toBodilessEntity()
                .getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);

    // DPA-4: the customer's audit trail holds only its own part of the plan; staff's, the whole.
    String user = unique("skovly");
    accounts.create(
        new dev.vakt.access.Accounts.NewAccount(
            user, "a long test password", dev.vakt.access.Role.CUSTOMER_VIEWER, SKOVLY),
        "test");
    String token =
        apiTokens.issue(user, "t", dev.vakt.access.ApiTokens.Scope.READ, null, "test").value();
    String trail =
        anonymous()
            .get()
            .uri("/api/audit?entity=maintenance&id=" + id)
            .header("Authorization", "Bearer " + token)
            .retrieve()
            .body(String.class);
    assertThat(trail)
        .contains(id, "bdn-skovly-web1-ping")
        .doesNotContain("bdn-hav", "lars", "firmware");
    assertThat(
            http.get().uri("/api/audit?entity=maintenance&id=" + id).retrieve().body(String.class))
        .contains("bdn-hav", "firmware");

    String technician = feed("/api/maintenance.ics?technician=lars");
    assertThat(technician).contains(id, "Technician: lars", "firmware");
    assertThat(feed("/api/maintenance.ics?technician=nobody")).doesNotContain(id);
  }

  @Test
  void badInputNamesTheField() {
    Instant from = sundayAhead(LocalTime.of(2, 0));
    var unknown =
        post(
            "/api/maintenance",
            work("x", "updates", from, from.plusSeconds(60), List.of("no-such-server")));
    assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(unknown.getBody().path("errors").get(0).path("field").asString())
        .isEqualTo("/servers/0");
    var purpose =
        post(
            "/api/maintenance",
            work("x", "painting", from, from.plusSeconds(60), List.of("bdn-skovly-web1")));
    assertThat(purpose.getBody().path("errors").get(0).path("field").asString())
        .isEqualTo("/purpose");
    var backwards =
        post(
            "/api/maintenance",
            work("x", "updates", from, from.minusSeconds(60), List.of("bdn-skovly-web1")));
    assertThat(backwards.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
  }

  private static <T> void await(java.util.function.Supplier<T> actual, T expected) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!expected.equals(actual.get()) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    assertThat(actual.get()).isEqualTo(expected);
  }
}
