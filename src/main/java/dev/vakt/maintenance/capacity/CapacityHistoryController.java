package dev.vakt.maintenance.capacity;

import dev.vakt.common.ApiErrors;
import dev.vakt.common.Paging;
import dev.vakt.inventory.InventoryService;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A cluster's N-1 verdicts over time (SLA-9): what made outages capacity non-compliance, and when.
 * The watch judges every cluster hourly; {@code POST …/assess} judges one now.
 */
@RestController
@RequestMapping("/api/clusters/{id}/capacity")
class CapacityHistoryController {

  private final CapacityWatch watch;
  private final InventoryService inventory;

  CapacityHistoryController(CapacityWatch watch, InventoryService inventory) {
    this.watch = watch;
    this.inventory = inventory;
  }

  @GetMapping("/history")
  ResponseEntity<List<CapacityWatch.Verdict>> history(
      @PathVariable String id,
      @RequestParam(required = false) Integer page,
      @RequestParam(required = false) Integer size) {
    requireCluster(id);
    return Paging.page(watch.history(id), Paging.PageRequest.of(page, size));
  }

  @PostMapping("/assess")
  CapacityWatch.Verdict assess(@PathVariable String id) {
    requireCluster(id);
    return watch.assess(id);
  }

  private void requireCluster(String id) {
    inventory.cluster(id).orElseThrow(() -> new ApiErrors.NotFound("cluster " + id));
  }
}
