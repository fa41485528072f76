package dev.vakt.monitoring.host;

import dev.vakt.monitoring.CheckResult;
import dev.vakt.monitoring.CheckState;
import dev.vakt.monitoring.PendingPackage;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Debian or Proxmox VE host's pending updates as a list of packages, for patch compliance (MNT-4,
 * MNT-5, MNT-10) rather than a verdict. It reads the very simulation the PENDING_UPDATES check runs
 * ({@link PendingUpdatesReader}, whose rules decide when the output cannot be trusted), and {@code
 * apt-cache policy}, whose {@code release} lines tie each APT source's Label (what the simulation
 * prints: {@code Debian-Security:12/stable-security}, {@code Proxmox Debian Repository:stable}) to
 * its Origin (what contracts name: "Debian", "Proxmox").
 *
 * <p>A candidate's origins are those of the sources with its label and archive; failing that, of
 * the sources with its label; failing that (no policy output), those of the labels Debian and
 * Proxmox are known to use. A source without a label, or with an unknown one, has no known origin:
 * the package is not taken for an official one.
 */
public final class AptPackages {

  /** Both commands only read; {@code LC_ALL=C} keeps the output in English. */
  public static final String POLICY = "LC_ALL=C apt-cache policy";

  /** The labels of the official archives, for when {@code apt-cache policy} gave nothing. */
  private static final Map<String, String> KNOWN_LABELS =
      Map.of(
          "Debian", "Debian",
          "Debian-Security", "Debian",
          "Debian Backports", "Debian",
          "Proxmox Debian Repository", "Proxmox");

  // The architecture apt appends to the release string: "Debian:12.8/stable [amd64]".
  private static final Pattern ARCH = Pattern.compile("\\s*\\[[^\\]]*\\]\\s*$");

  // "     release v=12.8,o=Debian,a=stable,n=bookworm,l=Debian,c=main,b=amd64"
  private static final Pattern RELEASE = Pattern.compile("^\\s+release (.+)$", Pattern.MULTILINE);

  /** One APT source from {@code apt-cache policy}: label, archive (suite), codename, origin. */
  record Source(String label, String archive, String codename, String origin) {}

  /** What the commands gave. */
  public sealed interface Result {
    /** The pending packages, kept-back ones included. */
    record Read(List<PendingPackage> packages) implements Result {}

    /** The simulation could not be read: nothing is known. */
    record Unreadable(String reason) implements Result {}
  }

  private AptPackages() {}

  /** The commands to run, in this order. */
  public static List<String> commands() {
    return List.of(PendingUpdatesReader.SIMULATE, POLICY);
  }

  /**
   * The packages in the commands' output.
   *
   * @param outputs one per command of {@link #commands()}; the policy's may be missing or failed,
   *     which only loses the origins of unknown labels
   */
  public static Result read(List<CommandOutput> outputs) {
    if (outputs == null || outputs.isEmpty()) {
      return new Result.Unreadable("no output of the apt-get simulation");
    }
    CommandOutput simulation = outputs.get(0);
    // The check's own rules say when the simulation cannot be trusted (apt missing, broken lists).
    CheckResult judged =
        new PendingUpdatesReader().read(List.of(simulation), HostContext.defaults(LocalDate.EPOCH));
    if (judged.state() == CheckState.UNKNOWN) {
      return new Result.Unreadable(judged.reason());
    }
    List<Source> sources =
        outputs.size() > 1 && outputs.get(1).exitStatus() == 0
            ? sources(outputs.get(1).stdout())
            : List.of();
    PendingUpdatesReader.Simulation sim = PendingUpdatesReader.parse(simulation.stdout());
    List<PendingPackage> out = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (PendingUpdatesReader.Upgrade u : sim.installs()) {
      if (seen.add(u.name())) {
        String release = ARCH.matcher(u.release()).replaceFirst("");
        out.add(
            new PendingPackage(
                u.name(),
                u.installed(),
                u.candidate(),
                origins(release, sources),
                release,
                u.security(),
                false));
      }
    }
    for (String name : sim.keptBack()) {
      if (seen.add(name)) {
        out.add(new PendingPackage(name, null, null, List.of(), "", false, true));
      }
    }
    return new Result.Read(List.copyOf(out));
  }

  /** The sources named in {@code apt-cache policy}'s {@code release} lines. */
  static List<Source> sources(String policy) {
    List<Source> out = new ArrayList<>();
    Matcher m = RELEASE.matcher(policy);
    while (m.find()) {
      String label = null;
      String archive = null;
      String codename = null;
      String origin = null;
      for (String field : m.group(1).strip().split(",")) {
        int eq = field.indexOf('=');
        if (eq <= 0) {
          continue;
        }
        String value = field.substring(eq + 1);
        switch (field.substring(0, eq)) {
          case "l" -> label = value;
          case "a" -> archive = value;
          case "n" -> codename = value;
          case "o" -> origin = value;
          default -> {
            // v (version), c (component), b (architecture): not needed.
          }
        }
      }
      if (origin != null) {
        out.add(new Source(label, archive, codename, origin));
      }
    }
    return out;
  }

  /**
   * The origins of a candidate from its release string: one entry per source, separated by ", ",
   * each {@code Label:Version/Archive}, {@code Label:Archive}, or without a label only the archive
   * (or the site, for a source without a Release file).
   */
  static List<String> origins(String release, List<Source> sources) {
    Set<String> out = new LinkedHashSet<>();
    for (String entry : release.split(", ")) {
      int colon = entry.indexOf(':');
      String label = colon < 0 ? null : entry.substring(0, colon).strip();
      String rest = colon < 0 ? entry.strip() : entry.substring(colon + 1).strip();
      String archive = rest.substring(rest.lastIndexOf('/') + 1);
      List<String> exact =
          sources.stream()
              .filter(s -> Objects.equals(label, s.label()))
              .filter(s -> archive.equals(s.archive()) || archive.equals(s.codename()))
              .map(Source::origin)
              .toList();
      if (!exact.isEmpty()) {
        out.addAll(exact);
        continue;
      }
      if (label == null) {
        continue; // without a label, only an exact archive match identifies the source
      }
      List<String> byLabel =
          sources.stream().filter(s -> label.equals(s.label())).map(Source::origin).toList();
      if (!byLabel.isEmpty()) {
        out.addAll(byLabel);
      } else if (KNOWN_LABELS.containsKey(label)) {
        out.add(KNOWN_LABELS.get(label));
      }
    }
    return List.copyOf(out);
  }
}
