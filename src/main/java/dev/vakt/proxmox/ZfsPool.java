package dev.vakt.proxmox;

import java.math.BigDecimal;
import tools.jackson.databind.JsonNode;

/**
 * A zpool from {@code GET /nodes/{node}/disks/zfs} ({@code zpool list -Hp}). Sizes are bytes.
 *
 * @param name pool name
 * @param size {@code size}
 * @param alloc {@code alloc}
 * @param free {@code free}
 * @param frag {@code frag}: fragmentation in percent
 * @param dedup {@code dedup}: deduplication ratio, e.g. 1.00
 * @param health {@code health}: ONLINE, DEGRADED, FAULTED, OFFLINE, UNAVAIL or REMOVED
 */
public record ZfsPool(
    String name, long size, long alloc, long free, int frag, BigDecimal dedup, String health) {

  static ZfsPool of(JsonNode p) {
    return new ZfsPool(
        Json.asText(p.path("name")),
        Json.asLong(p.path("size"), -1),
        Json.asLong(p.path("alloc"), -1),
        Json.asLong(p.path("free"), -1),
        Json.asInt(p.path("frag"), -1),
        Json.asDecimal(p.path("dedup")),
        Json.asText(p.path("health")));
  }
}
