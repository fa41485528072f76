package dev.vakt.proxmox;

import java.math.BigDecimal;
import tools.jackson.databind.JsonNode;

/**
 * A node's capacity and use from {@code GET /cluster/resources?type=node}: what an N-1 check weighs
 * the guests' configured CPU and memory against. Sizes are bytes.
 *
 * @param node node name
 * @param status "online", "offline" or "unknown"
 * @param maxcpu logical CPUs
 * @param maxmem memory in bytes
 * @param cpu CPU use as a fraction of {@code maxcpu}
 * @param mem memory in use, bytes
 * @param maxdisk root file system size, bytes
 * @param disk root file system used, bytes
 * @param uptimeSeconds {@code uptime}
 */
public record NodeResource(
    String node,
    String status,
    int maxcpu,
    long maxmem,
    BigDecimal cpu,
    long mem,
    long maxdisk,
    long disk,
    long uptimeSeconds) {

  public boolean online() {
    return "online".equals(status);
  }

  static NodeResource of(JsonNode n) {
    return new NodeResource(
        Json.asText(n.path("node")),
        Json.asText(n.path("status")),
        Json.asInt(n.path("maxcpu"), -1),
        Json.asLong(n.path("maxmem"), -1),
        Json.asDecimal(n.path("cpu")),
        Json.asLong(n.path("mem"), -1),
        Json.asLong(n.path("maxdisk"), -1),
        Json.asLong(n.path("disk"), -1),
        Json.asLong(n.path("uptime"), -1));
  }
}
