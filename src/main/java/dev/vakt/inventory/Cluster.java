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
 */
public record Cluster(
    String id, String customer, String name, String apiUrl, dev.vakt.common.SecretRef apiToken) {

  public Cluster {
    Ids.require("id", id);
    Ids.require("customer", customer);
    required("name", name);
    Endpoints.checkUrl("apiUrl", apiUrl);
  }
}
