package dev.vakt.maintenance.capacity;

import dev.vakt.common.ApiErrors.InvalidInput;
import dev.vakt.proxmox.ProxmoxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * REST for the N-1 check and the rolling-maintenance dry run (MNT-7, MNT-8). Both read the
 * cluster's live state; neither changes it.
 *
 * <p>Parameters: {@code hostReserveGiB} (RAM kept per node for the host, default 0) and {@code
 * guests} ({@code all}, {@code running} or {@code running-or-ha}, default {@code all}).
 */
@RestController
@RequestMapping("/api/clusters/{id}")
public class CapacityController {

  private final CapacityService service;

  CapacityController(CapacityService service) {
    this.service = service;
  }

  @GetMapping("/capacity")
  CapacityService.Assessment capacity(
      @PathVariable String id,
      @RequestParam(required = false) Long hostReserveGiB,
      @RequestParam(required = false) String guests) {
    try {
      return service.capacity(id, options(hostReserveGiB, guests));
    } catch (ProxmoxException e) {
      throw unreachable(id, e);
    }
  }

  /** The dry run with each step typed ({@code step}: its kind) and in words. */
  record PlanView(
      String cluster,
      java.time.Instant at,
      NMinusOne.Verdict verdict,
      boolean blocked,
      List<String> order,
      List<Map<String, Object>> steps,
      List<String> dryRun,
      List<String> warnings) {}

  @GetMapping("/maintenance-plan")
  PlanView plan(
      @PathVariable String id,
      @RequestParam(required = false) Long hostReserveGiB,
      @RequestParam(required = false) String guests) {
    CapacityService.MaintenancePlan p;
    try {
      p = service.plan(id, options(hostReserveGiB, guests));
    } catch (ProxmoxException e) {
      throw unreachable(id, e);
    }
    return new PlanView(
        p.cluster(),
        p.at(),
        p.verdict(),
        p.plan().blocked(),
        p.plan().order(),
        p.plan().steps().stream().map(CapacityController::view).toList(),
        p.dryRun(),
        p.warnings());
  }

  /** A plan step as the API shows it (the dry-run plan and a run's steps alike). */
  public static Map<String, Object> view(PlanStep s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(
        "step",
        s.getClass()
            .getSimpleName()
            .replaceAll("([a-z])([A-Z])", "$1-$2")
            .toLowerCase(Locale.ROOT));
    m.put("node", s.node());
    switch (s) {
      case PlanStep.VerifyHealth v -> {
        m.put("phase", v.phase());
        m.put("checks", v.checks());
      }
      case PlanStep.Migrate g -> {
        m.put("vmid", g.vmid());
        m.put("guestType", g.guestType());
        m.put("name", g.name());
        m.put("source", g.source());
        m.put("target", g.target());
        m.put("mode", g.mode());
        m.put("purpose", g.purpose());
      }
      case PlanStep.Stays st -> {
        m.put("vmid", st.vmid());
        m.put("name", st.name());
        m.put("reason", st.reason());
        m.put("downtime", st.downtime());
      }
      case PlanStep.Blocked b -> m.put("reason", b.reason());
      case PlanStep.RestartGuest r -> {
        m.put("vmid", r.vmid());
        m.put("guestType", r.guestType());
        m.put("name", r.name());
      }
      case PlanStep.Patch p -> {}
      case PlanStep.Reboot r -> {}
    }
    m.put("text", s.describe());
    return m;
  }

  /**
   * The request's capacity options ({@code hostReserveGiB}, {@code guests}) as the service takes
   * them.
   */
  public static CapacityService.Options options(Long hostReserveGiB, String guests) {
    if (hostReserveGiB != null && (hostReserveGiB < 0 || hostReserveGiB > 1 << 20)) {
      throw new InvalidInput("/hostReserveGiB", "must be from 0 to 1048576 GiB");
    }
    CapacityRule.GuestRule rule = null;
    if (guests != null) {
      rule =
          switch (guests) {
            case "all" -> CapacityRule.GuestRule.ALL;
            case "running" -> CapacityRule.GuestRule.RUNNING;
            case "running-or-ha" -> CapacityRule.GuestRule.RUNNING_OR_HA;
            default -> throw new InvalidInput("/guests", "must be all, running or running-or-ha");
          };
    }
    return new CapacityService.Options(
        hostReserveGiB == null ? null : hostReserveGiB * NMinusOne.GIB, rule);
  }

  /** The answer when cluster {@code id}'s API cannot be read. */
  public static ResponseStatusException unreachable(String id, ProxmoxException e) {
    return new ResponseStatusException(
        HttpStatus.BAD_GATEWAY, "Proxmox VE API of cluster " + id + ": " + e.getMessage(), e);
  }
}
