package dev.vakt.maintenance;

import dev.vakt.common.Binder;
import dev.vakt.maintenance.patching.PostponementService;
import dev.vakt.maintenance.planning.CustomerMaintenance;
import dev.vakt.maintenance.planning.MaintenancePlanner;
import dev.vakt.maintenance.planning.PlannedMaintenance;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * A customer's maintenance records for its data export (DPA-5): planned maintenance as the customer
 * sees it, and its patch postponements. Patching is internal to this module, so postponements leave
 * it as the JSON its REST API answers with ({@code GET …/patch-postponements}), not as its types.
 */
@Service
public class CustomerMaintenanceRecords {

  private final MaintenancePlanner planner;
  private final PostponementService postponements;

  CustomerMaintenanceRecords(MaintenancePlanner planner, PostponementService postponements) {
    this.planner = planner;
    this.postponements = postponements;
  }

  /** All the customer's planned maintenance, past and future, in the customer's view. */
  @Transactional(readOnly = true)
  public List<CustomerMaintenance> maintenance(String customer) {
    return planner
        .list(Instant.EPOCH, Instant.parse("9999-12-31T00:00:00Z"), customer, null)
        .stream()
        .map(m -> CustomerMaintenance.of(m, customer))
        .toList();
  }

  /**
   * An audited maintenance record ({@code before} or {@code after} of an audit entry of entity
   * {@code maintenance}) as {@code customer} may see it: the audit keeps the whole record, which
   * names every affected customer, the technician and the contract checks; a customer's export
   * shows only its own part. Null when the node is not such a record.
   */
  public JsonNode asCustomerSees(JsonNode audited, String customer) {
    if (audited == null || audited.isNull()) {
      return null;
    }
    try {
      PlannedMaintenance m = Binder.MAPPER.treeToValue(audited, PlannedMaintenance.class);
      return Binder.MAPPER.valueToTree(CustomerMaintenance.of(m, customer));
    } catch (RuntimeException e) {
      return null; // an older shape: leave nothing rather than another customer's data
    }
  }

  /** The customer's patch postponements, newest first, with their state now (MNT-6). */
  public List<JsonNode> postponements(String customer) {
    return postponements.list(customer).stream()
        .map(v -> (JsonNode) Binder.MAPPER.valueToTree(v))
        .toList();
  }
}
