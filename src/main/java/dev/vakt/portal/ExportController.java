package dev.vakt.portal;

import dev.vakt.common.Requests;
import dev.vakt.coverage.CoverageService;
import java.security.Principal;
import java.time.Clock;
import java.time.LocalDate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A customer's data in one download (DPA-5): for its admins and staff, audited. */
@RestController
class ExportController {

  private static final MediaType ZIP = MediaType.parseMediaType("application/zip");

  private final CustomerExport export;
  private final CoverageService coverage;
  private final Clock clock;

  ExportController(CustomerExport export, CoverageService coverage, Clock clock) {
    this.export = export;
    this.coverage = coverage;
    this.clock = clock;
  }

  @GetMapping("/api/customers/{customer}/export")
  ResponseEntity<byte[]> export(@PathVariable String customer, Principal principal) {
    byte[] zip = export.export(customer, Requests.actor(principal));
    // The customer's local day names the file, as it names the terms inside (issue 18).
    LocalDate day = coverage.ofCustomer(customer, clock.instant()).localDate();
    return ResponseEntity.ok()
        .contentType(ZIP)
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            "attachment; filename=\"" + customer + "-export-" + day + ".zip\"")
        .body(zip);
  }
}
