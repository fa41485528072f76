package dev.vakt.monitoring.host;

import dev.vakt.contract.MonitoringTerms.HostCheck;
import dev.vakt.monitoring.CheckResult;
import dev.vakt.monitoring.CheckState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether the host needs a reboot or service restarts after updates: {@code needrestart -b -r l}
 * (batch output, list only: it restarts nothing), and always the data for a check without it: the
 * running kernel ({@code uname -r}), the kernels installed ({@code /boot/vmlinuz-*}) and Debian's
 * {@code /var/run/reboot-required} flag.
 *
 * <p>A newer kernel installed than the one running is WARNING, as is a CPU microcode update pending
 * or the reboot flag; services still running deleted (updated) libraries are WARNING, naming a few.
 * needrestart's kernel status ({@code NEEDRESTART-KSTA}: 1 current, 2 ABI-compatible upgrade, 3
 * version upgrade) is trusted when it has one; otherwise the newest installed kernel of the running
 * flavour ("pve", "amd64") is compared with the running one in Debian's version order, so
 * 6.8.12-10-pve is newer than 6.8.12-4-pve. A kernel pinned on purpose ({@code proxmox-boot-tool
 * kernel pin}) is reported too: it still is an unused newer kernel.
 *
 * <p>Metrics: {@code kernel_pending} (0/1), {@code services_to_restart}.
 */
public final class RebootNeededReader implements HostReader {

  static final String NEEDRESTART = "needrestart -b -r l";
  static final String UNAME = "uname -r";
  static final String KERNELS = "ls -1 /boot/vmlinuz-*";
  static final String FLAG =
      "if [ -f /var/run/reboot-required ]; then echo reboot-required;"
          + " cat /var/run/reboot-required.pkgs 2>/dev/null; fi";

  private static final Pattern BATCH =
      Pattern.compile("^NEEDRESTART-([A-Z]+):[ \\t]*(.*?)[ \\t]*$", Pattern.MULTILINE);
  private static final Pattern IMAGE = Pattern.compile("^/boot/vmlinuz-(\\S+)$", Pattern.MULTILINE);
  private static final Pattern RELEASE = Pattern.compile("^\\d+\\.\\d+\\S*$");

  /**
   * needrestart's batch output.
   *
   * @param kernelStatus KSTA: 0 unknown, 1 current, 2 ABI-compatible upgrade, 3 version upgrade
   * @param current KCUR, the running kernel
   * @param expected KEXP, the kernel a reboot would run
   * @param microcodeStatus UCSTA: 0 unknown, 1 current, 2 update pending (-1 when not printed)
   * @param services SVC lines, units to restart
   */
  record Needrestart(
      int kernelStatus,
      String current,
      String expected,
      int microcodeStatus,
      List<String> services) {}

  @Override
  public HostCheck check() {
    return HostCheck.REBOOT_NEEDED;
  }

  @Override
  public List<String> commands() {
    return List.of(NEEDRESTART, UNAME, KERNELS, FLAG);
  }

  @Override
  public CheckResult read(List<CommandOutput> outputs, HostContext context) {
    return SystemFindings.safely(() -> judge(outputs, context));
  }

  private CheckResult judge(List<CommandOutput> outputs, HostContext context) {
    Optional<CheckResult> missing = SystemFindings.missingOutputs(this, outputs);
    if (missing.isPresent()) {
      return missing.get();
    }
    // needrestart missing or refused is no verdict yet: the kernel comparison below stands in.
    Optional<Needrestart> nr =
        SystemFindings.notRun("needrestart", outputs.get(0)).isPresent()
            ? Optional.empty()
            : parseNeedrestart(outputs.get(0).stdout());
    SystemFindings f = new SystemFindings();
    boolean kernelKnown = nr.isPresent() && nr.get().kernelStatus() > 0;
    boolean kernelPending = false;
    if (kernelKnown) {
      Needrestart n = nr.get();
      kernelPending = n.kernelStatus() >= 2;
      if (kernelPending) {
        f.add(
            CheckState.WARNING,
            "kernel "
                + (n.kernelStatus() == 2 ? "update (same ABI)" : "upgrade")
                + " pending: running "
                + n.current()
                + ", reboot into "
                + n.expected());
      } else {
        f.add(CheckState.OK, "running the newest kernel " + n.current());
      }
    } else {
      String running = outputs.get(1).stdout().strip();
      if (outputs.get(1).exitStatus() != 0 || !RELEASE.matcher(running).matches()) {
        return SystemFindings.unknown(
            "cannot tell the running kernel: needrestart unavailable and uname -r printed '"
                + SystemFindings.firstLine(running + "\n" + outputs.get(1).stderr())
                + "'");
      }
      Optional<String> newest = newestInstalled(running, outputs.get(2).stdout());
      if (newest.isEmpty()) {
        return SystemFindings.unknown(
            "cannot tell whether a newer kernel is installed: no /boot/vmlinuz-* (container?)"
                + " and needrestart unavailable");
      }
      kernelPending = DebianVersions.compare(newest.get(), running) > 0;
      f.add(
          kernelPending ? CheckState.WARNING : CheckState.OK,
          kernelPending
              ? "kernel " + newest.get() + " installed, still running " + running
              : "running the newest installed kernel " + running);
    }
    int services = 0;
    if (nr.isPresent()) {
      Needrestart n = nr.get();
      if (n.microcodeStatus() == 2) {
        f.add(CheckState.WARNING, "CPU microcode update pending (needs a reboot)");
      }
      services = n.services().size();
      if (services > 0) {
        f.add(
            CheckState.WARNING,
            services
                + (services == 1 ? " service needs" : " services need")
                + " a restart: "
                + SystemFindings.few(n.services(), 4));
      }
    }
    String flag = outputs.get(3).stdout();
    if (flag.contains("reboot-required")) {
      List<String> pkgs =
          flag.lines()
              .map(String::strip)
              .filter(l -> !l.isEmpty() && !l.equals("reboot-required"))
              .distinct()
              .toList();
      f.add(
          CheckState.WARNING,
          "/var/run/reboot-required is set"
              + (pkgs.isEmpty() ? "" : " by " + SystemFindings.few(pkgs, 3)));
    }
    if (nr.isEmpty()) {
      f.add(CheckState.OK, "needrestart not available: services not checked");
    }
    return f.metric("kernel_pending", kernelPending ? 1 : 0)
        .metric("services_to_restart", services)
        .result();
  }

  static Optional<Needrestart> parseNeedrestart(String text) {
    int ksta = 0;
    int ucsta = -1;
    String kcur = "?";
    String kexp = "?";
    boolean seen = false;
    List<String> services = new ArrayList<>();
    Matcher m = BATCH.matcher(text);
    while (m.find()) {
      seen = true;
      String v = m.group(2);
      switch (m.group(1)) {
        case "KSTA" -> ksta = v.matches("\\d") ? Integer.parseInt(v) : 0;
        case "UCSTA" -> ucsta = v.matches("\\d") ? Integer.parseInt(v) : -1;
        case "KCUR" -> kcur = v;
        case "KEXP" -> kexp = v;
        case "SVC" -> services.add(v);
        default -> {
          // VER, SESS, CONT, UCCUR, UCEXP: not judged.
        }
      }
    }
    return seen
        ? Optional.of(new Needrestart(ksta, kcur, kexp, ucsta, List.copyOf(services)))
        : Optional.empty();
  }

  /**
   * The newest installed kernel of the running one's flavour (the part from the first piece that
   * starts with a letter: "pve", "amd64", "cloud-amd64"); all kernels when none has it.
   */
  static Optional<String> newestInstalled(String running, String listing) {
    List<String> all = new ArrayList<>();
    Matcher m = IMAGE.matcher(listing);
    while (m.find()) {
      all.add(m.group(1));
    }
    String flavour = flavour(running);
    List<String> same = all.stream().filter(k -> flavour(k).equals(flavour)).toList();
    return (same.isEmpty() ? all : same)
        .stream().max(Comparator.comparing(k -> k, DebianVersions::compare));
  }

  static String flavour(String release) {
    String[] parts = release.split("-");
    for (int i = 1; i < parts.length; i++) {
      if (!parts[i].isEmpty() && Character.isLetter(parts[i].charAt(0))) {
        return String.join("-", java.util.Arrays.copyOfRange(parts, i, parts.length));
      }
    }
    return "";
  }
}
