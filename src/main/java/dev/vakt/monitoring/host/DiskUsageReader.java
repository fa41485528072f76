package dev.vakt.monitoring.host;

import dev.vakt.contract.MonitoringTerms.HostCheck;
import dev.vakt.monitoring.CheckResult;
import dev.vakt.monitoring.CheckState;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Space and inodes of every local file system through GNU df (MON-3, MON-6). Each is judged against
 * the contract's disk levels, space and inodes alike: a file system out of inodes refuses new files
 * just as a full one does (mail spools and PHP session directories run out of inodes first). The
 * percentage is df's own: used / (used + available), rounded up, so the number in the alarm is the
 * one the technician sees in {@code df}; the space reserved for root does not count as available.
 *
 * <p>Metrics: {@code filesystems}, and per mount point {@code disk_<mount>_pct} and, where the file
 * system counts inodes, {@code inodes_<mount>_pct}; {@code /} is {@code root}, {@code /var/lib/vz}
 * is {@code var_lib_vz}.
 */
public final class DiskUsageReader implements HostReader {

  /**
   * {@code --output} rather than {@code -P}, to have inodes in the same run; the mount point comes
   * last so one with spaces stays whole. {@code -l}: local file systems only, so a hung NFS server
   * cannot hang the check (the NFS server is watched on its own). Pseudo and read-only image file
   * systems are left out: tmpfs and friends come and go, squashfs (snaps) is always 100 % full.
   */
  static final String COMMAND =
      "df -l -B1 --output=fstype,size,used,avail,itotal,iused,iavail,target"
          + " -x tmpfs -x devtmpfs -x squashfs -x overlay -x efivarfs -x iso9660";

  private static final Pattern ROW =
      Pattern.compile(
          "^(\\S+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+|-)\\s+(\\d+|-)\\s+(\\d+|-) (.+)$");
  private static final Pattern OCTAL = Pattern.compile("\\\\([0-7]{3})");
  private static final BigInteger HUNDRED = BigInteger.valueOf(100);

  @Override
  public HostCheck check() {
    return HostCheck.DISK;
  }

  @Override
  public List<String> commands() {
    return List.of(COMMAND);
  }

  @Override
  public CheckResult read(List<CommandOutput> outputs, HostContext context) {
    return StorageText.guarded(outputs, 1, "df", () -> verdict(outputs.get(0), context));
  }

  /**
   * One mounted file system.
   *
   * @param mount the mount point
   * @param type the file system type
   * @param usedPct space used as df computes it
   * @param inodesPct inodes used likewise, null where the file system has no inode count
   */
  record Mount(String mount, String type, BigDecimal usedPct, BigDecimal inodesPct) {}

  private static CheckResult verdict(CommandOutput output, HostContext context) {
    String notRunnable = StorageText.notRunnable("df", output);
    if (notRunnable != null) {
      return CheckResult.unknown(notRunnable, Duration.ZERO);
    }
    List<Mount> mounts = new ArrayList<>();
    boolean header = false;
    for (String line : output.stdout().split("\\R")) {
      if (line.startsWith("Type") && line.contains("Mounted on")) {
        header = true;
        continue;
      }
      Matcher row = ROW.matcher(line.stripTrailing());
      if (line.isBlank()) {
        continue;
      }
      if (!header || !row.matches()) {
        return CheckResult.unknown(
            "not the output of df --output: " + StorageText.firstLine(line, 100), Duration.ZERO);
      }
      BigDecimal inodes = null;
      if (!row.group(6).equals("-") && !row.group(7).equals("-")) {
        inodes = usePercent(new BigInteger(row.group(6)), new BigInteger(row.group(7)));
      }
      mounts.add(
          new Mount(
              unescape(row.group(8)),
              row.group(1),
              usePercent(new BigInteger(row.group(3)), new BigInteger(row.group(4))),
              inodes));
    }
    if (mounts.isEmpty()) {
      String said = output.stderr().isBlank() ? output.stdout() : output.stderr();
      return CheckResult.unknown(
          said.isBlank()
              ? "df listed no file systems"
              : "df failed: " + StorageText.firstLine(said, 160),
          Duration.ZERO);
    }
    // df exits 1 when one file system could not be read but still lists the others: judged.
    Map<String, BigDecimal> metrics = new TreeMap<>();
    metrics.put("filesystems", BigDecimal.valueOf(mounts.size()));
    StorageFindings findings = new StorageFindings();
    Mount fullest = null;
    for (Mount mount : mounts) {
      String part = StorageText.metricPart(mount.mount());
      if (mount.usedPct() != null) {
        StorageText.putUnique(metrics, "disk_" + part + "_pct", mount.usedPct());
        judge(mount.mount(), mount.usedPct(), context, findings);
        if (fullest == null
            || fullest.usedPct() == null
            || mount.usedPct().compareTo(fullest.usedPct()) > 0) {
          fullest = mount;
        }
      }
      if (mount.inodesPct() != null) {
        StorageText.putUnique(metrics, "inodes_" + part + "_pct", mount.inodesPct());
        judge(mount.mount() + " inodes", mount.inodesPct(), context, findings);
      }
    }
    String healthy =
        (mounts.size() == 1 ? "1 file system" : mounts.size() + " file systems")
            + " below "
            + context.diskWarning()
            + (fullest == null || fullest.usedPct() == null
                ? ""
                : " (fullest " + fullest.mount() + " " + StorageText.pct(fullest.usedPct()) + ")");
    return findings.result(healthy, metrics);
  }

  private static void judge(
      String what, BigDecimal used, HostContext context, StorageFindings findings) {
    if (StorageText.reached(used, context.diskCritical())) {
      findings.add(
          CheckState.CRITICAL,
          what
              + " "
              + StorageText.pct(used)
              + " used (critical at "
              + context.diskCritical()
              + ")");
    } else if (StorageText.reached(used, context.diskWarning())) {
      findings.add(
          CheckState.WARNING,
          what + " " + StorageText.pct(used) + " used (warning at " + context.diskWarning() + ")");
    }
  }

  /**
   * df's percentage: used / (used + available), rounded up to a whole percent; null for a file
   * system with nothing to count (used + available is 0: vfat inodes, some pseudo file systems).
   */
  static BigDecimal usePercent(BigInteger used, BigInteger available) {
    BigInteger total = used.add(available);
    if (total.signum() == 0) {
      return null;
    }
    BigInteger[] division = used.multiply(HUNDRED).divideAndRemainder(total);
    BigInteger pct = division[1].signum() > 0 ? division[0].add(BigInteger.ONE) : division[0];
    return new BigDecimal(pct);
  }

  /** Mount points as the kernel escapes them ({@code \040} for a space), should df pass them on. */
  static String unescape(String mount) {
    Matcher m = OCTAL.matcher(mount);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(
          out, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(m.group(1), 8))));
    }
    m.appendTail(out);
    return out.toString();
  }
}
