package dev.vakt.maintenance.planning;

import dev.vakt.common.ApiErrors;
import dev.vakt.common.Paging;
import dev.vakt.common.Requests;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Planned maintenance: plan (checked against every affected contract's windows), check without
 * planning, cancel, list, and iCalendar feeds for staff, a technician and each customer.
 */
@RestController
class MaintenanceController {

  private static final MediaType CALENDAR = MediaType.parseMediaType("text/calendar;charset=UTF-8");
  // A feed reaches back a quarter, so recently finished and cancelled work stays visible, and a
  // year ahead.
  private static final Duration FEED_BACK = Duration.ofDays(92);
  private static final Duration FEED_AHEAD = Duration.ofDays(366);

  private final MaintenancePlanner planner;
  private final Clock clock;

  MaintenanceController(MaintenancePlanner planner, Clock clock) {
    this.planner = planner;
    this.clock = clock;
  }

  /** What to cancel and why: the reason is what customers are told. */
  record Cancel(String reason) {}

  /** Plans work: 201, or 409 with each refusing contract's reasons unless an override is given. */
  @PostMapping("/api/maintenance")
  ResponseEntity<PlannedMaintenance> plan(
      @RequestBody JsonNode body, java.security.Principal principal) {
    PlannedMaintenance m =
        planner.plan(
            Requests.bind(body, MaintenancePlanner.Request.class),
            dev.vakt.common.Requests.actor(principal));
    return ResponseEntity.created(URI.create("/api/maintenance/" + m.id())).body(m);
  }

  /** How every affected contract judges the work, without planning it. */
  @PostMapping("/api/maintenance/check")
  List<ContractCheck> check(@RequestBody JsonNode body) {
    return planner.check(Requests.bind(body, MaintenancePlanner.Request.class));
  }

  @GetMapping("/api/maintenance")
  ResponseEntity<List<PlannedMaintenance>> list(
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String customer,
      @RequestParam(required = false) String technician,
      @RequestParam(required = false) Integer page,
      @RequestParam(required = false) Integer size) {
    return Paging.page(
        planner.list(from(from), to(to), customer, technician), Paging.PageRequest.of(page, size));
  }

  @GetMapping("/api/maintenance/{id}")
  PlannedMaintenance one(@PathVariable String id) {
    return planner.find(id);
  }

  @PostMapping("/api/maintenance/{id}/cancel")
  PlannedMaintenance cancel(
      @PathVariable String id, @RequestBody JsonNode body, java.security.Principal principal) {
    return planner.cancel(
        id, Requests.bind(body, Cancel.class).reason(), dev.vakt.common.Requests.actor(principal));
  }

  /** Staff's feed of all planned maintenance, or one technician's. */
  @GetMapping("/api/maintenance.ics")
  ResponseEntity<String> staffFeed(@RequestParam(required = false) String technician) {
    Instant now = clock.instant();
    List<PlannedMaintenance> all =
        planner.list(now.minus(FEED_BACK), now.plus(FEED_AHEAD), null, technician);
    String name = technician == null ? "Vakt: planned maintenance" : "Vakt: " + technician;
    return calendar(MaintenanceCalendar.ics(all, new MaintenanceCalendar.Audience.Staff(), name));
  }

  /** A customer's planned maintenance: only its own services, nothing internal. */
  @GetMapping("/api/customers/{customer}/maintenance")
  ResponseEntity<List<CustomerMaintenance>> ofCustomer(
      @PathVariable String customer,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) Integer page,
      @RequestParam(required = false) Integer size) {
    return Paging.page(
        planner.list(from(from), to(to), customer, null).stream()
            .map(m -> CustomerMaintenance.of(m, customer))
            .toList(),
        Paging.PageRequest.of(page, size));
  }

  @GetMapping("/api/customers/{customer}/maintenance/{id}")
  CustomerMaintenance oneOfCustomer(@PathVariable String customer, @PathVariable String id) {
    return planner
        .findOf(customer, id)
        .map(m -> CustomerMaintenance.of(m, customer))
        .orElseThrow(() -> new ApiErrors.NotFound("maintenance " + id + " of " + customer));
  }

  /** A customer's feed, for its calendar program. */
  @GetMapping("/api/customers/{customer}/maintenance.ics")
  ResponseEntity<String> customerFeed(@PathVariable String customer) {
    Instant now = clock.instant();
    List<PlannedMaintenance> all =
        planner.list(now.minus(FEED_BACK), now.plus(FEED_AHEAD), customer, null);
    return calendar(
        MaintenanceCalendar.ics(
            all, new MaintenanceCalendar.Audience.Customer(customer), "Planned maintenance"));
  }

  private Instant from(String from) {
    return from == null ? clock.instant().minus(FEED_BACK) : Requests.instant("from", from);
  }

  private Instant to(String to) {
    return to == null ? clock.instant().plus(FEED_AHEAD) : Requests.instant("to", to);
  }

  private static ResponseEntity<String> calendar(String ics) {
    return ResponseEntity.ok()
        .contentType(CALENDAR)
        .header(HttpHeaders.CACHE_CONTROL, "no-cache")
        .body(ics);
  }
}
