package dev.vakt.sla;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.common.Problem;
import dev.vakt.contract.OutageCategory;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ledger format: every type reads, writes back unchanged, and bad lines are pointed at. */
class SlaEventsTest {

  static final List<SlaEvent> ALL =
      List.of(
          new SlaEvent.StateChange(
              "web", at("2026-03-01T10:00:00"), SlaEvent.Level.CRITICAL, "timeout", "host-1"),
          new SlaEvent.StateChange("web", at("2026-03-01T11:00:00"), SlaEvent.Level.OK, null, null),
          new SlaEvent.Report(
              "r-1", "web", at("2026-03-02T08:00:00"), at("2026-03-02T09:30:00"), "shop down"),
          new SlaEvent.Report("r-2", "web", at("2026-03-03T08:00:00"), null, null),
          new SlaEvent.Maintenance(
              "m-1",
              List.of("web", "db"),
              at("2026-03-07T00:00:00"),
              at("2026-03-07T02:00:00"),
              "CHG-17"),
          new SlaEvent.Gap(at("2026-03-04T00:00:00"), at("2026-03-04T00:10:00"), "vakt down"),
          new SlaEvent.AccessLost(List.of("web"), at("2026-03-05T00:00:00"), null),
          new SlaEvent.Classified(
              OutageCategory.CAPACITY_NON_COMPLIANCE,
              List.of("web"),
              at("2026-03-06T00:00:00"),
              at("2026-03-06T01:00:00"),
              "N-1 not met"),
          new SlaEvent.Reclassify(
              "web",
              at("2026-03-01T10:00:00"),
              at("2026-03-01T11:00:00"),
              OutageCategory.CUSTOMER_CAUSED,
              "customer deleted the vhost",
              "anna",
              at("2026-03-08T12:00:00")),
          new SlaEvent.Action(
              "web",
              at("2026-03-01T10:05:00"),
              SlaEvent.ActionKind.TROUBLESHOOTING_STARTED,
              "ola"));

  static Instant at(String utc) {
    return Instant.parse(utc + "Z");
  }

  static SlaEvents.Result read(String text) {
    return SlaEvents.read(new StringReader(text), "events.jsonl");
  }

  @Test
  void everyTypeWritesAndReadsBackTheSame() throws Exception {
    StringWriter out = new StringWriter();
    SlaEvents.write(ALL, out);
    String text = out.toString();
    assertThat(text.lines()).hasSize(ALL.size());
    assertThat(text.lines().findFirst().orElseThrow())
        .isEqualTo(
            "{\"type\":\"state\",\"service\":\"web\",\"at\":\"2026-03-01T10:00:00Z\","
                + "\"state\":\"critical\",\"reason\":\"timeout\",\"incident\":\"host-1\"}");
    assertThat(text).contains("\"type\":\"access-lost\"").contains("\"type\":\"period\"");
    assertThat(text).contains("\"kind\":\"troubleshooting-started\"");
    SlaEvents.Result back = read(text);
    assertThat(back.problems()).isEmpty();
    assertThat(back.events()).isEqualTo(ALL);
  }

  @Test
  void theExampleFileReads() {
    SlaEvents.Result r = SlaEvents.read(Path.of("src/test/resources/sla/bdn-events.jsonl"));
    assertThat(r.problems()).isEmpty();
    assertThat(r.events()).isNotEmpty();
  }

  @Test
  void badLinesAreNamedByFileLineAndField() {
    String text =
        String.join(
            "\n",
            "{\"type\":\"state\",\"service\":\"web\",\"at\":\"2026-03-01T10:00:00Z\",\"state\":\"ok\"}",
            "",
            "{\"type\":\"state\",\"service\":\"web\",\"at\":\"yesterday\",\"state\":\"ok\"}",
            "{\"type\":\"state\",\"service\":\"web\",\"at\":\"2026-03-01T10:00:00Z\",\"state\":\"down\"}",
            "{\"type\":\"outage\",\"service\":\"web\"}",
            "{\"service\":\"web\"}",
            "{\"type\":\"gap\",\"from\":\"2026-03-01T10:00:00Z\",\"to\":\"2026-03-01T09:00:00Z\"}",
            "{\"type\":\"report\",\"id\":\"r-1\",\"service\":\"web\",\"at\":\"2026-03-01T10:00:00Z\",\"colour\":\"red\"}",
            "{\"type\":\"reclassify\",\"service\":\"web\",\"from\":\"2026-03-01T10:00:00Z\",\"to\":\"2026-03-01T11:00:00Z\",\"category\":\"customer-caused\",\"reason\":\"x\",\"at\":\"2026-03-02T00:00:00Z\"}",
            "not json",
            "{\"type\":\"report\",\"id\":\"r-2\",\"service\":\"web\",\"at\":\"2026-03-01T10:00:00Z\"}",
            "{\"type\":\"report\",\"id\":\"r-2\",\"service\":\"web\",\"at\":\"2026-03-01T11:00:00Z\"}",
            "{\"type\":\"action\",\"service\":\"web\",\"at\":1767225600,\"kind\":\"acknowledged\"}",
            "{\"type\":\"state\",\"service\":\"Web Server\",\"at\":\"2026-03-01T10:00:00Z\",\"state\":\"ok\"}");
    SlaEvents.Result r = read(text);
    assertThat(r.events()).isEmpty(); // all or nothing, like an import
    assertThat(r.problems())
        .extracting(Problem::toString)
        .containsExactly(
            "events.jsonl:3:33: /at: 'yesterday' is not an instant: write ISO 8601 in UTC, e.g."
                + " 2026-03-01T10:00:00Z",
            "events.jsonl:4:61: /state: 'down' is not one of ok, warning, critical, unknown",
            "events.jsonl:5:2: /type: 'outage' is not an event type; types: state, report,"
                + " maintenance, gap, access-lost, period, reclassify, action",
            "events.jsonl:6:1: /type: is required; types: state, report, maintenance, gap,"
                + " access-lost, period, reclassify, action",
            "events.jsonl:7:45: /to: must be after 'from'",
            "events.jsonl:8:73: /colour: unknown field 'colour'; allowed here: at, fixedAt, id,"
                + " reason, service",
            "events.jsonl:9:1: /by: is required",
            "events.jsonl:10:1: /: is not a JSON object: Unrecognized token 'not': was expecting"
                + " (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
            "events.jsonl:12:18: /id: 'r-2' is already used on line 11: ids are unique per type",
            "events.jsonl:13:34: /at: '1767225600' is not an instant: write ISO 8601 in UTC,"
                + " e.g. 2026-03-01T10:00:00Z",
            "events.jsonl:14:17: /service: 'Web Server' is not a valid id: use 1-63 lower-case"
                + " letters, digits, '.', '_' or '-', starting with a letter or digit");
  }

  @Test
  void aMissingFileIsAProblemNotAnException() {
    SlaEvents.Result r = SlaEvents.read(Path.of("no/such/events.jsonl"));
    assertThat(r.ok()).isFalse();
    assertThat(r.problems().getFirst().toString()).startsWith("no/such/events.jsonl:0:0: /: ");
  }
}
