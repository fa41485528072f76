package dev.vakt.monitoring.host;

import dev.vakt.contract.MonitoringTerms.HostCheck;
import dev.vakt.monitoring.CheckResult;
import dev.vakt.monitoring.CheckState;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Linux software RAID (md) from {@code /proc/mdstat} (MON-6). An array that lost redundancy is
 * CRITICAL even while it rebuilds: a second failing disk during recovery loses the data, so the
 * progress goes into the reason rather than softening the state. A scheduled {@code check} or a
 * resync of a healthy array is OK and mentioned. An inactive array is CRITICAL. Without arrays (or
 * without the md driver, so no {@code /proc/mdstat}) the verdict is OK "no software RAID".
 *
 * <p>Metrics: {@code arrays}, {@code degraded} (arrays degraded, failed or inactive), {@code
 * failed_members}, and while an array resyncs, rebuilds or reshapes {@code rebuild_pct} (the least
 * advanced one).
 */
public final class RaidReader implements HostReader {

  static final String COMMAND = "cat /proc/mdstat";

  @Override
  public HostCheck check() {
    return HostCheck.RAID;
  }

  @Override
  public List<String> commands() {
    return List.of(COMMAND);
  }

  @Override
  public CheckResult read(List<CommandOutput> outputs, HostContext context) {
    return StorageText.guarded(outputs, 1, "/proc/mdstat", () -> verdict(outputs.get(0)));
  }

  private static CheckResult verdict(CommandOutput output) {
    if (output.exitStatus() != 0) {
      if (output.stderr().contains("No such file or directory")) {
        // The md driver is not loaded: there cannot be an md array.
        return CheckResult.ok("no software RAID (no /proc/mdstat)", Duration.ZERO, Map.of());
      }
      String why = StorageText.notRunnable("cat", output);
      return CheckResult.unknown(
          why != null
              ? why
              : "cannot read /proc/mdstat: " + StorageText.firstLine(output.stderr(), 160),
          Duration.ZERO);
    }
    List<Mdstat.MdArray> arrays;
    try {
      arrays = Mdstat.parse(output.stdout());
    } catch (IllegalArgumentException e) {
      return CheckResult.unknown(e.getMessage(), Duration.ZERO);
    }
    if (arrays.isEmpty()) {
      return CheckResult.ok("no software RAID", Duration.ZERO, Map.of("arrays", BigDecimal.ZERO));
    }
    StorageFindings findings = new StorageFindings();
    int degraded = 0;
    int failedMembers = 0;
    BigDecimal rebuild = null;
    for (Mdstat.MdArray array : arrays) {
      failedMembers += array.failed().size();
      CheckState state = judge(array);
      if (state != CheckState.OK) {
        degraded++;
      }
      if (array.progress() != null && !array.progress().action().equals("check")) {
        BigDecimal done = array.progress().percent();
        if (done != null && (rebuild == null || done.compareTo(rebuild) < 0)) {
          rebuild = done;
        }
      }
      String text = describe(array, state);
      if (text != null) {
        findings.add(state, text);
      }
    }
    Map<String, BigDecimal> metrics = new TreeMap<>();
    metrics.put("arrays", BigDecimal.valueOf(arrays.size()));
    metrics.put("degraded", BigDecimal.valueOf(degraded));
    metrics.put("failed_members", BigDecimal.valueOf(failedMembers));
    if (rebuild != null) {
      metrics.put("rebuild_pct", rebuild);
    }
    return findings.result(healthy(arrays), metrics);
  }

  private static CheckState judge(Mdstat.MdArray array) {
    if (array.container()) {
      return CheckState.OK;
    }
    if (!array.active() || !array.failed().isEmpty() || array.degraded()) {
      return CheckState.CRITICAL;
    }
    return CheckState.OK;
  }

  /** What a technician needs to know of one array, or null for a healthy, idle array. */
  private static String describe(Mdstat.MdArray array, CheckState state) {
    if (array.container()) {
      return null;
    }
    if (!array.active()) {
      return array.name()
          + " inactive"
          + (array.members().isEmpty() ? "" : " (" + String.join(" ", array.members()) + ")");
    }
    List<String> parts = new ArrayList<>();
    if (array.degraded()) {
      parts.add(array.name() + " degraded " + array.status());
    } else if (state != CheckState.OK) {
      parts.add(array.name() + " " + array.level());
    }
    if (!array.failed().isEmpty()) {
      parts.add(String.join(", ", array.failed()) + " failed");
    }
    String progress = array.progress() == null ? null : array.progress().describe();
    if (parts.isEmpty()) {
      // Healthy: only a running check or resync is worth a word.
      return progress == null ? null : array.name() + " " + progress;
    }
    String text = String.join(", ", parts);
    return progress == null ? text : text + "; " + progress;
  }

  private static String healthy(List<Mdstat.MdArray> arrays) {
    List<String> names = new ArrayList<>();
    for (Mdstat.MdArray array : arrays) {
      names.add(
          array.name()
              + " "
              + (array.container() ? "container" : array.level())
              + (array.status().isEmpty() ? "" : " " + array.status()));
    }
    return (arrays.size() == 1 ? "1 array" : arrays.size() + " arrays")
        + " healthy ("
        + String.join(", ", names)
        + ")";
  }
}
