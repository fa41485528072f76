package dev.vakt.maintenance.patching;

import dev.vakt.common.ApiErrors.InvalidInput;
import dev.vakt.common.Paging;
import dev.vakt.common.Requests;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * REST for patch compliance (MNT-4, MNT-5, MNT-9, MNT-10) and postponements (MNT-6). {@code month}
 * is a calendar month such as {@code 2026-11}, in the contract's time zone; without it, the current
 * month.
 */
@RestController
@RequestMapping("/api")
class PatchController {

  private final PatchComplianceService compliance;
  private final PostponementService postponements;
  private final PatchScanner scanner;

  PatchController(
      PatchComplianceService compliance, PostponementService postponements, PatchScanner scanner) {
    this.compliance = compliance;
    this.postponements = postponements;
    this.scanner = scanner;
  }

  @GetMapping("/customers/{customer}/patch-compliance")
  CustomerCompliance customer(
      @PathVariable String customer, @RequestParam(required = false) String month) {
    return compliance.customer(customer, month(month));
  }

  @GetMapping("/servers/{server}/patch-compliance")
  CustomerCompliance server(
      @PathVariable String server, @RequestParam(required = false) String month) {
    return compliance.server(server, month(month));
  }

  /** What a scan run now found and changed. */
  record ScanView(
      String server,
      java.time.Instant at,
      dev.vakt.monitoring.PackageScan.Source source,
      boolean ok,
      String failure,
      int packages,
      int opened,
      int seenAgain,
      int resolved) {}

  /** Reads the server's pending updates now, as the schedule would. */
  @PostMapping("/servers/{server}/patch-scan")
  ScanView scan(@PathVariable String server) {
    PatchScanner.Outcome o = scanner.scan(server);
    return new ScanView(
        server,
        o.scan().at(),
        o.scan().source(),
        o.scan().ok(),
        o.scan().failure(),
        o.scan().packages().size(),
        o.opened(),
        o.seenAgain(),
        o.resolved());
  }

  @PostMapping("/customers/{customer}/patch-postponements")
  @ResponseStatus(HttpStatus.CREATED)
  PostponementService.View postpone(
      @PathVariable String customer,
      @RequestBody JsonNode body,
      java.security.Principal principal) {
    postponements.requireCustomer(customer);
    PostponementService.Request r = Requests.bind(body, PostponementService.Request.class);
    return new PostponementService.View(
        postponements.postpone(customer, r, Requests.actor(principal)), "active");
  }

  @GetMapping("/customers/{customer}/patch-postponements")
  ResponseEntity<List<PostponementService.View>> postponements(
      @PathVariable String customer,
      @RequestParam(required = false) Integer page,
      @RequestParam(required = false) Integer size) {
    return Paging.page(postponements.list(customer), Paging.PageRequest.of(page, size));
  }

  /** The reason for ending a postponement early; optional. */
  record End(String reason) {}

  @PostMapping("/customers/{customer}/patch-postponements/{id}/end")
  PostponementService.View end(
      @PathVariable String customer,
      @PathVariable String id,
      @RequestBody(required = false) JsonNode body,
      java.security.Principal principal) {
    postponements.requireCustomer(customer);
    String reason = body == null ? null : Requests.bind(body, End.class).reason();
    return postponements.end(customer, id(id), reason, Requests.actor(principal));
  }

  /** Ends the postponement early; the record stays, as does its audit trail. */
  @DeleteMapping("/customers/{customer}/patch-postponements/{id}")
  PostponementService.View delete(
      @PathVariable String customer, @PathVariable String id, java.security.Principal principal) {
    postponements.requireCustomer(customer);
    return postponements.end(customer, id(id), null, Requests.actor(principal));
  }

  /** A postponement's number; anything else names no postponement. */
  private static long id(String id) {
    try {
      return Long.parseLong(id);
    } catch (NumberFormatException e) {
      throw new dev.vakt.common.ApiErrors.NotFound("postponement " + id);
    }
  }

  private static YearMonth month(String text) {
    if (text == null) {
      return null; // the current month in the contract's time zone
    }
    YearMonth m;
    try {
      m = YearMonth.parse(text);
    } catch (DateTimeParseException e) {
      throw new InvalidInput("/month", "'" + text + "' is not a month such as 2026-11");
    }
    if (m.getYear() < dev.vakt.common.Requests.MIN_YEAR
        || m.getYear() > dev.vakt.common.Requests.MAX_YEAR) {
      // Like every date parameter (F15): far years made the month arithmetic fail with a 500.
      throw new InvalidInput(
          "/month",
          "the year must be from "
              + dev.vakt.common.Requests.MIN_YEAR
              + " to "
              + dev.vakt.common.Requests.MAX_YEAR);
    }
    return m;
  }
}
