package dev.vakt.alerting;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;

/**
 * The Vakt process that claims notifications: its node name, process id and the process's start
 * (epoch milliseconds). Stored with each claim, so that a restarted Vakt on the same node knows its
 * predecessor has ended (the process is gone, or the id now belongs to a later process) and takes
 * the predecessor's sends over at once instead of waiting out their lease.
 *
 * @param node the node name: unique among the instances running at one time
 * @param pid the process id
 * @param processStart when the process started, epoch milliseconds
 */
record SenderInstance(String node, long pid, long processStart) {

  /** This process on {@code node}. */
  static SenderInstance current(String node) {
    ProcessHandle self = ProcessHandle.current();
    long start =
        self.info()
            .startInstant()
            .map(java.time.Instant::toEpochMilli)
            .orElseGet(() -> ManagementFactory.getRuntimeMXBean().getStartTime());
    return new SenderInstance(node, self.pid(), start);
  }

  /**
   * The default node name: host name and data directory. A Vakt restarted on the same host with the
   * same data is the same node; two installations on one host are not.
   */
  static String defaultNode(Path dataDir) {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "localhost";
    }
    return host + ":" + dataDir.toAbsolutePath().normalize();
  }

  /**
   * Whether the process {@code pid} that started at {@code processStart} still runs on this host. A
   * process id reused by a later process does not count (its start differs).
   */
  static boolean alive(long pid, long processStart) {
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .map(
            h ->
                h.info()
                    .startInstant()
                    // The start is read from /proc in clock ticks: allow for rounding. A start
                    // that cannot be read counts as the same process (wait for the lease).
                    .map(s -> Math.abs(s.toEpochMilli() - processStart) < 1000)
                    .orElse(true))
        .orElse(false);
  }
}
