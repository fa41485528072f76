package dev.vakt.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.IntegrationTest;
import dev.vakt.catalog.Catalog;
import dev.vakt.catalog.CatalogService;
import dev.vakt.contract.AlertingTerms.Channel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Alerting asks coverage which contract governs (issue 18). K-2: a customer with a hosting and a
 * colocation contract is told and paged as the contract covering the failing service says, not as
 * the first of its contracts that sets alerting, nor the strictest of all. K-1: a terms version
 * effective on a date applies from local midnight in Oslo (23:00 UTC the day before in winter), not
 * from UTC's midnight.
 */
public class CoverageAlertingTest extends IntegrationTest {

  /** 00:30 on 2026-01-01 in Oslo, still 2025-12-31 in UTC. */
  static final Instant OSLO_NEW_YEAR = Instant.parse("2025-12-31T23:30:00Z");

  @Autowired CatalogService catalog;
  @Autowired IncidentMessages messages;
  @Autowired Escalations escalations;
  @Autowired CustomerNotices notices;

  /**
   * An Oslo provider; customer {@code P-acme} with a colocation contract (ERL by SMS, no
   * technicians, no security-disconnect notice) and a hosting contract (ERL by e-mail, technicians,
   * troubleshooting within 4 h; from 2026-01-01 version 2: ERL by e-mail and SMS, within 1 h). The
   * ids sort so that the colocation contract comes first, as the old "first contract with alerting"
   * rule took it.
   */
  public static String world(String p) {
    return dev.vakt.coverage.OsloHosting.head(
            p, "{ timeZone: Europe/Oslo, currency: NOK, language: nb }")
        + """
        apiVersion: vakt/v1
        kind: Contract
        id: %1$s-a-colo
        version: 1
        effectiveFrom: 2024-01-01
        provider: %1$s
        customer: %1$s-acme
        product: %1$s-colo
        start: 2024-01-01
        lines:
          - { id: box, servers: [%1$s-box], clause: "Colocation 2" }
        terms:
          alerting:
            technicians: false
            securityDisconnectNotice: false
            emergencyList: { channels: [sms], notifyOn: [outage, recovery] }
        ---
        apiVersion: vakt/v1
        kind: Contract
        id: %1$s-b-hosting
        version: 1
        effectiveFrom: 2024-01-01
        provider: %1$s
        customer: %1$s-acme
        product: %1$s-hosting
        start: 2024-01-01
        lines:
          - { id: web, servers: [%1$s-web], clause: "Hosting 1.1" }
        terms:
          alerting:
            technicians: true
            emergencyList: { channels: [email], notifyOn: [outage, recovery] }
            troubleshootingStart: { within: 4h, applies: always }
          sla:
            uptime: { target: 99.0, measurement: { period: calendar-months, length: 1 }, basis: always, credit: { kind: none } }
        ---
        apiVersion: vakt/v1
        kind: Contract
        id: %1$s-b-hosting
        version: 2
        effectiveFrom: 2026-01-01
        provider: %1$s
        customer: %1$s-acme
        product: %1$s-hosting
        start: 2024-01-01
        lines:
          - { id: web, servers: [%1$s-web], clause: "Hosting 1.1" }
        terms:
          alerting:
            technicians: true
            emergencyList: { channels: [email, sms], notifyOn: [outage, recovery] }
            troubleshootingStart: { within: 1h, applies: always }
          sla:
            uptime: { target: 99.9, measurement: { period: calendar-months, length: 1 }, basis: always, credit: { kind: none } }
        ---
        apiVersion: vakt/v1
        kind: Inventory
        provider: %1$s
        customers:
          - id: %1$s-acme
            name: Acme AS
            language: nb
            email: it@acme.example
            contacts:
              - { name: Kari Nordmann, email: kari@acme.example, phone: "+47 912 34 567", emergency: true, language: nb }
        servers:
          - { id: %1$s-web, customer: %1$s-acme, kind: dedicated, ownership: provider, address: 127.0.0.1 }
          - { id: %1$s-box, customer: %1$s-acme, kind: colocation, ownership: customer, address: 127.0.0.2 }
        services:
          - { id: %1$s-https, server: %1$s-web, type: tcp, port: 443, installedBy: provider }
          - { id: %1$s-box-ping, server: %1$s-box, type: ping, installedBy: provider }
        """
            .formatted(p);
  }

  /** Imports {@link #world} with a fresh prefix and returns the prefix. */
  String importWorld() {
    String p = unique("cva");
    Catalog c = catalog.read("coverage-alerting-test", world(p));
    assertThat(c.problems()).isEmpty();
    catalog.importCatalog(c, "test");
    return p;
  }

  private Set<Channel> erl(String p, String service, Instant at) {
    return messages
        .audience(p + "-acme", service, at)
        .orElseThrow()
        .terms()
        .alerting()
        .emergencyList()
        .channels();
  }

  @Test
  void k2_multiContractCustomerGetsTheCoveringContractsAlerting_ALR2() {
    String p = importWorld();
    Instant at = Instant.parse("2025-06-02T10:00:00Z");
    // Before: the first contract with alerting (colocation, SMS) for every service of the customer.
    assertThat(erl(p, p + "-https", at)).containsExactly(Channel.EMAIL);
    assertThat(erl(p, p + "-box-ping", at)).containsExactly(Channel.SMS);
    // A host check counts as its server.
    assertThat(erl(p, p + "-web:ping", at)).containsExactly(Channel.EMAIL);
    assertThat(messages.audience(p + "-acme", p + "-https", at).orElseThrow().provider())
        .isEqualTo(p);
  }

  @Test
  void k2_incidentIsPagedByTheCoveringContractsDeadlinesOnly_ALR1_ALR3() {
    String p = importWorld();
    Instant at = Instant.parse("2025-06-02T10:00:00Z");
    // Before: any contract of the customer with technicians paged, whatever the service.
    assertThat(escalations.open(unique("k2-colo"), p + "-acme", List.of(p + "-box-ping"), at))
        .isEmpty();
    AlertState hosting =
        escalations.open(unique("k2-web"), p + "-acme", List.of(p + "-https"), at).orElseThrow();
    assertThat(hosting.troubleshootingDeadline()).isEqualTo(at.plus(Duration.ofHours(4)));
    assertThat(hosting.provider()).isEqualTo(p);
  }

  @Test
  void k1_termsVersionAtOsloMidnightSetsTheTroubleshootingDeadline_ALR3() {
    String p = importWorld();
    // 00:30 in Oslo on the day version 2 takes effect: its 1 h deadline, not version 1's 4 h.
    AlertState s =
        escalations
            .open(unique("k1-web"), p + "-acme", List.of(p + "-https"), OSLO_NEW_YEAR)
            .orElseThrow();
    assertThat(s.troubleshootingDeadline()).isEqualTo(OSLO_NEW_YEAR.plus(Duration.ofHours(1)));
    assertThat(s.zone().getId()).isEqualTo("Europe/Oslo");
    // One hour earlier, 23:30 on 2025-12-31 in Oslo, version 1 still governs.
    Instant before = OSLO_NEW_YEAR.minus(Duration.ofHours(1));
    AlertState old =
        escalations
            .open(unique("k1-old"), p + "-acme", List.of(p + "-https"), before)
            .orElseThrow();
    assertThat(old.troubleshootingDeadline()).isEqualTo(before.plus(Duration.ofHours(4)));
  }

  @Test
  void k1_termsVersionAtOsloMidnightGovernsTheEmergencyList_ALR2() {
    String p = importWorld();
    assertThat(erl(p, p + "-https", OSLO_NEW_YEAR))
        .containsExactlyInAnyOrder(Channel.EMAIL, Channel.SMS);
    assertThat(erl(p, p + "-https", OSLO_NEW_YEAR.minus(Duration.ofHours(1))))
        .containsExactly(Channel.EMAIL);
  }

  @Test
  void k2_securityDisconnectNoticeGoesByTheDisconnectedServersContract_ALR5() {
    String p = importWorld();
    Instant at = Instant.parse("2025-06-02T10:00:00Z");
    // Before: the first contract with alerting (colocation: no notice) for every server.
    assertThat(
            notices
                .securityDisconnect(p + "-acme", p + "-web", "DDoS source", at, "test")
                .recipients())
        .contains("email:it@acme.example", "email:kari@acme.example");
    assertThat(
            notices
                .securityDisconnect(p + "-acme", p + "-box", "DDoS source", at, "test")
                .recipients())
        .isEmpty();
  }
}
