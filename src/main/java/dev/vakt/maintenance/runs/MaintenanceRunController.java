package dev.vakt.maintenance.runs;

import dev.vakt.common.Paging;
import dev.vakt.common.Requests;
import dev.vakt.maintenance.capacity.CapacityController;
import dev.vakt.maintenance.capacity.CapacityService;
import dev.vakt.maintenance.capacity.NMinusOne;
import dev.vakt.proxmox.ProxmoxException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * REST for maintenance runs (MNT-4, MNT-7, MNT-12). {@code POST
 * /api/clusters/{id}/maintenance-runs} is a dry run unless the body says {@code "dryRun": false}; a
 * real run answers 202 with the run as stored and runs in the background. {@code POST
 * /api/servers/{id}/restart} restarts a VPS through the same path.
 */
@RestController
class MaintenanceRunController {

  private final MaintenanceRunService runs;
  private final RestartService restarts;

  MaintenanceRunController(MaintenanceRunService runs, RestartService restarts) {
    this.runs = runs;
    this.restarts = restarts;
  }

  /**
   * The request body.
   *
   * @param dryRun true (the default) for the plan only
   * @param reason why; required for a real run
   * @param nodes the nodes to maintain; all when absent
   * @param hostReserveGiB RAM kept per node for the host, as for the capacity endpoints
   * @param guests which guests count: all, running or running-or-ha
   * @param planDigest a dry run's {@code planDigest}: start only if the plan is still that one
   * @param maintenance the planned maintenance under way that the run carries out
   * @param outsideWindows instead, why the nodes must be patched outside the windows now
   */
  record StartBody(
      Boolean dryRun,
      String reason,
      List<String> nodes,
      Long hostReserveGiB,
      String guests,
      String planDigest,
      String maintenance,
      String outsideWindows) {}

  /** A dry run's answer: the plan, and whether and why a real run would be refused. */
  record DryRunView(
      boolean dryRun,
      String cluster,
      Instant at,
      NMinusOne.Verdict verdict,
      boolean wouldStart,
      List<String> refusals,
      String planDigest,
      List<String> order,
      List<Map<String, Object>> steps,
      List<String> plan,
      List<String> warnings) {}

  /** The restart's body: {@code dryRun} only checks and says what it would do (200). */
  record RestartBody(String reason, Boolean dryRun) {}

  @PostMapping("/api/clusters/{id}/maintenance-runs")
  ResponseEntity<?> start(
      @PathVariable String id,
      @RequestBody(required = false) JsonNode body,
      java.security.Principal principal) {
    StartBody b =
        body == null || body.isNull()
            ? new StartBody(null, null, null, null, null, null, null, null)
            : Requests.bind(body, StartBody.class);
    MaintenanceRunService.Start start =
        new MaintenanceRunService.Start(
            b.reason(),
            b.nodes(),
            CapacityController.options(b.hostReserveGiB(), b.guests()),
            b.planDigest(),
            b.maintenance(),
            b.outsideWindows());
    try {
      if (b.dryRun() == null || b.dryRun()) {
        MaintenanceRunService.DryRun d = runs.dryRun(id, start);
        CapacityService.MaintenancePlan p = d.plan();
        return ResponseEntity.ok(
            new DryRunView(
                true,
                p.cluster(),
                p.at(),
                p.verdict(),
                d.refusals().isEmpty(),
                d.refusals(),
                d.planDigest(),
                p.plan().order(),
                p.plan().steps().stream().map(CapacityController::view).toList(),
                p.dryRun(),
                p.warnings()));
      }
      return accepted(runs.start(id, start, Requests.actor(principal)));
    } catch (ProxmoxException e) {
      throw CapacityController.unreachable(id, e);
    }
  }

  @GetMapping("/api/clusters/{id}/maintenance-runs")
  ResponseEntity<List<MaintenanceRun>> list(
      @PathVariable String id,
      @RequestParam(required = false) Integer page,
      @RequestParam(required = false) Integer size) {
    Paging.PageRequest p = Paging.PageRequest.of(page, size);
    return Paging.page(runs.runs(id, p), p);
  }

  @GetMapping("/api/clusters/{id}/maintenance-runs/{run}")
  MaintenanceRun get(@PathVariable String id, @PathVariable long run) {
    return runs.run(id, run);
  }

  @PostMapping("/api/servers/{id}/restart")
  ResponseEntity<?> restart(
      @PathVariable String id,
      @RequestBody(required = false) JsonNode body,
      java.security.Principal principal) {
    RestartBody b =
        body == null || body.isNull()
            ? new RestartBody(null, null)
            : Requests.bind(body, RestartBody.class);
    try {
      if (Boolean.TRUE.equals(b.dryRun())) {
        return ResponseEntity.ok(restarts.preview(id));
      }
      return accepted(restarts.restart(id, b.reason(), Requests.actor(principal)));
    } catch (ProxmoxException e) {
      throw CapacityController.unreachable(id, e);
    }
  }

  @ExceptionHandler(RestartService.NotAllowed.class)
  ProblemDetail notAllowed(RestartService.NotAllowed e) {
    ProblemDetail pd = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
    pd.setType(URI.create("https://vakt.dev/problems/not-allowed-by-contract"));
    pd.setTitle("Not allowed by the contract");
    return pd;
  }

  private static ResponseEntity<MaintenanceRun> accepted(MaintenanceRun r) {
    return ResponseEntity.accepted()
        .location(URI.create("/api/clusters/" + r.cluster() + "/maintenance-runs/" + r.id()))
        .body(r);
  }
}
