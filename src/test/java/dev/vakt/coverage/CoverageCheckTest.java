package dev.vakt.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.catalog.Catalog;
import dev.vakt.common.Problem;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Contract lines checked against the inventory with file, line and field (issue 18 item 1), and the
 * effective-dated moves of a service between lines and contracts (K-1: stored versions never
 * change, the history stays).
 */
class CoverageCheckTest {

  private static List<Problem> problems(String yaml) {
    return Catalog.read("world.yaml", yaml).problems();
  }

  @Test
  void theWorldIsValidAndEachServerHasItsLine() {
    assertThat(problems(CoverageWorld.world())).isEmpty();
    CoverageIndex index = Indexes.yaml(CoverageWorld.world());
    Instant at = Instant.parse("2026-01-15T12:00:00Z");
    assertThat(index.at(Subject.service("acme-https"), at).lineId()).contains("web");
    assertThat(index.at(Subject.service("acme-box-ping"), at).reason())
        .isEqualTo(Reason.COLOCATION);
    // One contract without lines covers everything of its customer, without edits.
    Coverage solo = index.at(Subject.service("solo-https"), at);
    assertThat(solo.contractId()).contains("solo-hosting");
    assertThat(solo.lineId()).isEmpty();
    assertThat(solo.reason()).isEqualTo(Reason.PROVIDER_INSTALLED);
  }

  @Test
  void aServerCoveredByTwoLinesOnOneDayIsNamedWithFileAndLine() {
    String yaml =
        CoverageWorld.world()
            .replace(
                "- { id: box, servers: [acme-box], clause: \"Colocation 2\" }",
                "- { id: box, servers: [acme-box, acme-web], clause: \"Colocation 2\" }");
    List<Problem> p = problems(yaml);
    assertThat(p).hasSize(1);
    assertThat(p.getFirst().file()).isEqualTo("world.yaml");
    // One of the two lines is named where it is written; the problem names the other.
    assertThat(p.getFirst())
        .hasToString(
            "world.yaml:43:26: /lines/0/servers/0: server 'acme-web' is also covered on 2024-01-01"
                + " by line 'box' of Contract acme-colo v1: one line covers it on any day");
  }

  @Test
  void aLineNamingAnotherCustomersServerIsRefused() {
    String yaml =
        CoverageWorld.world()
            .replace("servers: [acme-web], clause", "servers: [acme-web, solo-web], clause");
    List<Problem> p = problems(yaml);
    assertThat(p)
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.field()).isEqualTo("/lines/0/servers/1");
              assertThat(x.reason())
                  .contains("server 'solo-web' is not in the inventory of customer 'acme'");
            });
  }

  @Test
  void aCustomerWithSeveralContractsMustPutEveryServerOnALine() {
    String yaml =
        CoverageWorld.world()
            .replace(
                "- { id: box, servers: [acme-box], clause: \"Colocation 2\" }",
                "- { id: box, clause: \"Colocation 2\" }");
    List<Problem> p = problems(yaml);
    assertThat(p)
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.field()).isEqualTo("/lines");
              assertThat(x.reason())
                  .contains("customer 'acme' has 2 contracts running (acme-colo, acme-hosting)")
                  .contains("no line covers server(s) acme-box");
            });
  }

  @Test
  void aLineThatEndsBeforeItStartsIsRefusedWhereItIsWritten() {
    String yaml =
        CoverageWorld.world()
            .replace(
                "- { id: web, servers: [acme-web], clause: \"Hosting 1.1\" }",
                "- { id: web, servers: [acme-web], start: 2025-01-01, end: 2024-06-01 }");
    List<Problem> p = problems(yaml);
    assertThat(p)
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.field()).isEqualTo("/lines/0/end");
              assertThat(x.reason())
                  .contains("the line ends (2024-06-01) before it starts (2025-01-01)");
            });
  }

  @Test
  void k1_aServerMovesToAnotherContractOnADateAndTheHistoryStays() {
    // v2 of acme-hosting ends the web line on 2026-03-31; acme-colo v2 takes acme-web from 04-01.
    String yaml =
        CoverageWorld.world()
            + """
            ---
            apiVersion: vakt/v1
            kind: Contract
            id: acme-hosting
            version: 2
            effectiveFrom: 2026-03-01
            provider: p
            customer: acme
            product: hosting
            start: 2024-01-01
            lines:
              - { id: web, servers: [acme-web], end: 2026-03-31 }
            ---
            apiVersion: vakt/v1
            kind: Contract
            id: acme-colo
            version: 2
            effectiveFrom: 2026-03-01
            provider: p
            customer: acme
            product: colo
            start: 2024-01-01
            lines:
              - { id: box, servers: [acme-box] }
              - { id: moved-web, servers: [acme-web], start: 2026-04-01, price: 450.00 NOK }
            """;
    assertThat(problems(yaml)).isEmpty();
    CoverageIndex index = Indexes.yaml(yaml);
    Subject web = Subject.service("acme-https");
    // Local midnight in Oslo (CEST, UTC+2) is 22:00 UTC the day before.
    Coverage before = index.at(web, Instant.parse("2026-03-31T21:59:59Z"));
    Coverage after = index.at(web, Instant.parse("2026-03-31T22:00:00Z"));
    Coverage longBefore = index.at(web, Instant.parse("2025-06-01T12:00:00Z"));
    assertThat(before.contractId()).contains("acme-hosting");
    assertThat(before.contract().version()).isEqualTo(2);
    assertThat(after.contractId()).contains("acme-colo");
    assertThat(after.lineId()).contains("moved-web");
    assertThat(after.line().price().amount()).isEqualByComparingTo("450.00");
    assertThat(after.line().productUnder(after.contract())).isEqualTo("colo");
    assertThat(longBefore.contractId()).contains("acme-hosting");
    assertThat(longBefore.contract().version()).isEqualTo(1);
  }

  @Test
  void mon7_customerInstalledServicesAreCoveredOnlyWhenTheContractWatchesThem() {
    Instant at = Instant.parse("2026-01-15T12:00:00Z");
    String world =
        CoverageWorld.world()
            .replace(
                "- { id: acme-https, server: acme-web, type: tcp, port: 443, installedBy: provider }",
                "- { id: acme-https, server: acme-web, type: tcp, port: 443, installedBy: customer }");
    assertThat(Indexes.yaml(world).at(Subject.service("acme-https"), at).reason())
        .isEqualTo(Reason.CUSTOMER_INSTALLED);
    String watched =
        world.replace(
            "monitoring: { interval: 60s,",
            "monitoring: { customerInstalled: true, interval: 60s,");
    Coverage c = Indexes.yaml(watched).at(Subject.service("acme-https"), at);
    assertThat(c.reason()).isEqualTo(Reason.CUSTOMER_INSTALLED_WATCHED);
    assertThat(c.covered()).isTrue();
    // monitored: true in the inventory watches it whatever the contract says (colocation too).
    String told =
        world.replace("installedBy: customer }", "installedBy: customer, monitored: true }");
    assertThat(Indexes.yaml(told).at(Subject.service("acme-box-ping"), at).reason())
        .isEqualTo(Reason.WATCHED_BY_INVENTORY);
  }
}
