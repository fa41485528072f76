package dev.vakt.monitoring.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.monitoring.PendingPackage;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The package list patch compliance reads (MNT-4, MNT-5, MNT-10): the check's apt-get simulation,
 * with each candidate's APT origin from {@code apt-cache policy}.
 */
class AptPackagesTest {

  private static Map<String, PendingPackage> read(String simulation, CommandOutput policy) {
    AptPackages.Result r = AptPackages.read(List.of(SystemSamples.ok("apt/" + simulation), policy));
    assertThat(r).isInstanceOf(AptPackages.Result.Read.class);
    return ((AptPackages.Result.Read) r)
        .packages().stream().collect(Collectors.toMap(PendingPackage::name, Function.identity()));
  }

  @ParameterizedTest(name = "{0}: origins {1}, security {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "libssl3     | Debian      | true  | Debian-Security:12/stable-security",
        "tzdata      | Debian      | false | Debian:12.8/stable",
        "pve-manager | Proxmox     | false | Proxmox Debian Repository:stable",
        "docker-ce   | Docker      | false | Docker CE:bookworm",
        // No label: only the archive identifies the source, among the unlabelled ones.
        "acme-agent  | Acme Tools  | false | stable",
      })
  void originsComeFromThePolicysReleaseLines_MNT10(
      String name, String origin, boolean security, String release) {
    PendingPackage p = read("mixed-origins.txt", SystemSamples.ok("apt/policy-pve.txt")).get(name);

    assertThat(p.origins()).containsExactly(origin);
    assertThat(p.security()).isEqualTo(security);
    assertThat(p.release()).isEqualTo(release);
    assertThat(p.keptBack()).isFalse();
  }

  @Test
  void keptBackPackagesAreListedWithoutVersionsOrOrigin_MNT4() {
    PendingPackage p =
        read("mixed-origins.txt", SystemSamples.ok("apt/policy-pve.txt")).get("proxmox-ve");

    assertThat(p.keptBack()).isTrue();
    assertThat(p.installed()).isNull();
    assertThat(p.candidate()).isNull();
    assertThat(p.origins()).isEmpty();
  }

  @Test
  void withoutThePolicyOnlyTheKnownOfficialLabelsHaveAnOrigin_MNT10() {
    Map<String, PendingPackage> p =
        read("mixed-origins.txt", new CommandOutput(127, "", "apt-cache: not found"));

    assertThat(p.get("libssl3").origins()).containsExactly("Debian");
    assertThat(p.get("pve-manager").origins()).containsExactly("Proxmox");
    assertThat(p.get("docker-ce").origins()).isEmpty();
    assertThat(p.get("acme-agent").origins()).isEmpty();
  }

  @Test
  void aCandidateInSeveralArchivesHasEachOrigin() {
    PendingPackage libc6 =
        read("security.txt", SystemSamples.ok("apt/policy-pve.txt")).get("libc6");

    assertThat(libc6.origins()).containsExactly("Debian");
    assertThat(libc6.security()).isTrue();
    assertThat(libc6.installed()).isEqualTo("2.36-9+deb12u8");
    assertThat(libc6.candidate()).isEqualTo("2.36-9+deb12u9");
  }

  @Test
  void aSimulationTheCheckCannotReadIsUnreadableNeverEmpty() {
    AptPackages.Result r =
        AptPackages.read(
            List.of(
                new CommandOutput(
                    100,
                    SystemSamples.ok("apt/broken-lists.txt").stdout(),
                    "E: The package lists or status file could not be parsed or opened."),
                CommandOutput.ok("")));

    assertThat(r).isInstanceOf(AptPackages.Result.Unreadable.class);
    assertThat(((AptPackages.Result.Unreadable) r).reason()).contains("apt-get");
  }

  @Test
  void noUpdatesIsAnEmptyList() {
    assertThat(read("none.txt", SystemSamples.ok("apt/policy-pve.txt"))).isEmpty();
  }
}
