package dev.vakt.monitoring.host;

import dev.vakt.contract.MonitoringTerms.HostCheck;
import dev.vakt.monitoring.CheckResult;
import java.util.List;

/**
 * One host-level check done without an agent: the read-only commands to run on the server (over
 * SSH, as root or through {@code sudo -n}) and a pure function from what they printed to a verdict.
 *
 * <p>Readers never throw on odd output: a format they do not recognise is UNKNOWN with the reason,
 * never OK, because a parser that silently reads nothing would report a failing disk as healthy.
 */
public interface HostReader {

  /** The contract's host check this reader carries out. */
  HostCheck check();

  /**
   * The commands to run, in order, each a shell command line. Commands must only read: they run on
   * customers' production servers.
   */
  List<String> commands();

  /**
   * The verdict on what the commands printed.
   *
   * @param outputs one per command, in the order of {@link #commands()}
   * @param context thresholds and the day judged on
   */
  CheckResult read(List<CommandOutput> outputs, HostContext context);
}
