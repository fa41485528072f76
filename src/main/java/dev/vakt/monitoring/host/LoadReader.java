package dev.vakt.monitoring.host;

import dev.vakt.contract.MonitoringTerms.HostCheck;
import dev.vakt.monitoring.CheckResult;
import dev.vakt.monitoring.CheckState;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load average per core (MON-3): {@code /proc/loadavg} and {@code nproc}. The 5-minute average
 * divided by the online cores is judged against the contract's {@code loadPerCoreWarning} and
 * {@code loadPerCoreCritical}, reached at "greater or equal". The 5-minute average is the one
 * judged because the 1-minute one spikes on every backup or package build and would page people for
 * nothing, while the 15-minute one reacts too late.
 *
 * <p>Metrics: {@code load1}, {@code load5}, {@code load15}, {@code cores}, {@code load_per_core}.
 */
public final class LoadReader implements HostReader {

  static final String LOADAVG = "cat /proc/loadavg";
  static final String NPROC = "nproc";

  // "0.52 0.58 0.59 1/467 12345": three averages, runnable/total tasks, last PID.
  private static final Pattern LOADAVG_LINE =
      Pattern.compile("^\\s*(\\d+\\.\\d+)\\s+(\\d+\\.\\d+)\\s+(\\d+\\.\\d+)(?:\\s+(\\d+)/(\\d+))?");

  /** Parsed {@code /proc/loadavg}, or the Proxmox VE API's {@code loadavg}. */
  public record LoadAverage(BigDecimal load1, BigDecimal load5, BigDecimal load15) {}

  @Override
  public HostCheck check() {
    return HostCheck.LOAD;
  }

  @Override
  public List<String> commands() {
    return List.of(LOADAVG, NPROC);
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
    CommandOutput loadOut = outputs.get(0);
    CommandOutput coresOut = outputs.get(1);
    Optional<String> notRun =
        SystemFindings.notRun(LOADAVG, loadOut).or(() -> SystemFindings.notRun(NPROC, coresOut));
    if (notRun.isPresent()) {
      return SystemFindings.unknown(notRun.get());
    }
    Optional<LoadAverage> load = parseLoad(loadOut.stdout());
    if (loadOut.exitStatus() != 0 || load.isEmpty()) {
      return SystemFindings.unknown(
          "cannot read /proc/loadavg: '"
              + SystemFindings.firstLine(loadOut.stdout() + "\n" + loadOut.stderr())
              + "'");
    }
    Optional<Integer> cores = parseCores(coresOut.stdout());
    if (coresOut.exitStatus() != 0 || cores.isEmpty()) {
      return SystemFindings.unknown(
          "cannot read the number of cores from nproc: '"
              + SystemFindings.firstLine(coresOut.stdout() + "\n" + coresOut.stderr())
              + "'");
    }
    return verdict(load.get(), cores.get(), context);
  }

  /**
   * The verdict on a load average over {@code cores} online CPUs, however they were read (SSH or
   * the Proxmox VE API's node status), so both paths judge alike.
   */
  public static CheckResult verdict(LoadAverage load, int cores, HostContext context) {
    BigDecimal perCore = load.load5().divide(BigDecimal.valueOf(cores), MathContext.DECIMAL64);
    CheckState state = CheckState.OK;
    String level = "";
    if (perCore.compareTo(context.loadPerCoreCritical()) >= 0) {
      state = CheckState.CRITICAL;
      level = " (critical at " + context.loadPerCoreCritical().toPlainString() + ")";
    } else if (perCore.compareTo(context.loadPerCoreWarning()) >= 0) {
      state = CheckState.WARNING;
      level = " (warning at " + context.loadPerCoreWarning().toPlainString() + ")";
    }
    String reason =
        "load per core "
            + SystemFindings.plain(perCore)
            + level
            + ": 5-min load "
            + load.load5().toPlainString()
            + " on "
            + cores
            + (cores == 1 ? " core" : " cores")
            + " (1/5/15 min "
            + load.load1().toPlainString()
            + "/"
            + load.load5().toPlainString()
            + "/"
            + load.load15().toPlainString()
            + ")";
    return new SystemFindings()
        .add(state, reason)
        .metric("load1", load.load1())
        .metric("load5", load.load5())
        .metric("load15", load.load15())
        .metric("cores", cores)
        .metric("load_per_core", perCore.setScale(3, java.math.RoundingMode.HALF_UP))
        .result();
  }

  static Optional<LoadAverage> parseLoad(String text) {
    Matcher m = LOADAVG_LINE.matcher(text);
    if (!m.find()) {
      return Optional.empty();
    }
    return Optional.of(
        new LoadAverage(
            new BigDecimal(m.group(1)), new BigDecimal(m.group(2)), new BigDecimal(m.group(3))));
  }

  static Optional<Integer> parseCores(String text) {
    String t = text.strip();
    if (!t.matches("\\d{1,5}")) {
      return Optional.empty();
    }
    int cores = Integer.parseInt(t);
    return cores > 0 ? Optional.of(cores) : Optional.empty();
  }
}
