package dev.vakt.proxmox;

import tools.jackson.databind.JsonNode;

/**
 * A package update from {@code GET /nodes/{node}/apt/update}: what the node's last {@code apt
 * update} found. Field names are the API's own, capitalised.
 *
 * @param packageName {@code Package}
 * @param title {@code Title}: the short description
 * @param version {@code Version}: the candidate
 * @param oldVersion {@code OldVersion}: installed now; null for a package the upgrade would newly
 *     install
 * @param origin {@code Origin}: the archive's Origin, e.g. "Debian" or "Proxmox" ("unknown" when
 *     apt has none); the Debian security archive's Origin is "Debian" too
 * @param priority {@code Priority}
 * @param section {@code Section}
 * @param arch {@code Arch}
 */
public record PendingUpdate(
    String packageName,
    String title,
    String version,
    String oldVersion,
    String origin,
    String priority,
    String section,
    String arch) {

  static PendingUpdate of(JsonNode p) {
    return new PendingUpdate(
        Json.asText(p.path("Package")),
        Json.asText(p.path("Title")),
        Json.asText(p.path("Version")),
        Json.asText(p.path("OldVersion")),
        Json.asText(p.path("Origin")),
        Json.asText(p.path("Priority")),
        Json.asText(p.path("Section")),
        Json.asText(p.path("Arch")));
  }
}
