package dev.vakt.proxmox;

import java.math.BigDecimal;
import tools.jackson.databind.JsonNode;

/**
 * A virtual machine or container from {@code GET /cluster/resources?type=vm}: what it is configured
 * with and what it uses now. Sizes are bytes.
 *
 * @param id e.g. "qemu/100" or "lxc/201"
 * @param type "qemu" or "lxc"
 * @param vmid the guest id
 * @param name its name, null if none
 * @param node the node it is on
 * @param status "running", "stopped" or "paused"
 * @param maxcpu configured vCPUs ({@code maxcpu}; for a VM sockets × cores, or {@code vcpus})
 * @param maxmem configured memory in bytes ({@code maxmem})
 * @param maxdisk configured root/first disk size in bytes ({@code maxdisk})
 * @param cpu CPU use now as a fraction of {@code maxcpu}
 * @param mem memory in use now, bytes
 * @param uptimeSeconds {@code uptime}
 * @param template {@code template} (0/1)
 * @param hastate {@code hastate}, e.g. "started", null when not HA-managed
 * @param pool {@code pool}, null when in none
 */
public record Guest(
    String id,
    String type,
    int vmid,
    String name,
    String node,
    String status,
    int maxcpu,
    long maxmem,
    long maxdisk,
    BigDecimal cpu,
    long mem,
    long uptimeSeconds,
    boolean template,
    String hastate,
    String pool) {

  public boolean running() {
    return "running".equals(status);
  }

  static Guest of(JsonNode g) {
    return new Guest(
        Json.asText(g.path("id")),
        Json.asText(g.path("type")),
        Json.asInt(g.path("vmid"), -1),
        Json.asText(g.path("name")),
        Json.asText(g.path("node")),
        Json.asText(g.path("status")),
        Json.asInt(g.path("maxcpu"), -1),
        Json.asLong(g.path("maxmem"), -1),
        Json.asLong(g.path("maxdisk"), -1),
        Json.asDecimal(g.path("cpu")),
        Json.asLong(g.path("mem"), -1),
        Json.asLong(g.path("uptime"), -1),
        Json.asFlag(g.path("template"), false),
        Json.asText(g.path("hastate")),
        Json.asText(g.path("pool")));
  }
}
