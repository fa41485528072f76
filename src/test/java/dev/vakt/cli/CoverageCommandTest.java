package dev.vakt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.IntegrationTest;
import dev.vakt.catalog.CatalogService;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code vakt coverage} and {@code vakt terms} on the DG example (issue 18): the command starts its
 * own application context, which joins the test application's database (as in {@link CliTest}).
 */
class CoverageCommandTest extends IntegrationTest {

  @Autowired CatalogService catalog;

  @BeforeEach
  void examples() {
    catalog.importCatalog(catalog.read(List.of(Path.of("examples/dg"))), "test");
  }

  @Test
  void k2_coverageInWordsNamesTheContractAndLineOfAServerAndItsService() {
    CliTest.Run server =
        CliTest.vakt("coverage", "dg-fjellsport-colo1", "--at", "2026-06-01T10:00:00Z");
    assertThat(server.code()).as(server.err()).isZero();
    assertThat(server.out())
        .startsWith("server dg-fjellsport-colo1 of customer dg-fjellsport (provider dg)\n")
        .contains("  at 2026-06-01T10:00:00Z: 2026-06-01 in Europe/Oslo\n")
        .contains("  covered: yes, covered by the contract (SERVER_COVERED)\n")
        .contains("  contract dg-c-5003 version 1, line colo1: product dg-colocation, quantity 1,")
        .contains("price the product's, clause \"DG Colocation:")
        .contains("  terms from: Provider dg v1 (from 2024-02-06), Product dg-colocation v1")
        .contains("  coverage version ");

    CliTest.Run web = CliTest.vakt("coverage", "dg-fjellsport-web", "--at", "2026-06-01T10:00:00Z");
    assertThat(web.out())
        .startsWith("service dg-fjellsport-web of customer dg-fjellsport")
        .contains("covered: yes, provider-installed (PROVIDER_INSTALLED)")
        .contains("contract dg-c-5001 version 1, line ded1: product dg-dedicated");
  }

  @Test
  void k1_aContractVersionAppliesFromOsloMidnightInTheCommands() {
    // dg-c-5002 version 2 takes effect on 2027-03-10: 23:00 UTC on 9 March in Oslo.
    CliTest.Run before = CliTest.vakt("coverage", "dg-hansen-vps1", "--at", "2027-03-09T22:59:59Z");
    assertThat(before.out()).contains("2027-03-09 in Europe/Oslo").contains("dg-c-5002 version 1");
    CliTest.Run after = CliTest.vakt("coverage", "dg-hansen-vps1", "--at", "2027-03-09T23:00:00Z");
    assertThat(after.out())
        .contains("2027-03-10 in Europe/Oslo")
        .contains("dg-c-5002 version 2")
        .contains("Contract dg-c-5002 v2");

    CliTest.Run terms = CliTest.vakt("terms", "dg-hansen", "2027-03-10");
    assertThat(terms.code()).as(terms.err()).isZero();
    assertThat(terms.out()).contains("contract: \"dg-c-5002\"").contains("version: 2");
    // Without a date: the customer's local today, by the application's clock.
    CliTest.Run today = CliTest.vakt("terms", "dg-hansen");
    assertThat(today.code()).as(today.err()).isZero();
    assertThat(today.out()).contains("contract: \"dg-c-5002\"").contains("contract: \"dg-c-5004\"");
  }

  @Test
  void unknownIdsAndBadInstantsAreRefusedInOneLine() {
    CliTest.Run none = CliTest.vakt("coverage", "no-such-thing");
    assertThat(none.code()).isEqualTo(1);
    assertThat(none.err())
        .isEqualTo("vakt coverage: no service or server 'no-such-thing' in the inventory\n");
    CliTest.Run bad = CliTest.vakt("coverage", "dg-hansen-vps1", "--at", "June");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("--at 'June' is not an instant");
    assertThat(CliTest.vakt("coverage").err()).contains("usage: vakt coverage");
  }
}
