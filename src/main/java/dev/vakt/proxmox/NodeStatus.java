package dev.vakt.proxmox;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /nodes/{node}/status}. Sizes are bytes, as the API gives them.
 *
 * @param memory {@code memory}: {@code used} is total minus free, where Proxmox VE counts free as
 *     MemFree + Buffers + Cached (newer releases: MemAvailable); {@code available} where the
 *     release reports it
 * @param swap {@code swap}
 * @param loadavg {@code loadavg}: 1, 5 and 15 minutes (the API sends them as strings)
 * @param cpu {@code cpu}: CPU utilisation as a fraction from 0 to 1
 * @param iowait {@code wait}: I/O wait as a fraction from 0 to 1
 * @param cpuinfo {@code cpuinfo}
 * @param pveversion e.g. "pve-manager/8.2.4/faa83925c9641325"
 * @param kversion e.g. "Linux 6.8.8-2-pve #1 SMP PREEMPT_DYNAMIC PMX 6.8.8-2 (2024-06-24T09:00Z)"
 * @param rootfs {@code rootfs}: the root file system
 * @param uptimeSeconds {@code uptime}
 */
public record NodeStatus(
    Memory memory,
    Memory swap,
    List<BigDecimal> loadavg,
    BigDecimal cpu,
    BigDecimal iowait,
    CpuInfo cpuinfo,
    String pveversion,
    String kversion,
    RootFs rootfs,
    long uptimeSeconds) {

  public NodeStatus {
    loadavg = List.copyOf(loadavg);
  }

  /**
   * Memory or swap in bytes.
   *
   * @param total total
   * @param used used
   * @param free free
   * @param available {@code available} where the API reports it, else -1
   */
  public record Memory(long total, long used, long free, long available) {}

  /**
   * {@code cpuinfo}.
   *
   * @param cpus logical CPUs (threads), what {@code nproc} counts
   * @param cores cores per socket
   * @param sockets sockets
   * @param model CPU model name
   */
  public record CpuInfo(int cpus, int cores, int sockets, String model) {}

  /**
   * {@code rootfs} in bytes, from {@code df /}.
   *
   * @param total size
   * @param used used
   * @param avail available to unprivileged users
   */
  public record RootFs(long total, long used, long avail) {}

  static NodeStatus of(JsonNode d) {
    List<BigDecimal> load = new ArrayList<>();
    d.path("loadavg")
        .forEach(
            n -> {
              BigDecimal v = Json.asDecimal(n);
              if (v != null) {
                load.add(v);
              }
            });
    JsonNode ci = d.path("cpuinfo");
    JsonNode root = d.path("rootfs");
    return new NodeStatus(
        memory(d.path("memory")),
        memory(d.path("swap")),
        load,
        Json.asDecimal(d.path("cpu")),
        Json.asDecimal(d.path("wait")),
        new CpuInfo(
            Json.asInt(ci.path("cpus"), -1),
            Json.asInt(ci.path("cores"), -1),
            Json.asInt(ci.path("sockets"), -1),
            Json.asText(ci.path("model"))),
        Json.asText(d.path("pveversion")),
        Json.asText(d.path("kversion")),
        new RootFs(
            Json.asLong(root.path("total"), -1),
            Json.asLong(root.path("used"), -1),
            Json.asLong(root.path("avail"), -1)),
        Json.asLong(d.path("uptime"), -1));
  }

  private static Memory memory(JsonNode m) {
    return new Memory(
        Json.asLong(m.path("total"), -1),
        Json.asLong(m.path("used"), -1),
        Json.asLong(m.path("free"), -1),
        Json.asLong(m.path("available"), -1));
  }
}
