package dev.vakt.monitoring.host;

import dev.vakt.contract.MonitoringTerms.HostCheck;
import dev.vakt.monitoring.CheckResult;
import dev.vakt.monitoring.CheckState;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Memory in use (MON-3): {@code /proc/meminfo}. Used is {@code MemTotal - MemAvailable}, the
 * kernel's own estimate of what can be had without swapping, judged against the contract's {@code
 * memoryWarning} and {@code memoryCritical} (reached at "greater or equal"). Kernels before 3.14
 * have no {@code MemAvailable}; there {@code MemFree + Buffers + Cached} stands in, and the reason
 * says so because it overstates what is free.
 *
 * <p>On ZFS hosts (most Proxmox VE nodes) the ARC is not in {@code MemAvailable} although it
 * shrinks under pressure down to {@code c_min}; counting it as used would keep every such node at
 * "90 % used". The second command reads the ARC's size and minimum, and the part above the minimum
 * counts as available.
 *
 * <p>Swap is reported ({@code swap_used_pct}); more than half of it in use while memory is at a
 * warning level is named in the reason, as the sign the server is really short of memory.
 *
 * <p>Metrics: {@code memory_used_pct}, {@code mem_total_mib}, {@code mem_available_mib}, {@code
 * swap_total_mib}, {@code swap_used_pct}, and on ZFS {@code arc_reclaimable_mib}.
 */
public final class MemoryReader implements HostReader {

  static final String MEMINFO = "cat /proc/meminfo";
  static final String ARCSTATS =
      "grep -E '^(size|c_min) ' /proc/spl/kstat/zfs/arcstats 2>/dev/null || true";

  private static final Pattern MEMINFO_LINE =
      Pattern.compile("^(\\w+(?:\\(\\w+\\))?):\\s+(\\d+)(?:\\s+kB)?\\s*$", Pattern.MULTILINE);
  private static final Pattern ARC_LINE =
      Pattern.compile("^(size|c_min)\\s+\\d+\\s+(\\d+)\\s*$", Pattern.MULTILINE);
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
  private static final BigDecimal SWAP_NOTE = BigDecimal.valueOf(50);

  @Override
  public HostCheck check() {
    return HostCheck.MEMORY;
  }

  @Override
  public List<String> commands() {
    return List.of(MEMINFO, ARCSTATS);
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
    Optional<String> notRun = SystemFindings.notRun(MEMINFO, out);
    if (notRun.isPresent()) {
      return SystemFindings.unknown(notRun.get());
    }
    Map<String, Long> kb = parse(out.stdout());
    Long total = kb.get("MemTotal");
    if (out.exitStatus() != 0 || total == null || total <= 0) {
      return SystemFindings.unknown(
          "cannot read /proc/meminfo: '"
              + SystemFindings.firstLine(out.stdout() + "\n" + out.stderr())
              + "'");
    }
    long available;
    String estimate = "";
    if (kb.containsKey("MemAvailable")) {
      available = kb.get("MemAvailable");
    } else if (kb.containsKey("MemFree")) {
      available =
          kb.get("MemFree") + kb.getOrDefault("Buffers", 0L) + kb.getOrDefault("Cached", 0L);
      estimate = " (estimated as free + buffers + cache: this kernel has no MemAvailable)";
    } else {
      return SystemFindings.unknown("/proc/meminfo has neither MemAvailable nor MemFree");
    }
    long swapTotal = kb.getOrDefault("SwapTotal", 0L);
    return verdict(
        new Memory(
            total,
            available,
            estimate,
            arcReclaimable(outputs.get(1).stdout()),
            swapTotal,
            kb.getOrDefault("SwapFree", swapTotal)),
        context);
  }

  /**
   * Memory as read, in kB.
   *
   * @param totalKb memory in total
   * @param availableKb memory available without swapping (before any ARC is added)
   * @param estimate a note in the reason on how {@code availableKb} was estimated, or ""
   * @param arcReclaimableKb ZFS ARC above its minimum, counted as available; 0 without ZFS
   * @param swapTotalKb swap in total
   * @param swapFreeKb swap free
   */
  public record Memory(
      long totalKb,
      long availableKb,
      String estimate,
      long arcReclaimableKb,
      long swapTotalKb,
      long swapFreeKb) {}

  /**
   * The verdict on memory, however it was read: {@code /proc/meminfo} here, or the Proxmox VE API's
   * node status, so both paths judge alike (MON-3).
   */
  public static CheckResult verdict(Memory m, HostContext context) {
    return SystemFindings.safely(() -> judge(m, context));
  }

  private static CheckResult judge(Memory m, HostContext context) {
    long total = m.totalKb();
    if (total <= 0) {
      return SystemFindings.unknown("memory total is " + total + " kB");
    }
    SystemFindings findings = new SystemFindings();
    long available = m.availableKb();
    String estimate = m.estimate() == null ? "" : m.estimate();
    long arcReclaimable = m.arcReclaimableKb();
    String arc = "";
    if (arcReclaimable > 0) {
      available = Math.min(total, available + arcReclaimable);
      arc = ", ZFS ARC " + mib(arcReclaimable) + " MiB counted as available";
      findings.metric("arc_reclaimable_mib", mib(arcReclaimable));
    }
    BigDecimal usedPct = pct(total - available, total);
    CheckState state = CheckState.OK;
    String level = "";
    if (usedPct.compareTo(context.memoryCritical().value()) >= 0) {
      state = CheckState.CRITICAL;
      level = " (critical at " + context.memoryCritical() + ")";
    } else if (usedPct.compareTo(context.memoryWarning().value()) >= 0) {
      state = CheckState.WARNING;
      level = " (warning at " + context.memoryWarning() + ")";
    }
    findings.add(
        state,
        "memory "
            + SystemFindings.plain(usedPct)
            + " % used"
            + level
            + ", "
            + mib(available)
            + " of "
            + mib(total)
            + " MiB available"
            + estimate
            + arc);
    long swapTotal = m.swapTotalKb();
    findings.metric("swap_total_mib", mib(swapTotal));
    if (swapTotal > 0) {
      BigDecimal swapPct = pct(swapTotal - m.swapFreeKb(), swapTotal);
      findings.metric("swap_used_pct", swapPct);
      if (state != CheckState.OK && swapPct.compareTo(SWAP_NOTE) > 0) {
        // Named with the memory's state so it is read together with it, not as a second alarm.
        findings.add(state, "and swapping: swap " + SystemFindings.plain(swapPct) + " % used");
      }
    }
    return findings
        .metric("memory_used_pct", usedPct)
        .metric("mem_total_mib", mib(total))
        .metric("mem_available_mib", mib(available))
        .result();
  }

  /** {@code /proc/meminfo} as kB per field ({@code HugePages_Total} and the like are counts). */
  static Map<String, Long> parse(String text) {
    Map<String, Long> values = new HashMap<>();
    Matcher m = MEMINFO_LINE.matcher(text);
    while (m.find()) {
      try {
        values.put(m.group(1), Long.parseLong(m.group(2)));
      } catch (NumberFormatException e) {
        // A value beyond long cannot be real memory; leave it out so the field reads as missing.
      }
    }
    return values;
  }

  /** ARC bytes above its minimum, in kB; 0 without ZFS or with odd output. */
  static long arcReclaimable(String text) {
    Long size = null;
    Long min = null;
    Matcher m = ARC_LINE.matcher(text);
    while (m.find()) {
      try {
        long v = Long.parseLong(m.group(2));
        if (m.group(1).equals("size")) {
          size = v;
        } else {
          min = v;
        }
      } catch (NumberFormatException e) {
        return 0;
      }
    }
    if (size == null || min == null || size <= min) {
      return 0;
    }
    return (size - min) / 1024;
  }

  private static BigDecimal pct(long part, long whole) {
    return BigDecimal.valueOf(Math.max(0, part))
        .multiply(HUNDRED)
        .divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP);
  }

  private static long mib(long kb) {
    return kb / 1024;
  }
}
