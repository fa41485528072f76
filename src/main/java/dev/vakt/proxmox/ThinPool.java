package dev.vakt.proxmox;

import tools.jackson.databind.JsonNode;

/**
 * An LVM thin pool from {@code GET /nodes/{node}/disks/lvmthin}. Sizes are bytes.
 *
 * @param lv the thin pool's logical volume, e.g. "data"
 * @param vg its volume group, e.g. "pve"
 * @param lvSize {@code lv_size}
 * @param used {@code used}
 * @param metadataSize {@code metadata_size}
 * @param metadataUsed {@code metadata_used}
 */
public record ThinPool(
    String lv, String vg, long lvSize, long used, long metadataSize, long metadataUsed) {

  /** "vg/lv", as LVM names it. */
  public String fullName() {
    return vg + "/" + lv;
  }

  static ThinPool of(JsonNode p) {
    return new ThinPool(
        Json.asText(p.path("lv")),
        Json.asText(p.path("vg")),
        Json.asLong(p.path("lv_size"), -1),
        Json.asLong(p.path("used"), -1),
        Json.asLong(p.path("metadata_size"), -1),
        Json.asLong(p.path("metadata_used"), -1));
  }
}
