package dev.vakt.monitoring.remote;

import dev.vakt.monitoring.CheckResult;
import dev.vakt.monitoring.CheckSpec;
import dev.vakt.monitoring.CheckState;
import dev.vakt.monitoring.host.CommandOutput;
import dev.vakt.monitoring.host.HostContext;
import dev.vakt.monitoring.host.HostReader;
import dev.vakt.monitoring.host.HostReaders;
import dev.vakt.ssh.HostKeyOffers;
import dev.vakt.ssh.SshCommands;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The checks done over SSH: host health through a {@link HostReader} (MON-2, MON-3, MON-5, MON-6,
 * MON-12) and the provider's access path (ACC-1). Host-key verdicts are the same for both: an
 * unapproved key is UNKNOWN (nothing is known until someone approves it), a changed key CRITICAL.
 */
public final class RemoteProbes implements AutoCloseable {

  /**
   * How long a command's output is reused for another check of the same host: the four Ceph checks
   * read one {@code ceph status}, and running it four times a minute would be wasteful.
   */
  static final Duration REUSE = Duration.ofSeconds(20);

  private record Key(SshCommands.Target target, String command) {}

  /** A command's output, which check ran it, and when. */
  private record Output(CommandOutput output, Object check, long atNanos) {}

  private final SshCommands ssh;
  private final HostKeyOffers offers;
  private final Clock clock;
  private final Map<Key, Output> recent = new java.util.concurrent.ConcurrentHashMap<>();

  public RemoteProbes(SshCommands ssh, HostKeyOffers offers, Clock clock) {
    this.ssh = ssh;
    this.offers = offers;
    this.clock = clock;
  }

  /** Runs the reader's commands and judges their output. */
  public CheckResult host(CheckSpec.Host spec) {
    return host(spec, null);
  }

  /**
   * Runs the reader's commands over a session to {@code approved}, the address the guard approved
   * for the host (F19), or to the host's own lookup when null.
   */
  public CheckResult host(CheckSpec.Host spec, InetAddress approved) {
    long start = System.nanoTime();
    Optional<HostReader> reader = HostReaders.of(spec.check(), spec.proxmox());
    if (reader.isEmpty()) {
      return CheckResult.unknown(
          "Vakt cannot check " + spec.check().code() + " over SSH yet", Duration.ZERO);
    }
    Outputs ran =
        run(spec.ssh(), spec.check(), reader.get().commands(), spec.timeout(), start, approved);
    if (ran.stopped() != null) {
      return ran.stopped();
    }
    LocalDate today = LocalDate.now(clock.withZone(spec.zone()));
    CheckResult r = reader.get().read(ran.outputs(), HostContext.of(spec.thresholds(), today));
    return new CheckResult(r.state(), r.reason(), elapsed(start), r.metrics());
  }

  /**
   * What a run of commands gave: every command's output, or the verdict that stopped the run (host
   * key not approved or changed, login refused, unreachable, timed out, output too long).
   *
   * @param outputs one per command, in order; empty when stopped
   * @param stopped why not every command ran, or null
   */
  public record Outputs(List<CommandOutput> outputs, CheckResult stopped) {}

  /**
   * Runs read-only {@code commands} on {@code target} for a reader outside the checks (the
   * maintenance module's package scan), with the same host-key pinning, reuse of another reader's
   * fresh output and limits as a host check.
   *
   * @param reader who reads the output: a run never reuses output it produced itself
   */
  public Outputs run(
      SshCommands.Target target, Object reader, List<String> commands, Duration timeout) {
    return run(target, reader, commands, timeout, null);
  }

  /** As {@link #run(SshCommands.Target, Object, List, Duration)}, connected to {@code approved}. */
  public Outputs run(
      SshCommands.Target target,
      Object reader,
      List<String> commands,
      Duration timeout,
      InetAddress approved) {
    return run(target, reader, commands, timeout, System.nanoTime(), approved);
  }

  private Outputs run(
      SshCommands.Target target,
      Object reader,
      List<String> commands,
      Duration timeout,
      long start,
      InetAddress approved) {
    List<CommandOutput> outputs = new ArrayList<>();
    for (String command : commands) {
      Output reused = recent.get(new Key(target, command));
      // Only another check's fresh output: a check never reads its own previous run again.
      if (reused != null
          && reused.check() != reader
          && System.nanoTime() - reused.atNanos() < REUSE.toNanos()) {
        outputs.add(reused.output());
        continue;
      }
      Duration left = timeout.minus(elapsed(start));
      if (left.isNegative() || left.isZero()) {
        return stopped(
            CheckResult.critical(
                name(reader) + ": timed out after " + timeout.toMillis() + " ms", elapsed(start)));
      }
      SshCommands.Outcome outcome = ssh.run(target, command, left, approved);
      CheckResult stop = verdictOnTransport(target, outcome, start);
      if (stop != null) {
        return stopped(stop);
      }
      SshCommands.Outcome.Ran ran = (SshCommands.Outcome.Ran) outcome;
      if (ran.truncated()) {
        return stopped(
            CheckResult.unknown(
                "'"
                    + command
                    + "' printed more than "
                    + SshCommands.MAX_OUTPUT / 1024 / 1024
                    + " MiB",
                elapsed(start)));
      }
      CommandOutput out = new CommandOutput(ran.exitStatus(), ran.stdout(), ran.stderr());
      recent.put(new Key(target, command), new Output(out, reader, System.nanoTime()));
      outputs.add(out);
    }
    if (recent.size() > 10_000) {
      long now = System.nanoTime();
      recent.values().removeIf(o -> now - o.atNanos() >= REUSE.toNanos());
    }
    return new Outputs(List.copyOf(outputs), null);
  }

  private static String name(Object reader) {
    return reader instanceof dev.vakt.contract.MonitoringTerms.HostCheck c
        ? c.code()
        : String.valueOf(reader);
  }

  private static Outputs stopped(CheckResult why) {
    return new Outputs(List.of(), why);
  }

  /** Logs in and runs {@code true}, through sudo where configured (ACC-1, ACC-2). */
  public CheckResult access(CheckSpec.Access spec) {
    return access(spec, null);
  }

  /** As {@link #access(CheckSpec.Access)}, connected to the approved address (F19). */
  public CheckResult access(CheckSpec.Access spec, InetAddress approved) {
    long start = System.nanoTime();
    SshCommands.Target t = spec.ssh();
    SshCommands.Outcome outcome = ssh.run(t, "true", spec.timeout(), approved);
    return switch (outcome) {
      case SshCommands.Outcome.Ran r when r.exitStatus() == 0 -> {
        offers.matched(t.server());
        yield CheckResult.ok(
            "logged in as " + t.user() + (t.sudo() ? ", sudo works" : ""),
            elapsed(start),
            Map.of());
      }
      case SshCommands.Outcome.Ran r ->
          CheckResult.critical(
              "access lost: logged in as "
                  + t.user()
                  + ", but "
                  + (t.sudo() ? "sudo -n" : "a command")
                  + " was refused (exit "
                  + r.exitStatus()
                  + firstLine(r.stderr())
                  + ")",
              elapsed(start));
      case SshCommands.Outcome.Failed f when f.kind() == SshCommands.Failure.LOGIN_REFUSED ->
          CheckResult.critical("access lost: " + f.reason(), elapsed(start));
      case SshCommands.Outcome.Failed f when f.kind() == SshCommands.Failure.UNREACHABLE ->
          CheckResult.unknown(
              "server not reachable, access cannot be verified: " + f.reason(), elapsed(start));
      default -> verdictOnTransport(t, outcome, start);
    };
  }

  /** The verdict when a command did not run, or null when it did. */
  private CheckResult verdictOnTransport(
      SshCommands.Target t, SshCommands.Outcome outcome, long start) {
    return switch (outcome) {
      case SshCommands.Outcome.Ran r -> {
        offers.matched(t.server());
        yield null;
      }
      case SshCommands.Outcome.HostKeyNotApproved n -> {
        offers.offered(t.server(), null, n.offered());
        yield new CheckResult(
            CheckState.UNKNOWN,
            "host key " + n.offered() + " of " + t.server() + " awaits approval; nothing was run",
            elapsed(start),
            Map.of());
      }
      case SshCommands.Outcome.HostKeyChanged c -> {
        offers.offered(t.server(), c.approved(), c.offered());
        yield CheckResult.critical(
            "HOST KEY CHANGED on "
                + t.server()
                + ": approved "
                + c.approved()
                + ", offered "
                + c.offered()
                + "; nothing was run",
            elapsed(start));
      }
      case SshCommands.Outcome.Failed f -> CheckResult.unknown(f.reason(), elapsed(start));
    };
  }

  private static String firstLine(String text) {
    String s = text == null ? "" : text.strip();
    int nl = s.indexOf('\n');
    s = nl < 0 ? s : s.substring(0, nl);
    return s.isEmpty() ? "" : ": " + s;
  }

  private static Duration elapsed(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }

  @Override
  public void close() {
    ssh.close();
  }
}
