package dev.vakt.monitoring.host;

import dev.vakt.contract.MonitoringTerms.HostCheck;
import dev.vakt.monitoring.CheckResult;
import dev.vakt.monitoring.CheckState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pending package updates on Debian and Proxmox VE: {@code apt-get -s dist-upgrade}, a simulation
 * that changes nothing ({@code Debug::NoLocking} so it neither needs nor blocks apt's lock). It
 * sees what the last {@code apt update} fetched (Proxmox VE runs it daily); fetching is left to the
 * host. {@code LC_ALL=C} keeps apt's messages in English whatever the host's locale.
 *
 * <p>Security updates pending are WARNING: those whose release string ({@code Label:Version/Suite})
 * names a security archive, e.g. {@code Debian-Security:12/stable-security} or {@code
 * Ubuntu:22.04/jammy-security}. How long they may wait (CRITICAL) is the maintenance process's
 * business, which knows when they appeared. Packages kept back are WARNING: they never install by
 * themselves. Other updates alone are OK, with their count. Packages the upgrade would remove are
 * named as a risk for whoever runs it. The output of {@code apt-get -s upgrade} and of apt 3's new
 * layout ("Upgrading:", "Not upgrading:", "REMOVING:") are read too.
 *
 * <p>Metrics: {@code updates}, {@code security_updates}, {@code kept_back}, {@code removals}.
 */
public final class PendingUpdatesReader implements HostReader {

  static final String SIMULATE = "LC_ALL=C apt-get -s -o Debug::NoLocking=1 dist-upgrade";

  // "Inst libssl3 [3.0.14-1~deb12u1] (3.0.15-1~deb12u1 Debian-Security:12/stable-security [amd64])"
  private static final Pattern INST =
      Pattern.compile("^Inst (\\S+)(?: \\[([^\\]]*)\\])? \\((\\S+) ([^)]*)\\)", Pattern.MULTILINE);
  private static final Pattern SECURITY = Pattern.compile("security", Pattern.CASE_INSENSITIVE);
  private static final Pattern SUMMARY =
      Pattern.compile(
          "^\\d+ upgraded, \\d+ newly installed|^Summary:|^\\s*Upgrading: \\d+", Pattern.MULTILINE);
  private static final Pattern PACKAGE = Pattern.compile("[a-z0-9][a-z0-9+.\\-]+(?::[a-z0-9]+)?");

  /**
   * One {@code Inst} line.
   *
   * @param name package (with architecture when apt adds it)
   * @param installed version installed, null for a new package
   * @param candidate version to be installed
   * @param release where it comes from, e.g. "Debian:12.8/stable,
   *     Debian-Security:12/stable-security"
   */
  record Upgrade(String name, String installed, String candidate, String release) {
    boolean security() {
      return SECURITY.matcher(release).find();
    }
  }

  /** What the simulation would do. */
  record Simulation(List<Upgrade> installs, List<String> keptBack, List<String> removed) {}

  @Override
  public HostCheck check() {
    return HostCheck.PENDING_UPDATES;
  }

  @Override
  public List<String> commands() {
    return List.of(SIMULATE);
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
    CommandOutput out = outputs.get(0);
    Optional<String> notRun = SystemFindings.notRun("apt-get", out);
    if (notRun.isPresent()) {
      return SystemFindings.unknown(notRun.get());
    }
    Optional<String> error =
        out.stderr()
            .lines()
            .filter(l -> l.startsWith("E: "))
            .findFirst()
            .or(() -> out.stdout().lines().filter(l -> l.startsWith("E: ")).findFirst());
    if (out.exitStatus() != 0 || error.isPresent()) {
      return SystemFindings.unknown(
          "apt-get simulation failed (exit "
              + out.exitStatus()
              + "): "
              + error.orElse(SystemFindings.firstLine(out.stderr())));
    }
    if (!INST.matcher(out.stdout()).find() && !SUMMARY.matcher(out.stdout()).find()) {
      return SystemFindings.unknown(
          "cannot read the apt-get simulation: '" + SystemFindings.firstLine(out.stdout()) + "'");
    }
    return verdict(parse(out.stdout()));
  }

  static CheckResult verdict(Simulation sim) {
    SystemFindings f = new SystemFindings();
    List<String> security =
        sim.installs().stream().filter(Upgrade::security).map(Upgrade::name).toList();
    if (!security.isEmpty()) {
      f.add(
          CheckState.WARNING,
          security.size()
              + (security.size() == 1 ? " security update" : " security updates")
              + " pending: "
              + SystemFindings.few(security, 5));
    }
    if (!sim.keptBack().isEmpty()) {
      f.add(
          CheckState.WARNING,
          sim.keptBack().size()
              + (sim.keptBack().size() == 1 ? " package" : " packages")
              + " kept back: "
              + SystemFindings.few(sim.keptBack(), 5));
    }
    int regular = sim.installs().size() - security.size();
    if (sim.installs().isEmpty() && sim.keptBack().isEmpty()) {
      f.add(CheckState.OK, "no updates pending");
    } else if (regular > 0 || security.isEmpty()) {
      f.add(
          CheckState.OK,
          regular + (regular == 1 ? " other update" : " other updates") + " pending");
    }
    if (!sim.removed().isEmpty()) {
      f.add(
          CheckState.OK,
          "the upgrade would REMOVE " + SystemFindings.few(sim.removed(), 5) + ": review first");
    }
    return f.metric("updates", sim.installs().size())
        .metric("security_updates", security.size())
        .metric("kept_back", sim.keptBack().size())
        .metric("removals", sim.removed().size())
        .result();
  }

  static Simulation parse(String text) {
    List<Upgrade> installs = new ArrayList<>();
    Matcher m = INST.matcher(text);
    while (m.find()) {
      installs.add(new Upgrade(m.group(1), m.group(2), m.group(3), m.group(4)));
    }
    return new Simulation(
        installs,
        block(text, "The following packages have been kept back:", "Not upgrading:"),
        block(text, "The following packages will be REMOVED:", "REMOVING:"));
  }

  /** Package names in the indented lines under a header (apt 2 or apt 3 wording). */
  private static List<String> block(String text, String header, String apt3Header) {
    List<String> names = new ArrayList<>();
    boolean inside = false;
    for (String line : text.split("\\R")) {
      if (line.equals(header) || line.equals(apt3Header)) {
        inside = true;
      } else if (inside && line.startsWith(" ") && !line.isBlank()) {
        for (String token : line.strip().split("\\s+")) {
          if (PACKAGE.matcher(token).matches()) {
            names.add(token);
          }
        }
      } else {
        inside = false;
      }
    }
    return names;
  }
}
