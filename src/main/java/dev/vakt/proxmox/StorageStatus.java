package dev.vakt.proxmox;

import tools.jackson.databind.JsonNode;

/**
 * A storage as one node sees it, from {@code GET /nodes/{node}/storage}. Sizes are bytes.
 *
 * @param storage the storage id, e.g. "local-zfs"
 * @param type e.g. "dir", "zfspool", "lvmthin", "rbd", "cephfs", "nfs", "pbs"
 * @param content e.g. "images,rootdir"
 * @param active {@code active} (0/1): usable on this node now
 * @param enabled {@code enabled} (0/1)
 * @param shared {@code shared} (0/1)
 * @param total size, -1 when the node cannot tell (inactive storage)
 * @param used used, -1 when unknown
 * @param avail available, -1 when unknown
 */
public record StorageStatus(
    String storage,
    String type,
    String content,
    boolean active,
    boolean enabled,
    boolean shared,
    long total,
    long used,
    long avail) {

  static StorageStatus of(JsonNode s) {
    return new StorageStatus(
        Json.asText(s.path("storage")),
        Json.asText(s.path("type")),
        Json.asText(s.path("content")),
        Json.asFlag(s.path("active"), false),
        Json.asFlag(s.path("enabled"), true),
        Json.asFlag(s.path("shared"), false),
        Json.asLong(s.path("total"), -1),
        Json.asLong(s.path("used"), -1),
        Json.asLong(s.path("avail"), -1));
  }
}
