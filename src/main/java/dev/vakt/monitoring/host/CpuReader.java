package dev.vakt.monitoring.host;

import dev.vakt.common.Percent;
import dev.vakt.contract.MonitoringTerms.HostCheck;
import dev.vakt.monitoring.CheckResult;
import dev.vakt.monitoring.CheckState;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CPU contention from the kernel's pressure stall information (MON-3): {@code /proc/pressure/cpu},
 * whose "some" line gives the share of time at least one runnable task waited for a CPU. That is
 * what a customer feels as a slow server; a CPU busy at 100 % with nobody waiting is fine.
 * Utilisation from {@code /proc/stat} would need two samples, which a pure reader of one output
 * cannot take, and {@code top -bn1} prints a since-boot average in its first frame.
 *
 * <p>The 5-minute average ({@code avg300}) is judged, like the load, so a backup burst does not
 * page anyone. The contract has no CPU levels; Vakt's own apply (warning 50 %, critical 80 %),
 * changeable through the constructor. Kernels without PSI (before 4.20, or Debian's own kernels,
 * which ship it switched off until booted with {@code psi=1}) give UNKNOWN with that hint; Proxmox
 * VE kernels have it on.
 *
 * <p>Metrics: {@code cpu_some_avg10}, {@code cpu_some_avg60}, {@code cpu_some_avg300} (percent).
 */
public final class CpuReader implements HostReader {

  static final String PRESSURE = "cat /proc/pressure/cpu";

  /** Vakt's levels where the contract has none: waiting half the time is felt by every user. */
  public static final Percent DEFAULT_WARNING = Percent.of("50");

  public static final Percent DEFAULT_CRITICAL = Percent.of("80");

  private static final Pattern SOME =
      Pattern.compile(
          "^some\\s+avg10=(\\d+(?:\\.\\d+)?)\\s+avg60=(\\d+(?:\\.\\d+)?)"
              + "\\s+avg300=(\\d+(?:\\.\\d+)?)",
          Pattern.MULTILINE);

  /** The "some" line of {@code /proc/pressure/cpu}, in percent. */
  record CpuPressure(BigDecimal avg10, BigDecimal avg60, BigDecimal avg300) {}

  private final Percent warning;
  private final Percent critical;

  /** With Vakt's levels, {@link #DEFAULT_WARNING} and {@link #DEFAULT_CRITICAL}. */
  public CpuReader() {
    this(DEFAULT_WARNING, DEFAULT_CRITICAL);
  }

  /**
   * @param warning 5-minute CPU pressure that warns
   * @param critical 5-minute CPU pressure that is critical, not below {@code warning}
   */
  public CpuReader(Percent warning, Percent critical) {
    this.warning = Objects.requireNonNull(warning, "warning");
    this.critical = Objects.requireNonNull(critical, "critical");
    if (warning.compareTo(critical) > 0) {
      throw new IllegalArgumentException("warning " + warning + " above critical " + critical);
    }
  }

  @Override
  public HostCheck check() {
    return HostCheck.CPU;
  }

  @Override
  public List<String> commands() {
    return List.of(PRESSURE);
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
    String text = out.stdout() + "\n" + out.stderr();
    if (text.contains("Operation not supported")) {
      // Debian's kernels: CONFIG_PSI_DEFAULT_DISABLED; reading the file gives EOPNOTSUPP.
      return SystemFindings.unknown(
          "CPU pressure (PSI) is switched off in this kernel: boot with psi=1 to measure it");
    }
    if (text.contains("No such file or directory")) {
      return SystemFindings.unknown(
          "kernel has no CPU pressure information (/proc/pressure/cpu, Linux 4.20 and later)");
    }
    Optional<String> notRun = SystemFindings.notRun(PRESSURE, out);
    if (notRun.isPresent()) {
      return SystemFindings.unknown(notRun.get());
    }
    Optional<CpuPressure> pressure = parse(out.stdout());
    if (out.exitStatus() != 0 || pressure.isEmpty()) {
      return SystemFindings.unknown(
          "cannot read /proc/pressure/cpu: '" + SystemFindings.firstLine(text) + "'");
    }
    return verdict(pressure.get());
  }

  CheckResult verdict(CpuPressure p) {
    CheckState state = CheckState.OK;
    String level = "";
    if (p.avg300().compareTo(critical.value()) >= 0) {
      state = CheckState.CRITICAL;
      level = " (critical at " + critical + ")";
    } else if (p.avg300().compareTo(warning.value()) >= 0) {
      state = CheckState.WARNING;
      level = " (warning at " + warning + ")";
    }
    String reason =
        "tasks waited for a CPU "
            + SystemFindings.plain(p.avg300())
            + " % of the last 5 min"
            + level
            + " (10 s/1 min: "
            + SystemFindings.plain(p.avg10())
            + " %/"
            + SystemFindings.plain(p.avg60())
            + " %)";
    return new SystemFindings()
        .add(state, reason)
        .metric("cpu_some_avg10", p.avg10())
        .metric("cpu_some_avg60", p.avg60())
        .metric("cpu_some_avg300", p.avg300())
        .result();
  }

  static Optional<CpuPressure> parse(String text) {
    Matcher m = SOME.matcher(text);
    if (!m.find()) {
      return Optional.empty();
    }
    return Optional.of(
        new CpuPressure(
            new BigDecimal(m.group(1)), new BigDecimal(m.group(2)), new BigDecimal(m.group(3))));
  }
}
