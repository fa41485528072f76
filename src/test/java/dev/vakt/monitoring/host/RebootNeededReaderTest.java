package dev.vakt.monitoring.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.monitoring.CheckResult;
import dev.vakt.monitoring.CheckState;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reboot or service restarts needed after updates. */
@DisplayName("reboot needed")
class RebootNeededReaderTest {

  private static final CommandOutput NO_FLAG = CommandOutput.ok("");
  private static final CommandOutput NO_NEEDRESTART =
      SystemSamples.failed(127, "bash: line 1: needrestart: command not found");

  @ParameterizedTest(name = "{0} -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "current.txt | pve-current.txt | OK | running the newest kernel 6.8.12-4-pve | 0 | 0",
        "kernel-pending.txt | pve-newer.txt | WARNING | kernel upgrade pending: running"
            + " 6.8.12-4-pve, reboot into 6.8.12-10-pve | 1 | 0",
        "services.txt | debian-current.txt | WARNING | 6 services need a restart: cron.service,"
            + " dbus.service, postfix@-.service, ssh.service and 2 more | 0 | 6",
        "microcode.txt | debian-current.txt | WARNING | CPU microcode update pending | 0 | 0",
      })
  void needrestartDecides(
      String sample, String boot, CheckState state, String fragment, int kernel, int services) {
    CheckResult r =
        new RebootNeededReader()
            .read(
                List.of(
                    SystemSamples.ok("needrestart/" + sample),
                    CommandOutput.ok("6.8.12-4-pve\n"),
                    SystemSamples.ok("boot/" + boot),
                    NO_FLAG),
                SystemSamples.DEFAULTS);

    assertThat(r.state()).isEqualTo(state);
    assertThat(r.reason()).contains(fragment);
    assertThat(r.metrics().get("kernel_pending")).isEqualByComparingTo(String.valueOf(kernel));
    assertThat(r.metrics().get("services_to_restart"))
        .isEqualByComparingTo(String.valueOf(services));
  }

  @ParameterizedTest(name = "{0} with {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        // 10 sorts after 4 as a number, not before it as text.
        "6.8.12-4-pve | pve-newer.txt | WARNING | kernel 6.8.12-10-pve installed, still running"
            + " 6.8.12-4-pve",
        "6.8.12-10-pve | pve-newer.txt | OK | running the newest installed kernel 6.8.12-10-pve",
        "6.1.0-26-amd64 | debian-current.txt | OK | running the newest installed kernel",
        // The rt flavour's backport kernel is not compared with the amd64 ones.
        "6.1.0-26-amd64 | debian-newer.txt | WARNING | kernel 6.1.0-27-amd64 installed",
      })
  void withoutNeedrestartComparesKernels(
      String running, String boot, CheckState state, String fragment) {
    CheckResult r =
        new RebootNeededReader()
            .read(
                List.of(
                    NO_NEEDRESTART,
                    CommandOutput.ok(running + "\n"),
                    SystemSamples.ok("boot/" + boot),
                    NO_FLAG),
                SystemSamples.DEFAULTS);

    assertThat(r.state()).isEqualTo(state);
    assertThat(r.reason()).contains(fragment).contains("needrestart not available");
  }

  @Test
  void rebootRequiredFlagWarns() {
    CheckResult r =
        new RebootNeededReader()
            .read(
                List.of(
                    SystemSamples.ok("needrestart/current.txt"),
                    CommandOutput.ok("6.8.12-4-pve\n"),
                    SystemSamples.ok("boot/pve-current.txt"),
                    CommandOutput.ok("reboot-required\nlibc6\nlibssl3\n")),
                SystemSamples.DEFAULTS);

    assertThat(r.state()).isEqualTo(CheckState.WARNING);
    assertThat(r.reason()).startsWith("/var/run/reboot-required is set by libc6, libssl3");
  }

  @Test
  void nothingToCompareIsUnknown() {
    CheckResult r =
        new RebootNeededReader()
            .read(
                List.of(
                    NO_NEEDRESTART,
                    CommandOutput.ok("6.8.12-4-pve\n"),
                    SystemSamples.failed(
                        2, "ls: cannot access '/boot/vmlinuz-*': No such file or directory"),
                    NO_FLAG),
                SystemSamples.DEFAULTS);

    assertThat(r.state()).isEqualTo(CheckState.UNKNOWN);
    assertThat(r.reason()).contains("no /boot/vmlinuz-*");
  }

  @ParameterizedTest(name = "{0} vs {1}")
  @CsvSource({
    "6.8.12-10-pve, 6.8.12-4-pve, 1",
    "6.8.12-4-pve, 6.8.12-4-pve, 0",
    "6.1.0-26-amd64, 6.1.0-27-amd64, -1",
    "1.0~rc1, 1.0, -1",
    "6.5.13-6-pve, 6.8.12-4-pve, -1",
    "2.36-9+deb12u9, 2.36-9+deb12u10, -1",
  })
  void debianVersionOrder(String a, String b, int sign) {
    assertThat(Integer.signum(DebianVersions.compare(a, b))).isEqualTo(sign);
  }
}
