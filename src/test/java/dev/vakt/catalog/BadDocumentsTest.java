package dev.vakt.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.cli.Cli;
import dev.vakt.common.Problem;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One broken document per file under {@code src/test/resources/bad/}, each with one defect, and the
 * exact problem Vakt must report for it: the file, line and column a person jumps to, the JSON
 * pointer of the field, and the words that tell them what to fix. The same file is then given to
 * {@code vakt validate}, which must exit 1 and print the problem as {@code file:line:column:}.
 *
 * <p>Line and column are those of the offending key, or of the document's first line when a
 * required key is missing. The obligation a case guards (K-1 versioning, K-2 layering, K-3 products
 * and prices, INV-1/INV-2 inventory, ACC-1 access) leads its description.
 */
class BadDocumentsTest {

  static final Path BAD = Path.of("src/test/resources/bad");

  @ParameterizedTest(name = "{0} ({1})")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
          # case                                         | file                                    | line | col | pointer                                  | reason contains
          unknown key at the top level                   | unknown-key-top-level.yaml              |    8 |   1 | /colour                                  | "unknown field 'colour'; allowed here: country, effectiveFrom, id, name, source, terms, version"
          unknown key nested in the terms                | unknown-key-nested.yaml                 |   14 |   7 | /terms/sla/uptime/targte                 | "unknown field 'targte'; allowed here: basis, credit, measurement, target"
          text for a whole number                        | text-for-number.yaml                    |   13 |   5 | /terms/monitoring/maxAttempts            | "'three' is not a whole number"
          text for true or false                         | text-for-boolean.yaml                   |   13 |   5 | /terms/network/managedFirewall           | "'sometimes' is not true or false"
          list for a mapping                             | list-for-mapping.yaml                   |   12 |   3 | /terms/sla                               | "expected a mapping of fields"
          single value for a list                        | single-value-for-list.yaml              |   10 |   5 | /terms/monitoring/services               | "expected a list"
          percentage over 100                            | percent-over-100.yaml                   |   13 |  15 | /terms/sla/uptime/target                 | "must be a percentage from 0 to 100, was 100.5"
          negative amount                                | negative-amount.yaml                    |   14 |  27 | /terms/support/rates/0/price             | "cannot be negative"
          amount with more decimals than its currency    | too-many-decimals.yaml                  |   12 |   5 | /terms/limits/extraVpnUserPrice          | "49.995 has more decimals than NOK allows (2)"
          amount without a currency                      | amount-without-currency.yaml            |    9 |  11 | /prices/NOK                              | "is not an amount"
          weekly rule ends before it starts              | weekly-rule-ends-before-start.yaml      |   13 |  39 | /terms/openingHours/0/to                 | "the window ends (08:00) before it starts (16:00); for a window past midnight set endsNextDay: true"
          agreed window ends before it starts            | agreed-window-ends-before-start.yaml    |   16 |   9 | /terms/maintenance/agreed/0/end          | "the window ends (2024-03-02T04:00) before it starts (2024-03-02T22:00)"
          date and time without the T                    | local-date-time-with-space.yaml         |   11 |  35 | /terms/maintenance/agreed/0/start        | "'2024-03-02 22:00' is not a"
          time of day after 24:00                        | time-of-day-out-of-range.yaml           |   13 |  41 | /terms/openingHours/0/to                 | "'25:00' is not a time of day: write HH:MM"
          unknown time zone                              | unknown-time-zone.yaml                  |    9 |   3 | /terms/timeZone                          | "'Europe/Oslow' is not a time zone: use an IANA name such as Europe/Oslo"
          unknown currency                               | unknown-currency.yaml                   |   10 |   3 | /terms/currency                          | "'NKK' is not an ISO 4217 currency code"
          bad day name                                   | bad-day-name.yaml                       |   14 |  11 | /terms/support/hours/0/days              | "'tues' is not a day: use mon, tue, wed, thu, fri, sat, sun"
          duration without a unit                        | duration-without-unit.yaml              |   13 |   5 | /terms/monitoring/interval               | "'60' has no unit: write a duration such as '15m'"
          period with a clock unit                       | bad-period.yaml                         |   13 |   5 | /terms/billing/minimumTerm               | "'12m' is not a period such as '14 days', '3 months', '1 year'"
          unknown enum code                              | unknown-enum-code.yaml                  |   15 |   7 | /terms/sla/uptime/basis                  | "'business-hours' is not one of always, opening-hours"
          SLA-4 unknown scope of the total               | unknown-sla-scope.yaml                  |   13 |   5 | /terms/sla/scope                         | "'average' is not one of service, solution"
          unknown kind of credit                         | unknown-credit-kind.yaml                |   15 |   7 | /terms/sla/uptime/credit                 | "'refund' is not a kind here; kinds: fee-percent, none, whole-days-until-met"
          counted listed as excluded                     | counted-excluded.yaml                   |   13 |   5 | /terms/sla/excluded                      | "'counted' is the category that counts as downtime and cannot be excluded"
          warning threshold above critical               | warning-above-critical.yaml             |   14 |   7 | /terms/monitoring/thresholds/diskWarning | "the warning level (95 %) is above the critical level (90 %)"
          timeout longer than interval                   | timeout-longer-than-interval.yaml       |   14 |   5 | /terms/monitoring/timeout                | "must not be longer than the interval"
          id with capitals and a space                   | bad-id.yaml                             |    4 |   1 | /id                                      | "'Nordhost AS' is not a valid id"
          duplicate YAML key                             | duplicate-key.yaml                      |    8 |   1 | /name                                    | "duplicate key"
          YAML syntax error                              | yaml-syntax-error.yaml                  |   14 |   3 | /                                        | "not valid YAML: while parsing a flow mapping: expected ',' or '}'"
          wrong apiVersion                               | wrong-api-version.yaml                  |    2 |   1 | /apiVersion                              | "'vakt/v2' is not supported; this Vakt reads vakt/v1"
          unknown document kind                          | unknown-document-kind.yaml              |    3 |   1 | /kind                                    | "'Customer' is not a kind of document; kinds: Provider, Product, Contract, SpecialAgreement, Inventory, OnCall"
          K-1 version without effectiveFrom              | missing-effective-from.yaml             |    2 |   1 | /effectiveFrom                           | "is required"
          K-1 two versions on the same date              | two-versions-same-date.yaml             |   17 |   1 | /effectiveFrom                           | "two versions of Provider nordhost take effect on 2024-01-01"
          K-1 later version takes effect earlier         | later-version-takes-effect-earlier.yaml |   17 |   1 | /effectiveFrom                           | "Provider nordhost v2 takes effect on 2024-01-01, not after v1 (2024-06-01)"
          K-1 same version twice                         | same-version-twice.yaml                 |   16 |   1 | /version                                 | "Provider nordhost v1 is defined twice"
          K-2 contract without customer                  | contract-without-customer.yaml          |    2 |   1 | /customer                                | "is required"
          K-2 contract ends before it starts             | contract-ends-before-start.yaml         |   11 |   1 | /end                                     | "the contract ends (2023-01-31) before it starts (2024-02-01)"
          K-2 special agreement for an unknown contract  | special-agreement-unknown-contract.yaml |    7 |   1 | /contract                                | "contract 'c-9999' is not defined in the documents given"
          K-2 contract customer not in the inventory     | contract-customer-not-in-inventory.yaml |   28 |   1 | /customer                                | "customer 'acne' is not in the inventory given"
          K-2 layers merge into invalid terms            | layers-merge-into-invalid-terms.yaml    |   35 |   5 | /terms/monitoring/timeout                | "on 2024-02-01 the layers merge into invalid terms: must not be longer than the interval"
          K-2 no layer sets the time zone                | no-layer-sets-time-zone.yaml            |   21 |   1 | /terms/timeZone                          | "no layer sets timeZone for 2024-02-01"
          K-2 K-3 contract references an unknown product | contract-unknown-product.yaml           |   29 |   1 | /product                                 | "product 'managed-hosting-premium' is not defined in the documents given"
          K-2 K-3 product of another provider            | product-of-other-provider.yaml          |   35 |   1 | /product                                 | "product bdn-hosting-plus is sold by bdn, not by nordhost"
          K-3 price in a currency other than its key     | price-in-other-currency.yaml            |    9 |  29 | /prices/SEK                              | "the price 1295.00 NOK is listed under SEK"
          INV-1 VPS in a Proxmox VE cluster              | cluster-on-non-proxmox-server.yaml      |   11 |  33 | /servers/0/cluster                       | "only Proxmox VE nodes belong to a cluster"
          INV-2 service on an unknown server             | service-on-unknown-server.yaml          |   11 |  21 | /services/0/server                       | "server 'web2' is not defined"
          MNT-12 guest placement of a dedicated server   | guest-on-non-vps-server.yaml            |   11 |  91 | /servers/0/guest                         | "only a VPS runs as a guest of a Proxmox VE cluster"
          MNT-12 guest id below 100                      | guest-vmid-out-of-range.yaml            |   16 |  33 | /servers/0/guest/vmid                    | "a Proxmox VE guest id is from 100 to 999999999, not 99"
          MNT-12 VPS on another customer's cluster       | guest-on-other-customers-cluster.yaml   |   16 |  14 | /servers/0/guest/cluster                 | "cluster 'other-pve' belongs to other, the server to acme"
          INV-2 port out of range                        | port-out-of-range.yaml                  |   11 |  46 | /services/0/port                         | "must be a port from 1 to 65535"
          ALR-1 escalation pages an undefined person     | oncall-unknown-person.yaml              |   16 |  15 | /escalationPolicies/0/steps/0/targets/0/person | "person 'kari' is not defined in this document; defined: ola"
          ALR-1 fallback for schedule gaps is undefined  | oncall-unknown-fallback.yaml            |   14 |  21 | /escalationPolicies/0/fallback/1         | "person 'kari' is not defined in this document; defined: ola"
          ALR-1 on-call rotation of no length            | oncall-zero-rotation.yaml               |   12 |   9 | /schedules/0/layers/0/every              | "must be a positive number of days or weeks, e.g. '1 week'"
          MON-6 check setting for another type           | check-setting-on-wrong-type.yaml        |   16 |   7 | /services/0/check/database               | "does not apply to a smtp service; it is for mysql, postgresql"
          MON-6 password in plain text                   | check-password-in-plain-text.yaml       |   17 |   7 | /services/0/check/password               | "a secret is given by reference, never in plain text"
          ACC-1 plain-text secret instead of a reference | plain-text-secret.yaml                  |   15 |  26 | /servers/0/access/ssh/key                | "a secret is given by reference, never in plain text"
          bad e-mail address                             | bad-email.yaml                          |    9 |  27 | /customers/0/contacts/0/email            | "'ann.acme.example' is not an e-mail address"
          """)
  void reportsTheDefectWhereItIs(
      String about, String file, int line, int column, String pointer, String reason)
      throws Exception {
    Path path = BAD.resolve(file);
    assertThat(path).as("the case's file").isRegularFile();

    List<Problem> problems = Catalog.read(List.of(path)).problems();
    assertThat(problems).as("problems of %s", file).isNotEmpty();
    Problem first = problems.getFirst();
    assertThat(first.file()).isEqualTo(path.toString());
    assertThat(first.line() + ":" + first.column())
        .as("line:column of %s", first)
        .isEqualTo(line + ":" + column);
    assertThat(first.field()).as("pointer of %s", first).isEqualTo(pointer);
    assertThat(first.reason()).as("reason of %s", first).contains(reason);

    // The same text read from memory gives the same problem, named as the caller named it.
    Problem inMemory =
        Catalog.read(file, Files.readString(path, StandardCharsets.UTF_8)).problems().getFirst();
    assertThat(List.of(inMemory.file(), inMemory.line(), inMemory.column(), inMemory.field()))
        .isEqualTo(List.of(file, line, column, pointer));
    assertThat(inMemory.reason()).contains(reason);

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        Cli.run(
            new String[] {"validate", path.toString()},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    String printed = err.toString(StandardCharsets.UTF_8);
    assertThat(exit).as("exit code; stderr: %s", printed).isEqualTo(1);
    assertThat(printed.lines().findFirst().orElse(""))
        .startsWith(path + ":" + line + ":" + column + ": " + pointer + ": ")
        .contains(reason);
    assertThat(printed).contains(problems.size() + " problem(s) found");
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  /** Every file under bad/ is a case of the table, so none is left unchecked. */
  @Test
  void everyBadFileIsInTheTable() throws Exception {
    String table =
        BadDocumentsTest.class
            .getDeclaredMethod(
                "reportsTheDefectWhereItIs",
                String.class,
                String.class,
                int.class,
                int.class,
                String.class,
                String.class)
            .getAnnotation(CsvSource.class)
            .textBlock();
    try (Stream<Path> files = Files.list(BAD)) {
      List<String> missing =
          files
              .map(p -> p.getFileName().toString())
              .filter(name -> !table.contains("| " + name + " "))
              .sorted()
              .toList();
      assertThat(missing).as("files in %s without a row in the table", BAD).isEmpty();
    }
  }
}
