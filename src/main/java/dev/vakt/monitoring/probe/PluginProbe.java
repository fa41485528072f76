package dev.vakt.monitoring.probe;

import dev.vakt.monitoring.CheckResult;
import dev.vakt.monitoring.CheckSpec;
import dev.vakt.monitoring.CheckState;
import dev.vakt.monitoring.Probe;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Runs any Nagios/Monitoring-Plugins compatible executable (MON-4), so the thousands of existing
 * plugins work unchanged: exit code 0/1/2/3 is OK/WARNING/CRITICAL/UNKNOWN (any other code
 * UNKNOWN), the first line of standard output is the reason, and performance data after {@code |}
 * (on the first line and in the long output) become metrics.
 *
 * <p>Only plugins from the directories the operator configured on the server run (F1): a check
 * names a plugin by file name, and a name whose real path (after symbolic links) leaves those
 * directories, or a plugin that others than its owner may rewrite, is refused. The plugin runs
 * without a shell (arguments reach it as given, nothing is expanded), in a clean environment, in
 * {@code /}, and, when Vakt runs as root, as an unprivileged account ({@link PluginAccount}).
 * Arguments may carry secrets and are never put in a reason.
 */
public final class PluginProbe implements Probe<CheckSpec.Plugin> {

  private static final Path ROOT = Path.of("/");

  private final List<Path> directories;
  private final PluginAccount account;

  /**
   * @param directories the only directories plugins are taken from
   * @param account who plugins run as
   */
  public PluginProbe(List<Path> directories, PluginAccount account) {
    this.directories = List.copyOf(directories);
    this.account = Objects.requireNonNull(account, "account");
  }

  @Override
  public CheckResult check(CheckSpec.Plugin spec) {
    Elapsed elapsed = Elapsed.start(spec.timeout());
    try {
      return run(spec, elapsed);
    } catch (RuntimeException e) {
      // A probe bug or an odd path must not read as an outage of the checked service.
      return CheckResult.unknown("probe error: " + Elapsed.oneLine(e), elapsed.elapsed());
    }
  }

  private CheckResult run(CheckSpec.Plugin spec, Elapsed elapsed) {
    if (account.refusal() != null) {
      return CheckResult.unknown(account.refusal(), elapsed.elapsed());
    }
    PluginLocation.Found found;
    switch (PluginLocation.find(directories, spec.command())) {
      case PluginLocation.Found f -> found = f;
      case PluginLocation.Refused r -> {
        return CheckResult.unknown(r.reason(), elapsed.elapsed());
      }
    }
    List<String> command = new ArrayList<>(account.prefix());
    command.add(found.path().toString());
    command.addAll(spec.arguments());
    PluginProbeProcess.Outcome outcome;
    try {
      outcome = PluginProbeProcess.run(command, ROOT, elapsed);
    } catch (IOException e) {
      return CheckResult.unknown("cannot run plugin: " + Elapsed.oneLine(e), elapsed.elapsed());
    }
    if (outcome.timedOut()) {
      // CRITICAL, not UNKNOWN: the spec promises it ("timed out after ..."), every other probe
      // does the same, and it is Nagios' default (service_check_timeout_state=c). A check that
      // hangs usually means the service hangs; UNKNOWN would hide that outage from the SLA.
      return elapsed.timedOut();
    }
    return verdict(outcome, elapsed);
  }

  private static CheckResult verdict(PluginProbeProcess.Outcome outcome, Elapsed elapsed) {
    Output output = Output.of(outcome.stdout());
    int code = outcome.exitCode();
    CheckState state = CheckState.ofExitCode(code);
    String reason = output.text();
    if (code < 0 || code > 3) {
      // Outside the plugin API: usually the plugin itself failed (126 not executable, 127 a
      // missing interpreter); its standard error says why.
      String why = reason.isBlank() ? Elapsed.firstLine(outcome.stderr(), 200) : reason;
      reason = "plugin exited with code " + code + (why.isBlank() ? "" : ": " + why);
    } else if (reason.isBlank()) {
      String err = Elapsed.firstLine(outcome.stderr(), 200);
      reason = "plugin gave no output (exit code " + code + ")" + (err.isBlank() ? "" : ": " + err);
    }
    var metrics = new TreeMap<String, BigDecimal>(output.perfData().metrics());
    if (output.perfData().invalid() > 0) {
      metrics.put("perfdata_invalid", BigDecimal.valueOf(output.perfData().invalid()));
    }
    return new CheckResult(state, reason, elapsed.elapsed(), metrics);
  }

  /**
   * A plugin's standard output, per the guidelines: {@code TEXT | PERFDATA} on the first line, then
   * optional long text lines; from the first {@code |} in those, performance data to the end.
   *
   * @param text the status text of the first line (the reason), single line
   * @param longText the long output lines, without their performance data
   * @param perfData the performance data of the first line and of the long output
   */
  record Output(String text, String longText, PerfData.Parsed perfData) {

    static Output of(String stdout) {
      String normalised = stdout.replace("\r\n", "\n");
      int newline = normalised.indexOf('\n');
      String first = newline < 0 ? normalised : normalised.substring(0, newline);
      String rest = newline < 0 ? "" : normalised.substring(newline + 1);
      String perf = "";
      int bar = first.indexOf('|');
      if (bar >= 0) {
        perf = first.substring(bar + 1);
        first = first.substring(0, bar);
      }
      int restBar = rest.indexOf('|');
      if (restBar >= 0) {
        perf = perf + " " + rest.substring(restBar + 1);
        rest = rest.substring(0, restBar);
      }
      return new Output(Elapsed.firstLine(first, 500), rest.strip(), PerfData.parse(perf));
    }
  }
}
