package dev.vakt.monitoring;

import dev.vakt.common.ApiErrors;
import dev.vakt.common.ServiceType;
import dev.vakt.inventory.InventoryService;
import dev.vakt.inventory.Service;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A customer's own services with their current hard state: what the customer view of the web page
 * shows (issue 7). The inventory decides which customer's services the signed-in user may see
 * (DPA-4): another customer reads as absent, 404.
 */
@RestController
class CustomerStatusController {

  private final InventoryService inventory;
  private final JdbcClient jdbc;

  CustomerStatusController(InventoryService inventory, JdbcClient jdbc) {
    this.inventory = inventory;
    this.jdbc = jdbc;
  }

  /** One of the customer's services: its hard state ("pending" until first checked). */
  record ServiceState(
      String id,
      String server,
      ServiceType type,
      String software,
      String state,
      Instant since,
      boolean flapping,
      Instant lastCheckAt) {}

  /** The customer's services, each with its state. */
  record CustomerStatus(String customer, String name, List<ServiceState> services) {}

  private record Row(String state, Instant since, boolean flapping, Instant lastCheckAt) {}

  @GetMapping("/api/customers/{customer}/status")
  CustomerStatus status(@PathVariable String customer) {
    var c =
        inventory
            .customer(customer)
            .orElseThrow(() -> new ApiErrors.NotFound("customer " + customer));
    List<Service> services = inventory.services(c.id());
    Map<String, Row> rows = new HashMap<>();
    if (!services.isEmpty()) {
      jdbc.sql(
              """
              select service_id, hard, hard_since, flapping, last_check_at from service_status
              where service_id = any(:ids)
              """)
          // One array parameter rather than "in (:ids)" expanded to a parameter per service: a
          // customer of 1,000 services made a statement of 1,000 parameters to parse and plan.
          .param("ids", services.stream().map(Service::id).toArray(String[]::new))
          .query(
              rs -> {
                rows.put(
                    rs.getString(1),
                    new Row(
                        rs.getString(2),
                        instant(rs.getTimestamp(3)),
                        rs.getBoolean(4),
                        instant(rs.getTimestamp(5))));
              });
    }
    return new CustomerStatus(
        c.id(),
        c.name(),
        services.stream()
            .map(
                s -> {
                  Row r = rows.get(s.id());
                  return new ServiceState(
                      s.id(),
                      s.server(),
                      s.type(),
                      s.software(),
                      r == null || r.state() == null ? "pending" : r.state(),
                      r == null ? null : r.since(),
                      r != null && r.flapping(),
                      r == null ? null : r.lastCheckAt());
                })
            .toList());
  }

  private static Instant instant(Timestamp ts) {
    return ts == null ? null : ts.toInstant();
  }
}
