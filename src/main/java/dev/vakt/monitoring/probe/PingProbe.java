package dev.vakt.monitoring.probe;

import dev.vakt.common.Percent;
import dev.vakt.monitoring.CheckResult;
import dev.vakt.monitoring.CheckSpec;
import dev.vakt.monitoring.CheckState;
import dev.vakt.monitoring.Probe;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ICMP echo through the system's {@code ping} (iputils), which holds {@code cap_net_raw} and so
 * sends real ICMP for any user (MON-1). There is deliberately no fallback: {@code
 * InetAddress.isReachable} without privileges does a TCP connect to port 7 and counts a refused
 * connection as reachable, which would report a dead host's firewall as "up". Without {@code ping}
 * the verdict is UNKNOWN "ping not installed".
 *
 * <p>Metrics: {@code loss_pct}, and with replies {@code rtt_min_ms}, {@code rtt_avg_ms}, {@code
 * rtt_max_ms}. Like check_ping, a threshold is reached at "greater or equal" and the round trip
 * judged is the average.
 */
public final class PingProbe implements Probe<CheckSpec.Ping> {

  /** Where Debian's iputils-ping installs {@code ping}. */
  public static final Path SYSTEM_PING = Path.of("/usr/bin/ping");

  /** The usual gap between echo requests: a 5-packet check takes about a second. */
  static final Duration INTERVAL = Duration.ofMillis(200);

  /** The shortest gap iputils allows a user without privileges. */
  static final Duration MIN_INTERVAL = Duration.ofMillis(2);

  /** Time kept back from the timeout so ping ends on its own and prints its summary. */
  private static final Duration SLACK = Duration.ofMillis(150);

  private static final Pattern SENT =
      Pattern.compile("(\\d+) packets transmitted, (\\d+) (?:packets )?received");
  private static final Pattern LOSS = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)% packet loss");
  private static final Pattern RTT =
      Pattern.compile(
          "(?:rtt|round-trip) min/avg/max(?:/(?:mdev|stddev))? = "
              + "([0-9.]+)/([0-9.]+)/([0-9.]+)(?:/[0-9.]+)? ms");
  private static final Pattern NAME_ERROR =
      Pattern.compile(
          "Name or service not known|unknown host|Temporary failure in name resolution"
              + "|No address associated with hostname|Unknown host",
          Pattern.CASE_INSENSITIVE);

  private final Path ping;

  /** Uses {@link #SYSTEM_PING}. */
  public PingProbe() {
    this(SYSTEM_PING);
  }

  /**
   * @param ping the iputils {@code ping} executable
   */
  public PingProbe(Path ping) {
    this.ping = Objects.requireNonNull(ping, "ping");
  }

  @Override
  public CheckResult check(CheckSpec.Ping spec) {
    Elapsed elapsed = Elapsed.start(spec.timeout());
    try {
      return ping(spec, elapsed);
    } catch (RuntimeException e) {
      // A probe bug must not read as the host being down.
      return CheckResult.unknown("probe error: " + Elapsed.oneLine(e), elapsed.elapsed());
    }
  }

  private CheckResult ping(CheckSpec.Ping spec, Elapsed elapsed) {
    if (!Files.exists(ping)) {
      return CheckResult.unknown("ping not installed (no " + ping + ")", elapsed.elapsed());
    }
    if (!Files.isExecutable(ping)) {
      return CheckResult.unknown("ping not executable (" + ping + ")", elapsed.elapsed());
    }
    if (spec.host().startsWith("-") || spec.host().chars().anyMatch(Character::isWhitespace)) {
      // A host such as "-f" would be read by ping as an option.
      return CheckResult.unknown("invalid host '" + spec.host() + "'", elapsed.elapsed());
    }
    PluginProbeProcess.Outcome outcome;
    try {
      outcome = PluginProbeProcess.run(command(spec), Path.of("/"), elapsed);
    } catch (IOException e) {
      return CheckResult.unknown("cannot run ping: " + Elapsed.oneLine(e), elapsed.elapsed());
    }
    if (outcome.timedOut()) {
      return elapsed.timedOut();
    }
    return verdict(spec, parse(outcome.stdout() + "\n" + outcome.stderr()), elapsed.elapsed());
  }

  /**
   * The ping command line. {@code -w} (whole seconds) makes ping stop by itself before the timeout,
   * with its summary, even when replies are lost; {@code -W} bounds the wait for the last reply
   * when the timeout is too short for {@code -w}. {@code -n}: no reverse lookups. Packets go 200 ms
   * apart, closer when that would not fit half the timeout (iputils lets any user go down to 2 ms),
   * so a short timeout with many packets still ends with a verdict rather than being killed.
   */
  List<String> command(CheckSpec.Ping spec) {
    Duration budget = spec.timeout().minus(SLACK);
    Duration interval = INTERVAL;
    if (spec.packets() > 1) {
      Duration fits = Duration.ofMillis(budget.toMillis() / (2L * (spec.packets() - 1)));
      interval = fits.compareTo(INTERVAL) < 0 ? fits : INTERVAL;
      interval = interval.compareTo(MIN_INTERVAL) < 0 ? MIN_INTERVAL : interval;
    }
    Duration wait = budget.minus(interval.multipliedBy(spec.packets() - 1L));
    if (wait.compareTo(Duration.ofMillis(100)) < 0) {
      wait = Duration.ofMillis(100);
    }
    List<String> command = new ArrayList<>();
    command.add(ping.toString());
    if (spec.host().contains(":")) {
      command.add("-6"); // an IPv6 literal; iputils' one binary serves both families
    }
    command.addAll(
        List.of(
            "-n",
            "-c",
            String.valueOf(spec.packets()),
            "-i",
            seconds(interval),
            "-W",
            seconds(wait)));
    long deadlineSeconds = budget.toSeconds();
    if (deadlineSeconds >= 1) {
      command.addAll(List.of("-w", String.valueOf(deadlineSeconds)));
    }
    command.add(spec.host());
    return command;
  }

  /** Whole milliseconds as seconds for ping's options: "0.2", "4.05". */
  private static String seconds(Duration duration) {
    return BigDecimal.valueOf(duration.toMillis())
        .movePointLeft(3)
        .stripTrailingZeros()
        .toPlainString();
  }

  /**
   * What ping reported.
   *
   * @param transmitted echo requests sent, or -1 when the output has no summary
   * @param received echo replies received
   * @param lossPct packet loss in percent (as ping computed it)
   * @param rttMin round trip minimum in ms, null without replies
   * @param rttAvg round trip average in ms, null without replies
   * @param rttMax round trip maximum in ms, null without replies
   * @param error ping's own error message ("ping: ..." line), or null
   * @param unreachable the first "Destination ... Unreachable" line, or null
   */
  record Stats(
      int transmitted,
      int received,
      BigDecimal lossPct,
      BigDecimal rttMin,
      BigDecimal rttAvg,
      BigDecimal rttMax,
      String error,
      String unreachable) {

    boolean hasSummary() {
      return transmitted >= 0;
    }
  }

  /**
   * Reads iputils' (and BusyBox's) output: summary, round trips, error messages. A pure function.
   */
  static Stats parse(String output) {
    int transmitted = -1;
    int received = 0;
    BigDecimal loss = null;
    BigDecimal min = null;
    BigDecimal avg = null;
    BigDecimal max = null;
    String error = null;
    String unreachable = null;
    for (String line : output.split("\\R")) {
      Matcher sent = SENT.matcher(line);
      if (sent.find()) {
        transmitted = Integer.parseInt(sent.group(1));
        received = Integer.parseInt(sent.group(2));
        Matcher lossMatch = LOSS.matcher(line);
        loss = lossMatch.find() ? new BigDecimal(lossMatch.group(1)) : null;
      }
      Matcher rtt = RTT.matcher(line);
      if (rtt.find()) {
        min = new BigDecimal(rtt.group(1));
        avg = new BigDecimal(rtt.group(2));
        max = new BigDecimal(rtt.group(3));
      }
      if (error == null && line.startsWith("ping: ")) {
        error = line.substring("ping: ".length()).strip();
      }
      if (unreachable == null && line.contains("Unreachable")) {
        unreachable = line.strip();
      }
    }
    if (transmitted > 0 && loss == null) {
      loss = BigDecimal.valueOf(100L * (transmitted - received) / transmitted);
    }
    return new Stats(transmitted, received, loss, min, avg, max, error, unreachable);
  }

  /** The verdict on what ping reported, against the spec's thresholds. A pure function. */
  static CheckResult verdict(CheckSpec.Ping spec, Stats stats, Duration latency) {
    if (!stats.hasSummary()) {
      if (stats.error() != null && NAME_ERROR.matcher(stats.error()).find()) {
        return CheckResult.critical(
            "host not found: " + Elapsed.firstLine(stats.error(), 160), latency);
      }
      if (stats.error() != null) {
        return CheckResult.critical(
            "ping failed: " + Elapsed.firstLine(stats.error(), 160), latency);
      }
      return CheckResult.unknown("cannot read the output of ping", latency);
    }
    var metrics = new TreeMap<String, BigDecimal>();
    metrics.put("loss_pct", stats.lossPct());
    if (stats.received() == 0 || stats.rttAvg() == null) {
      String reason = "100% packet loss (" + stats.transmitted() + " sent, no reply)";
      if (stats.unreachable() != null) {
        reason += ": " + Elapsed.firstLine(stats.unreachable(), 120);
      }
      return new CheckResult(CheckState.CRITICAL, reason, latency, metrics);
    }
    metrics.put("rtt_min_ms", stats.rttMin());
    metrics.put("rtt_avg_ms", stats.rttAvg());
    metrics.put("rtt_max_ms", stats.rttMax());
    CheckState state = CheckState.OK;
    List<String> notes = new ArrayList<>();
    if (reached(stats.lossPct(), spec.criticalLoss())) {
      state = CheckState.CRITICAL;
      notes.add("loss critical at " + spec.criticalLoss());
    } else if (reached(stats.lossPct(), spec.warnLoss())) {
      state = CheckState.WARNING;
      notes.add("loss warning at " + spec.warnLoss());
    }
    if (reached(stats.rttAvg(), spec.criticalRtt())) {
      state = CheckState.CRITICAL;
      notes.add("rtt critical at " + Elapsed.human(spec.criticalRtt()));
    } else if (reached(stats.rttAvg(), spec.warnRtt())) {
      state = state.worst(CheckState.WARNING);
      notes.add("rtt warning at " + Elapsed.human(spec.warnRtt()));
    }
    String reason =
        stats.lossPct().stripTrailingZeros().toPlainString()
            + "% packet loss, rtt avg "
            + stats.rttAvg().toPlainString()
            + " ms ("
            + stats.received()
            + "/"
            + stats.transmitted()
            + " replies)"
            + (notes.isEmpty() ? "" : ": " + String.join(", ", notes));
    return new CheckResult(state, reason, latency, metrics);
  }

  private static boolean reached(BigDecimal lossPct, Percent threshold) {
    return threshold != null && lossPct.compareTo(threshold.value()) >= 0;
  }

  private static boolean reached(BigDecimal rttMs, Duration threshold) {
    return threshold != null && rttMs.compareTo(Elapsed.millis(threshold)) >= 0;
  }
}
