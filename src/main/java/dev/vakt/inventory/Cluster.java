package dev.vakt.inventory;

import static dev.vakt.common.InvalidField.required;

import dev.vakt.common.Ids;

/**
 * A Proxmox VE cluster (INV-1).
 *
 * @param id cluster id
 * @param customer the customer it serves
 * @param name display name
 * @param apiUrl the Proxmox VE API, e.g. {@code https://127.0.0.1:8006/api2/json}
 * @param apiToken reference to the API token
 * @param apiFingerprint SHA-256 fingerprint of the API's certificate (as {@code pvenode cert info}
 *     shows it), pinned instead of trusting a certificate authority: Proxmox VE certificates are
 *     self-signed
 */
public record Cluster(
    String id,
    String customer,
    String name,
    String apiUrl,
    dev.vakt.common.SecretRef apiToken,
    String apiFingerprint) {

  public Cluster {
    Ids.require("id", id);
    Ids.require("customer", customer);
    required("name", name);
    Endpoints.checkUrl("apiUrl", apiUrl);
    dev.vakt.common.InvalidField.check(
        apiFingerprint == null
            || apiFingerprint.replace(":", "").strip().matches("[0-9A-Fa-f]{64}"),
        "apiFingerprint",
        "must be a SHA-256 fingerprint: 32 bytes in hex, e.g. AB:CD:..., as pvenode cert info shows");
  }
}
