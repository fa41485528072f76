package dev.vakt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.common.Binder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code vakt sla} on the example agreements and the ledgers in {@code src/test/resources/sla/},
 * offline: no application context, no database. Figures are worked out by hand in the comments.
 */
class SlaCommandTest {

  record Run(int code, String out, String err) {}

  static Run vakt(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Cli.run(args, new PrintStream(out, true), new PrintStream(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  static final String[] BDN = {
    "sla",
    "--contract",
    "examples/bdn",
    "--events",
    "src/test/resources/sla/bdn-events.jsonl",
    "--from",
    "2026-07-01",
    "--to",
    "2026-10-01",
    "--customer",
    "bdn-skovly",
    "--now",
    "2026-10-02T00:00:00Z"
  };

  static String[] with(String[] base, String... more) {
    String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return all;
  }

  @Test
  void sla4_sla5_bdnQuarterAsText() {
    // Q3 2026, Copenhagen: 92 days = 2,208 h per service; the four monitored services of
    // bdn-skovly (the shop is 'monitored: false'). https: 3 h host outage + 1 h customer report
    // counted, 50 min maintenance excluded, 30 min gap: (2207.5 - 4) / 2207.5 = 99.81879 %,
    // worst case (2208 - 4 - 0.5) / 2208 = 99.79619 %.
    // The total (issue 31, SLA-4): each service on its own (BDN SLA 1.1.5), so it is https's
    // figure and NOT MET, never the 99.85277 % an average over the four services' time would give.
    Run r = vakt(BDN);
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .startsWith("SLA report for customer bdn-skovly, contract bdn-c-1001\n")
        .contains("Period 2026-07-01 00:00 to 2026-10-01 00:00 (Europe/Copenhagen)")
        .contains(
            "Uptime (SLA), all hours: 99.8187 % (99.7961 % if unmonitored time was down);"
                + " target 99.9 %: NOT MET")
        .contains("All services (4), each service on its own")
        .contains("decided by bdn-skovly-web1-https")
        .contains("window: 3 consecutive calendar months 2026-07 to 2026-09 (Europe/Copenhagen)")
        .contains("Service bdn-skovly-web1-https")
        .contains("99.8187 % (99.7961 % if unmonitored time was down)")
        .contains("planned-maintenance 50m excluded")
        .contains("reclassified customer-caused by anna")
        .contains("action after 12m (acknowledged by mikkel)")
        .contains("inc-0810 (bdn-skovly-web1-ping, bdn-skovly-web1-https,")
        .doesNotContain("bdn-skovly-web1-shop");
  }

  @Test
  void sla4_bdnQuarterAsJson() {
    Run r = vakt(with(BDN, "--format", "json"));
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode report = Binder.MAPPER.readTree(r.out());
    JsonNode uptime = report.get("total").get("figures").get(1);
    assertThat(uptime.get("name").asString()).isEqualTo("uptime");
    assertThat(uptime.get("achieved").decimalValue()).isEqualByComparingTo("99.8187");
    assertThat(uptime.get("verdict").asString()).isEqualTo("not-met");
    assertThat(uptime.get("time").get("downtime").asString()).isEqualTo("PT4H");
    assertThat(report.get("total").get("scope").asString()).isEqualTo("service");
    assertThat(report.get("total").get("decidedBy").get(1).asString())
        .isEqualTo("bdn-skovly-web1-https");
    assertThat(report.get("services")).hasSize(4);
  }

  @Test
  void sla8_k2_dgCreditUnderTheContractThatCoversTheService() {
    // 10 + 2 + 2 min down in the 30 days to 28 Feb 2026; two days credited (see
    // SlaCalculatorDgTest): 799.00 NOK x 2 / 28 = 57.07 NOK.
    String[] dg = {
      "sla",
      "--contract",
      "examples/dg",
      "--events",
      "src/test/resources/sla/dg-events.jsonl",
      "--from",
      "2026-02-01",
      "--to",
      "2026-03-01",
      "--customer",
      "dg-fjellsport",
      "--service",
      "dg-fjellsport-colo1-ping",
      "--fee",
      "799.00 NOK",
      "--now",
      "2026-03-01T12:00:00Z"
    };
    // K-2 (issue 18): the service's server is on a line of the colocation contract, so that
    // contract's SLA applies; Fjellsport's other contract no longer makes the question ambiguous.
    Run r = vakt(dg);
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("contract dg-c-5003")
        .contains("Availability (SLA), all hours: 99.9675 %; target 99.995 %: NOT MET")
        .contains("days: 2026-02-03 (10m down of 1d), 2026-02-08 (2m down of 1d)")
        .contains("amount: 57.07 NOK");
    assertThat(vakt(with(dg, "--contract-id", "dg-c-5003")).out()).isEqualTo(r.out());
  }

  @Test
  void k2_aCustomersServicesUnderTwoContractsNeedOneNamedAndThenOnlyItsServicesCount() {
    String[] all = {
      "sla",
      "--contract",
      "examples/dg",
      "--events",
      "src/test/resources/sla/dg-events.jsonl",
      "--from",
      "2026-02-01",
      "--to",
      "2026-03-01",
      "--customer",
      "dg-fjellsport",
      "--now",
      "2026-03-01T12:00:00Z"
    };
    Run ambiguous = vakt(all);
    assertThat(ambiguous.code()).isEqualTo(1);
    assertThat(ambiguous.err())
        .contains("covered by several contracts on 2026-02-28")
        .contains("--contract-id (dg-c-5001, dg-c-5003)");
    // Named, the colocation contract reports on the services it covers, not the dedicated
    // server's, which another contract covers.
    Run colo = vakt(with(all, "--contract-id", "dg-c-5003"));
    assertThat(colo.code()).as(colo.err()).isZero();
    assertThat(colo.out())
        .contains("Service dg-fjellsport-colo1-ping")
        .doesNotContain("dg-fjellsport-ded1");
  }

  @Test
  void badInputIsReportedClearly(@TempDir Path tmp) throws Exception {
    Run badDate =
        vakt(
            "sla",
            "--contract",
            "examples/bdn",
            "--events",
            "x",
            "--from",
            "June",
            "--to",
            "2026-10-01");
    assertThat(badDate.code()).isEqualTo(1);
    assertThat(badDate.err()).isEqualTo("vakt sla: --from 'June' is not a date (YYYY-MM-DD)\n");

    Run missing = vakt("sla", "--contract", "examples/bdn");
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("are required").contains("usage: vakt sla");

    assertThat(vakt(with(BDN, "--colour", "red")).err()).contains("unknown option '--colour'");

    Path events = tmp.resolve("events.jsonl");
    Files.writeString(
        events,
        "{\"type\":\"state\",\"service\":\"bdn-skovly-web1-ping\",\"at\":\"2026-07-01T00:00:00Z\",\"state\":\"ok\"}\n"
            + "{\"type\":\"state\",\"service\":\"bdn-skovly-web1-ping\",\"at\":\"2026-07-02\",\"state\":\"ok\"}\n");
    String[] args = BDN.clone();
    args[4] = events.toString();
    Run badLine = vakt(args);
    assertThat(badLine.code()).isEqualTo(1);
    assertThat(badLine.err())
        .startsWith(events + ":2:50: /at: '2026-07-02' is not an instant")
        .contains("1 problem(s); no report")
        .doesNotContain("Exception");

    args[4] = tmp.resolve("none.jsonl").toString();
    assertThat(vakt(args).err()).contains("none.jsonl:0:0: /: cannot be read");

    Run backwards = vakt(with(BDN, "--to", "2026-06-01"));
    assertThat(backwards.code()).isEqualTo(1);
    assertThat(backwards.err()).contains("--to (2026-06-01) must be after --from (2026-07-01)");

    Run early = vakt(with(BDN, "--now", "2026-06-01T00:00:00Z"));
    assertThat(early.code()).isEqualTo(1);
    assertThat(early.err()).contains("after the moment of evaluation: nothing to report yet");

    Run nobody = vakt(with(BDN, "--customer", "nobody"));
    assertThat(nobody.err()).contains("no contract of customer nobody runs on");
  }

  @Test
  void workingDaysOpeningHoursLeaveOutDanishHolidays(@TempDir Path dir) throws Exception {
    // BDN with opening hours 08:00-16:00 on working days instead of 00-24 every day. Q2 2026 has
    // 65 weekdays; 2 and 3 April, 6 April, 14 May and 25 May are Danish public holidays on
    // weekdays: 60 working days of 8 hours per service.
    Path bdn = dir.resolve("bdn");
    Files.createDirectories(bdn);
    try (var files = Files.list(Path.of("examples/bdn"))) {
      for (Path f : files.toList()) {
        String text = Files.readString(f);
        if (f.getFileName().toString().equals("provider.yaml")) {
          String every = "- { days: every-day, from: \"00:00\", to: \"24:00\" }";
          int at = text.indexOf(every, text.indexOf("openingHours:"));
          text =
              text.substring(0, at)
                  + "- { days: working-days, from: \"08:00\", to: \"16:00\" }"
                  + text.substring(at + every.length());
        }
        Files.writeString(bdn.resolve(f.getFileName()), text);
      }
    }
    String[] args = BDN.clone();
    args[2] = bdn.toString();
    args[6] = "2026-04-01";
    args[8] = "2026-07-01";
    Run r = vakt(with(args, "--format", "json", "--service", "bdn-skovly-web1-https"));
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode figures = Binder.MAPPER.readTree(r.out()).path("services").get(0).path("figures");
    JsonNode availability = null;
    for (JsonNode f : figures) {
      if (f.path("name").asString().equals("availability")) {
        availability = f;
      }
    }
    assertThat(availability).as(r.out()).isNotNull();
    assertThat(availability.path("time").path("time").asString()).as(r.out()).isEqualTo("PT480H");
  }
}
