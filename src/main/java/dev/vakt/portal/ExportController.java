package dev.vakt.portal;

import dev.vakt.common.Requests;
import java.security.Principal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
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
  private final Clock clock;

  ExportController(CustomerExport export, Clock clock) {
    this.export = export;
    this.clock = clock;
  }

  @GetMapping("/api/customers/{customer}/export")
  ResponseEntity<byte[]> export(@PathVariable String customer, Principal principal) {
    byte[] zip = export.export(customer, Requests.actor(principal));
    LocalDate day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    return ResponseEntity.ok()
        .contentType(ZIP)
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            "attachment; filename=\"" + customer + "-export-" + day + ".zip\"")
        .body(zip);
  }
}
