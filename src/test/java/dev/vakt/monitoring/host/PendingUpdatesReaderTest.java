package dev.vakt.monitoring.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.monitoring.CheckResult;
import dev.vakt.monitoring.CheckState;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Pending updates from apt's simulation: security and kept back warn. */
@DisplayName("pending updates")
class PendingUpdatesReaderTest {

  private final PendingUpdatesReader reader = new PendingUpdatesReader();

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "none.txt | OK | no updates pending | 0 | 0 | 0",
        "regular.txt | OK | 4 other updates pending | 4 | 0 | 0",
        "security.txt | WARNING | 6 security updates pending: libc6, libc-bin, libssl3, openssl,"
            + " linux-image-6.1.0-27-amd64 and 1 more; 1 other update pending | 7 | 6 | 0",
        "kept-back.txt | WARNING | 2 packages kept back: proxmox-ve, pve-kernel-helper | 2 | 0 | 2",
        "removes.txt | OK | the upgrade would REMOVE pve-kernel-5.15.158-2-pve | 2 | 0 | 0",
        "upgrade-ubuntu.txt | WARNING | 3 security updates pending: openssh-sftp-server,"
            + " openssh-server, openssh-client; 3 packages kept back | 3 | 3 | 3",
        "apt3-trixie.txt | WARNING | 3 security updates pending: libssl3t64,"
            + " openssl-provider-legacy, openssl; 1 package kept back: proxmox-ve | 3 | 3 | 1",
      })
  void judgesSimulation(
      String sample, CheckState state, String fragment, int updates, int security, int kept) {
    CheckResult r = reader.read(List.of(SystemSamples.ok("apt/" + sample)), SystemSamples.DEFAULTS);

    assertThat(r.state()).isEqualTo(state);
    assertThat(r.reason()).contains(fragment);
    assertThat(r.metrics().get("updates")).isEqualByComparingTo(String.valueOf(updates));
    assertThat(r.metrics().get("security_updates")).isEqualByComparingTo(String.valueOf(security));
    assertThat(r.metrics().get("kept_back")).isEqualByComparingTo(String.valueOf(kept));
  }

  @Test
  void securityInAnyOfSeveralReleasesCounts() {
    var sim =
        PendingUpdatesReader.parse(
            "Inst libc6 [2.36-9+deb12u8] (2.36-9+deb12u9 Debian:12.8/stable,"
                + " Debian-Security:12/stable-security [amd64]) []\n");
    assertThat(sim.installs())
        .singleElement()
        .satisfies(
            u -> {
              assertThat(u.name()).isEqualTo("libc6");
              assertThat(u.installed()).isEqualTo("2.36-9+deb12u8");
              assertThat(u.candidate()).isEqualTo("2.36-9+deb12u9");
              assertThat(u.security()).isTrue();
            });
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "broken lists | 100 | E: The package lists or status file could not be parsed or opened."
            + " | apt-get simulation failed (exit 100): E: The package lists",
        "no apt | 127 | sh: 1: apt-get: not found | apt-get not found on the host",
        "sudo refused | 1 | sudo: a password is required | apt-get could not run",
      })
  void failuresAreUnknown(String name, int exit, String stderr, String fragment) {
    CheckResult r =
        reader.read(
            List.of(new CommandOutput(exit, "Reading package lists...\n", stderr)),
            SystemSamples.DEFAULTS);

    assertThat(r.state()).isEqualTo(CheckState.UNKNOWN);
    assertThat(r.reason()).contains(fragment);
  }

  @Test
  void unrecognisedOutputIsUnknown() {
    CheckResult r = reader.read(List.of(CommandOutput.ok("hello\n")), SystemSamples.DEFAULTS);

    assertThat(r.state()).isEqualTo(CheckState.UNKNOWN);
    assertThat(r.reason()).contains("cannot read the apt-get simulation");
  }
}
