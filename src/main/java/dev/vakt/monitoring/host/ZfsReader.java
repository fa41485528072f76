package dev.vakt.monitoring.host;

import dev.vakt.contract.MonitoringTerms.HostCheck;
import dev.vakt.monitoring.CheckResult;
import dev.vakt.monitoring.CheckState;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * ZFS pools: health and fill level from {@code zpool list}, the details of any trouble from {@code
 * zpool status -x} (MON-3). A pool that lost redundancy (DEGRADED) is CRITICAL like a degraded md
 * array: the next failing disk loses data. FAULTED, UNAVAIL, SUSPENDED, REMOVED and OFFLINE are
 * CRITICAL; so are data errors (files with permanent damage). A pool that is ONLINE but listed by
 * {@code status -x} (a device had an unrecoverable error ZFS repaired) is a WARNING. The share
 * allocated is judged against the contract's disk levels, like a file system.
 *
 * <p>Metrics: {@code pools}, and per pool {@code zfs_<pool>_pct} (allocated of size, in percent).
 */
public final class ZfsReader implements HostReader {

  /** {@code -H}: no header, tab-separated; {@code -p}: exact bytes, capacity without "%". */
  static final String LIST = "zpool list -Hp -o name,size,alloc,free,cap,health";

  static final String STATUS = "zpool status -x";

  private static final Set<String> HEALTHS =
      Set.of("ONLINE", "DEGRADED", "FAULTED", "OFFLINE", "UNAVAIL", "REMOVED", "SUSPENDED");

  @Override
  public HostCheck check() {
    return HostCheck.ZFS;
  }

  @Override
  public List<String> commands() {
    return List.of(LIST, STATUS);
  }

  @Override
  public CheckResult read(List<CommandOutput> outputs, HostContext context) {
    return StorageText.guarded(
        outputs, 2, "zpool", () -> verdict(outputs.get(0), outputs.get(1), context));
  }

  /**
   * A pool from {@code zpool list}.
   *
   * @param name the pool
   * @param size bytes, null when the pool is unavailable
   * @param alloc bytes allocated, null likewise
   * @param health e.g. ONLINE
   */
  record Pool(String name, BigDecimal size, BigDecimal alloc, String health) {}

  private static CheckResult verdict(
      CommandOutput list, CommandOutput status, HostContext context) {
    String broken = failure(list);
    if (broken != null) {
      return CheckResult.unknown(broken, Duration.ZERO);
    }
    List<Pool> pools = new ArrayList<>();
    for (String line : list.stdout().split("\\R")) {
      if (line.isBlank() || line.strip().equals("no pools available")) {
        continue;
      }
      String[] f = line.split("\t");
      if (f.length != 6 || !HEALTHS.contains(f[5].strip()) || !bytes(f[1]) || !bytes(f[2])) {
        return CheckResult.unknown(
            "unexpected line from zpool list: " + StorageText.firstLine(line, 100), Duration.ZERO);
      }
      // An UNAVAIL or FAULTED pool has no size: "-".
      boolean sized = f[1].matches("[0-9]+") && f[2].matches("[0-9]+");
      pools.add(
          new Pool(
              f[0],
              sized ? new BigDecimal(f[1]) : null,
              sized ? new BigDecimal(f[2]) : null,
              f[5].strip()));
    }
    Map<String, ZpoolStatus> troubled = new LinkedHashMap<>();
    StorageFindings findings = new StorageFindings();
    String statusBroken = failure(status);
    if (statusBroken == null && (status.stdout() + status.stderr()).isBlank()) {
      // zpool status -x always says something ("all pools are healthy", "no pools available").
      statusBroken = "zpool status -x printed nothing";
    }
    if (statusBroken != null) {
      findings.add(CheckState.UNKNOWN, statusBroken);
    } else {
      for (ZpoolStatus pool : ZpoolStatus.parse(status.stdout())) {
        troubled.put(pool.name(), pool);
      }
    }
    Map<String, BigDecimal> metrics = new TreeMap<>();
    metrics.put("pools", BigDecimal.valueOf(pools.size()));
    List<String> fine = new ArrayList<>();
    for (Pool pool : pools) {
      BigDecimal used =
          pool.size() == null ? null : StorageText.percentOf(pool.alloc(), pool.size());
      if (used != null) {
        StorageText.putUnique(metrics, "zfs_" + StorageText.metricPart(pool.name()) + "_pct", used);
      }
      CheckState state = pool.health().equals("ONLINE") ? CheckState.OK : CheckState.CRITICAL;
      List<String> notes = new ArrayList<>();
      if (state != CheckState.OK) {
        notes.add(pool.health());
      }
      ZpoolStatus details = troubled.remove(pool.name());
      if (details != null) {
        state = state.worst(judge(details, notes));
      }
      // An unavailable pool has no size to judge: its health already says why.
      if (used != null && StorageText.reached(used, context.diskCritical())) {
        state = CheckState.CRITICAL;
        notes.add(StorageText.pct(used) + " used (critical at " + context.diskCritical() + ")");
      } else if (used != null && StorageText.reached(used, context.diskWarning())) {
        state = state.worst(CheckState.WARNING);
        notes.add(StorageText.pct(used) + " used (warning at " + context.diskWarning() + ")");
      }
      if (notes.isEmpty()) {
        fine.add(pool.name() + (used == null ? "" : " " + StorageText.pct(used)));
      } else {
        findings.add(state, pool.name() + ": " + String.join(", ", notes));
      }
    }
    for (ZpoolStatus details : troubled.values()) {
      // In status but not in list (list and status ran a moment apart): still worth the alarm.
      List<String> notes = new ArrayList<>(List.of(details.state()));
      CheckState state = details.state().equals("ONLINE") ? CheckState.OK : CheckState.CRITICAL;
      findings.add(
          state.worst(judge(details, notes)), details.name() + ": " + String.join(", ", notes));
    }
    if (pools.isEmpty() && findings.isEmpty()) {
      return CheckResult.ok("no ZFS pools", Duration.ZERO, metrics);
    }
    String healthy =
        (fine.size() == 1 ? "1 pool" : fine.size() + " pools")
            + " ONLINE ("
            + String.join(", ", fine)
            + ")";
    if (!findings.isEmpty() && !fine.isEmpty()) {
      findings.add(CheckState.OK, healthy);
    }
    return findings.result(healthy, metrics);
  }

  /** The state {@code zpool status -x} gives a pool, with its details added to {@code notes}. */
  private static CheckState judge(ZpoolStatus details, List<String> notes) {
    CheckState state = CheckState.WARNING; // listed by -x at all: something needs attention
    if (!details.state().equals("ONLINE") && !details.state().isEmpty()) {
      state = CheckState.CRITICAL;
    }
    if (details.hasDataErrors()) {
      state = CheckState.CRITICAL;
      notes.add(details.errors());
    }
    notes.addAll(details.devices());
    if (!details.scan().isEmpty()) {
      notes.add(details.scan());
    }
    if (!details.status().isEmpty()
        && (state == CheckState.WARNING || details.devices().isEmpty())) {
      notes.add(details.status());
    }
    return state;
  }

  private static boolean bytes(String field) {
    return field.matches("[0-9]+|-");
  }

  /** Why a zpool command gave no usable output, or null. */
  private static String failure(CommandOutput output) {
    String notRunnable = StorageText.notRunnable("zpool", output);
    if (notRunnable != null) {
      return notRunnable;
    }
    String all = output.stdout() + "\n" + output.stderr();
    if (all.contains("modules are not loaded")) {
      return "the ZFS kernel module is not loaded";
    }
    if (output.exitStatus() != 0 && !all.contains("no pools available")) {
      return "zpool failed (exit "
          + output.exitStatus()
          + "): "
          + StorageText.firstLine(
              output.stderr().isBlank() ? output.stdout() : output.stderr(), 160);
    }
    return null;
  }
}
