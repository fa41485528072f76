package dev.vakt.maintenance.runs;

import dev.vakt.ssh.SshCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The patch step over SSH: runs the configured patch commands ({@code vakt.maintenance.patch-
 * commands}, by default {@code apt-get update} and a non-interactive {@code apt-get dist-upgrade})
 * on the node through Vakt's SSH access path ({@link SshCommands}: the inventory's user and key,
 * the approved host key only, {@code sudo -n} where the inventory says so). The first command that
 * does not exit 0 fails the step with its last lines of output.
 */
final class SshPatcher implements NodePatcher {

  /** Output lines kept in a failure's detail. */
  static final int TAIL_LINES = 12;

  private final SshCommands ssh;
  private final Map<String, SshCommands.Target> targets;
  private final List<String> commands;

  /**
   * @param ssh the shared SSH client
   * @param targets each node's access path, by node name
   * @param commands run in order
   */
  SshPatcher(SshCommands ssh, Map<String, SshCommands.Target> targets, List<String> commands) {
    this.ssh = Objects.requireNonNull(ssh, "ssh");
    this.targets = Map.copyOf(targets);
    this.commands = List.copyOf(commands);
  }

  @Override
  public Result patch(String node, Duration timeout) throws InterruptedException {
    SshCommands.Target target = targets.get(node);
    if (target == null) {
      return new Result(false, "node " + node + " has no SSH access path in the inventory");
    }
    List<String> ran = new ArrayList<>();
    for (String command : commands) {
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
      SshCommands.Outcome outcome = ssh.run(target, command, timeout);
      switch (outcome) {
        case SshCommands.Outcome.Ran r when r.exitStatus() == 0 ->
            ran.add("'" + command + "' (" + r.took().toSeconds() + " s)");
        case SshCommands.Outcome.Ran r ->
        // Output of apt-get names packages and mirrors, never the SSH key or an API token.
        {
          return new Result(
              false,
              "'"
                  + command
                  + "' exited "
                  + r.exitStatus()
                  + " on "
                  + target.server()
                  + ": "
                  + tail(r.stderr().isBlank() ? r.stdout() : r.stderr()));
        }
        case SshCommands.Outcome.HostKeyNotApproved h -> {
          return new Result(
              false,
              "the SSH host key of "
                  + target.server()
                  + " is not approved yet (offered "
                  + h.offered()
                  + "): approve it first (ACC-1); nothing was run");
        }
        case SshCommands.Outcome.HostKeyChanged h -> {
          return new Result(
              false,
              "the SSH host key of "
                  + target.server()
                  + " changed (approved "
                  + h.approved()
                  + ", offered "
                  + h.offered()
                  + "): nothing was run");
        }
        case SshCommands.Outcome.Failed f -> {
          return new Result(false, f.kind() + ": " + f.reason());
        }
      }
    }
    return new Result(true, "ran " + String.join(", ", ran) + " on " + target.server());
  }

  static String tail(String output) {
    String[] lines = output.strip().split("\\R");
    int from = Math.max(0, lines.length - TAIL_LINES);
    String t = String.join(" | ", java.util.Arrays.asList(lines).subList(from, lines.length));
    return t.length() > 2000 ? "..." + t.substring(t.length() - 1997) : t;
  }
}
