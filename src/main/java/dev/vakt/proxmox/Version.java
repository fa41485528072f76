package dev.vakt.proxmox;

import tools.jackson.databind.JsonNode;

/**
 * {@code GET /version}: the pve-manager version of the node that answered.
 *
 * @param version e.g. "8.2.4" (Proxmox VE 7 and older: "7.4-19")
 * @param release e.g. "8.2"
 * @param repoid the git commit of the build, e.g. "faa83925"
 */
public record Version(String version, String release, String repoid) {

  static Version of(JsonNode d) {
    return new Version(
        Json.asText(d.path("version")),
        Json.asText(d.path("release")),
        Json.asText(d.path("repoid")));
  }
}
