package dev.vakt.monitoring;

import dev.vakt.inventory.InventoryService;
import dev.vakt.inventory.Server;
import dev.vakt.inventory.Service;
import java.time.Instant;

/**
 * Events as monitoring publishes them, for tests that play monitoring's part: whose the service is
 * comes from the inventory, as the planned check carries it (issue 18).
 */
public final class TestEvents {

  private TestEvents() {}

  public static ServiceWentDown down(
      InventoryService inventory, String id, Instant at, String reason) {
    String server = serverOf(inventory, id);
    return new ServiceWentDown(
        id, server, customerOf(inventory, server), at, reason, false, null, false, 0);
  }

  public static ServiceCameBack back(
      InventoryService inventory, String id, Instant at, CheckState before) {
    String server = serverOf(inventory, id);
    return new ServiceCameBack(id, server, customerOf(inventory, server), at, before, 0);
  }

  private static String serverOf(InventoryService inventory, String id) {
    int colon = id.lastIndexOf(':');
    return colon >= 0
        ? id.substring(0, colon)
        : inventory.service(id).map(Service::server).orElse(null);
  }

  private static String customerOf(InventoryService inventory, String server) {
    return server == null ? null : inventory.server(server).map(Server::customer).orElse(null);
  }
}
