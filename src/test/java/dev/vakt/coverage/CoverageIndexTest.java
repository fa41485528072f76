package dev.vakt.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Coverage answers for the example customers (issue 18, K-1, K-2): which contract and line govern a
 * service or server on a day, in the contract's zone, and whether it is covered and why.
 */
class CoverageIndexTest {

  static final CoverageIndex DG = Indexes.example("dg");

  @ParameterizedTest(name = "{0} at {1}: {2}/{3} {4}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # subject                       | instant              | contract  | line  | reason
          service:dg-fjellsport-web       | 2026-06-01T10:00:00Z | dg-c-5001 | ded1  | PROVIDER_INSTALLED
          service:dg-fjellsport-search    | 2026-06-01T10:00:00Z | dg-c-5001 | ded1  | SWITCHED_OFF
          service:dg-fjellsport-colo1-ping| 2026-06-01T10:00:00Z | dg-c-5003 | colo1 | WATCHED_BY_INVENTORY
          server:dg-fjellsport-colo1      | 2026-06-01T10:00:00Z | dg-c-5003 | colo1 | SERVER_COVERED
          server:dg-fjellsport-colo1      | 2024-06-01T10:00:00Z |           |       | NOT_ASSIGNED
          server:dg-fjellsport-ded1       | 2024-03-31T12:00:00Z |           |       | NO_CONTRACT
          service:dg-hansen-vps1-ssh      | 2026-06-01T10:00:00Z | dg-c-5002 | vps1  | PROVIDER_INSTALLED
          service:dg-hansen-vps1-web      | 2026-06-01T10:00:00Z | dg-c-5002 | vps1  | CUSTOMER_INSTALLED
          service:nobody                  | 2026-06-01T10:00:00Z |           |       | UNKNOWN
          """)
  void dgExampleCustomersAreKeptApartByLines(
      String subject, Instant at, String contract, String line, Reason reason) {
    String[] kindAndId = subject.split(":");
    Subject s =
        kindAndId[0].equals("service")
            ? Subject.service(kindAndId[1])
            : Subject.server(kindAndId[1]);
    Coverage c = DG.at(s, at);
    assertThat(c.contractId().orElse(null)).isEqualTo(contract);
    assertThat(c.lineId().orElse(null)).isEqualTo(line);
    assertThat(c.reason()).isEqualTo(reason);
    assertThat(c.covered()).isEqualTo(reason.covered());
  }

  @Test
  void answersInTheContractsZoneAndNamesTheVersions() {
    Coverage c = DG.at(Subject.service("dg-fjellsport-web"), Instant.parse("2026-06-30T22:30:00Z"));
    assertThat(c.zone()).isEqualTo(ZoneId.of("Europe/Oslo"));
    assertThat(c.localDate()).isEqualTo(LocalDate.of(2026, 7, 1)); // 00:30 in Oslo (CEST)
    assertThat(c.customer()).isEqualTo("dg-fjellsport");
    assertThat(c.provider()).isEqualTo("dg");
    assertThat(c.contract().version()).isEqualTo(1);
    assertThat(c.terms().day()).isEqualTo(LocalDate.of(2026, 7, 1));
    assertThat(c.terms().layers()).extracting(l -> l.id()).contains("dg-dedicated", "dg-c-5001");
    assertThat(c.version()).isEqualTo(1);
  }

  @Test
  void k1_hansensSecondVersionGovernsFromItsLocalDay() {
    // dg-c-5002 v2 takes effect 2027-03-10 in Oslo: 2027-03-09T23:00Z is local midnight (CET).
    Coverage before =
        DG.at(Subject.server("dg-hansen-vps1"), Instant.parse("2027-03-09T22:59:59Z"));
    Coverage after = DG.at(Subject.server("dg-hansen-vps1"), Instant.parse("2027-03-09T23:00:00Z"));
    assertThat(before.contract().version()).isEqualTo(1);
    assertThat(after.contract().version()).isEqualTo(2);
    assertThat(after.terms().layers()).extracting(l -> l.id()).contains("dg-managed-backup");
    assertThat(before.terms().layers()).extracting(l -> l.id()).doesNotContain("dg-managed-backup");
  }

  @Test
  void customerCoverageListsEveryRunningContract() {
    CustomerCoverage c = DG.ofCustomer("dg-hansen", Instant.parse("2026-06-01T10:00:00Z"));
    assertThat(c.contracts())
        .extracting(t -> t.contract())
        .containsExactly("dg-c-5002", "dg-c-5004");
    assertThat(c.zone()).isEqualTo(ZoneId.of("Europe/Oslo"));
  }

  @Test
  void k1_theNextChangeIsTheContractsLocalMidnight() {
    // dg-c-5002 v2 takes effect on 2027-03-10 in Oslo (CET): 23:00 UTC the day before.
    assertThat(DG.nextChangeAfter(Instant.parse("2027-03-09T12:00:00Z")))
        .contains(Instant.parse("2027-03-09T23:00:00Z"));
  }

  @Test
  void aCustomerWithServersButNoContractIsAnsweredNotCovered() {
    String world =
        CoverageWorld.world()
            .replace(
                "- { id: solo, name: Solo AS",
                "- { id: none, name: None AS, country: \"NO\", language: nb }\n  - { id: solo, name: Solo AS")
            .replace(
                "servers:\n",
                "servers:\n  - { id: none-1, customer: none, kind: vps, ownership: provider, address: 127.0.0.9 }\n");
    Coverage c =
        Indexes.yaml(world).at(Subject.server("none-1"), Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(c.reason()).isEqualTo(Reason.NO_CONTRACT);
    assertThat(c.customer()).isEqualTo("none");
  }
}
