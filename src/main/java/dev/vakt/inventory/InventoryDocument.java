package dev.vakt.inventory;

import dev.vakt.common.Ids;
import java.util.List;

/**
 * A provider's inventory as one document ({@code kind: Inventory}): customers with their contacts,
 * clusters, servers and services. Import merges it into what is stored, by id.
 *
 * @param provider the provider whose inventory this is
 */
public record InventoryDocument(
    String provider,
    List<Customer> customers,
    List<Cluster> clusters,
    List<Server> servers,
    List<Service> services) {

  public InventoryDocument {
    Ids.require("provider", provider);
    customers = customers == null ? List.of() : List.copyOf(customers);
    clusters = clusters == null ? List.of() : List.copyOf(clusters);
    servers = servers == null ? List.of() : List.copyOf(servers);
    services = services == null ? List.of() : List.copyOf(services);
  }
}
