package dev.vakt.maintenance.runs;

import java.time.Duration;

/**
 * Installs a node's pending updates: the patch step of a rolling maintenance. The Proxmox VE API
 * has no endpoint that runs {@code apt-get dist-upgrade} ({@code POST /nodes/{node}/apt/update}
 * only refreshes the package lists), so patching is pluggable: {@link SshPatcher} runs the patch
 * commands over Vakt's SSH access path; {@link #SKIP} leaves patching to other means.
 */
@FunctionalInterface
public interface NodePatcher {

  /** Records the step as skipped. */
  NodePatcher SKIP =
      (node, timeout) -> new Result(true, "skipped (vakt.maintenance.patch-mode=skip)");

  /**
   * Patches {@code node}; each command within {@code timeout}.
   *
   * @throws InterruptedException when Vakt stops meanwhile
   */
  Result patch(String node, Duration timeout) throws InterruptedException;

  /**
   * @param ok whether every update was installed
   * @param detail what ran, or why it failed (the command's last lines of output)
   */
  record Result(boolean ok, String detail) {}
}
