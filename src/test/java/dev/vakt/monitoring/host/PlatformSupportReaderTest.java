package dev.vakt.monitoring.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.contract.MonitoringTerms.ProxmoxPolicy;
import dev.vakt.monitoring.CheckResult;
import dev.vakt.monitoring.CheckState;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** MON-12: a security-supported Proxmox VE major with a subscription (STW 4.0). */
@DisplayName("MON-12 platform support")
class PlatformSupportReaderTest {

  @ParameterizedTest(name = "{0} + {1} on {2} -> {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        "pve8.txt | active.txt | 2026-03-01 | OK | Proxmox VE 8.3.1 (Debian 12 (bookworm)) supported"
            + " until 2026-08-31; subscription active, next due 2027-03-14 | 183",
        "pve8.txt | active.txt | 2026-07-01 | WARNING | security support ends 2026-08-31, in 61"
            + " days | 61",
        "pve8.txt | notfound.txt | 2026-03-01 | WARNING | no active subscription: status notfound"
            + " (There is no subscription key) | 183",
        "pve8.txt | expired.txt | 2026-03-01 | WARNING | status expired | 183",
        "pve7.txt | pve7-active.txt | 2026-03-01 | CRITICAL | Proxmox VE 7.4-19 (Debian 11"
            + " (bullseye)) out of security support since 2024-07-31 | -578",
        "pve6.txt | notfound.txt | 2026-03-01 | CRITICAL | Proxmox VE 6.4-15 (Debian 10 (buster)) out"
            + " of security support since 2022-07-31; no active subscription | -1309",
        "pve9.txt | active.txt | 2026-03-01 | OK | no end of support announced | ",
        "pve10.txt | active.txt | 2026-03-01 | UNKNOWN | major 10 not in Vakt's support table | ",
      })
  void judgesMajorAndSubscription(
      String version,
      String subscription,
      LocalDate today,
      CheckState state,
      String fragment,
      Integer daysToEol) {
    CheckResult r =
        new PlatformSupportReader()
            .read(
                List.of(
                    SystemSamples.ok("pveversion/" + version),
                    SystemSamples.ok("pvesubscription/" + subscription)),
                HostContext.defaults(today));

    assertThat(r.state()).isEqualTo(state);
    assertThat(r.reason()).contains(fragment);
    assertThat(r.metrics()).containsKey("major");
    if (daysToEol == null) {
      assertThat(r.metrics()).doesNotContainKey("days_to_eol");
    } else {
      assertThat(r.metrics().get("days_to_eol")).isEqualByComparingTo(daysToEol.toString());
    }
  }

  @Test
  void policyDecidesWhatMatters() {
    CheckResult r =
        new PlatformSupportReader(new ProxmoxPolicy(false, false))
            .read(
                List.of(
                    SystemSamples.ok("pveversion/pve7.txt"),
                    SystemSamples.ok("pvesubscription/notfound.txt")),
                SystemSamples.DEFAULTS);

    assertThat(r.state()).isEqualTo(CheckState.OK);
    assertThat(r.reason())
        .contains("out of security support since 2024-07-31 (not required by the contract)")
        .contains("no active subscription: status notfound");
  }

  @Test
  void subscriptionAloneCanBeRequired() {
    CheckResult r =
        new PlatformSupportReader(new ProxmoxPolicy(null, true))
            .read(
                List.of(
                    SystemSamples.ok("pveversion/pve8.txt"),
                    SystemSamples.ok("pvesubscription/notfound.txt")),
                SystemSamples.DEFAULTS);

    assertThat(r.state()).isEqualTo(CheckState.WARNING);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "not proxmox | 127 | bash: line 1: pveversion: command not found | | not a Proxmox VE"
            + " node?",
        "garbage | 0 | | hello | cannot read pveversion",
      })
  void notProxmoxIsUnknown(String name, int exit, String stderr, String stdout, String fragment) {
    CheckResult r =
        new PlatformSupportReader()
            .read(
                List.of(
                    new CommandOutput(exit, stdout, stderr),
                    SystemSamples.ok("pvesubscription/active.txt")),
                SystemSamples.DEFAULTS);

    assertThat(r.state()).isEqualTo(CheckState.UNKNOWN);
    assertThat(r.reason()).contains(fragment);
  }

  @Test
  void subscriptionUnreadableIsUnknownButEndOfSupportStillWins() {
    CheckResult r =
        new PlatformSupportReader()
            .read(
                List.of(
                    SystemSamples.ok("pveversion/pve7.txt"),
                    SystemSamples.failed(13, "permission denied - invalid ticket")),
                SystemSamples.DEFAULTS);

    assertThat(r.state()).isEqualTo(CheckState.CRITICAL);
    assertThat(r.reason()).contains("pvesubscription get could not run");
  }

  @Test
  void bundledTableHasEveryMajorSinceFourWithSources() {
    var table = ProxmoxSupportTable.bundled().orElseThrow();

    assertThat(table.majors())
        .extracting(ProxmoxSupportTable.Major::major)
        .contains(4, 5, 6, 7, 8, 9);
    assertThat(table.majors()).allSatisfy(m -> assertThat(m.source()).isNotBlank());
    assertThat(table.find(7).orElseThrow().endOfSupport()).isEqualTo(LocalDate.of(2024, 7, 31));
  }
}
