package dev.vakt.audit;

import dev.vakt.common.Paging;
import dev.vakt.common.Requests;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** Read access to the audit log, and its export as JSON Lines (DPA-3). */
@RestController
class AuditController {

  private final AuditLog audit;
  private final Clock clock;
  private final JsonMapper json = dev.vakt.common.Binder.MAPPER;

  AuditController(AuditLog audit, Clock clock) {
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * The newest entries first, a page at a time (ADR 0014), optionally of one entity kind and id,
   * one actor, one customer (staff; a customer's users always get their own) and a time span [from,
   * to) of ISO-8601 instants.
   */
  @GetMapping("/api/audit")
  ResponseEntity<List<AuditLog.Entry>> recent(
      @RequestParam(required = false) String entity,
      @RequestParam(required = false) String id,
      @RequestParam(required = false) String actor,
      @RequestParam(required = false) String customer,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) Integer page,
      @RequestParam(required = false) Integer size) {
    Paging.PageRequest p = Paging.PageRequest.of(page, size);
    AuditLog.Query q =
        new AuditLog.Query(
            Requests.optional(entity),
            Requests.optional(id),
            Requests.optional(actor),
            Requests.optional(customer),
            Requests.optionalInstant("from", from),
            Requests.optionalInstant("to", to));
    return Paging.page(audit.page(q, p), p);
  }

  /**
   * The whole trail in [from, to) as JSON Lines, one entry a line, oldest first; by default
   * everything up to now. Written as it is read, so the export's size is no concern.
   */
  @GetMapping("/api/audit/export")
  void export(
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      HttpServletResponse response)
      throws IOException {
    Instant f = from == null ? Instant.EPOCH : Requests.instant("from", from);
    Instant t = to == null ? clock.instant().plusSeconds(1) : Requests.instant("to", to);
    response.setContentType("application/x-ndjson");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.setHeader(
        HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"vakt-audit.jsonl\"");
    Writer out = response.getWriter();
    audit.export(
        f,
        t,
        e -> {
          try {
            out.write(json.writeValueAsString(e));
            out.write('\n');
          } catch (IOException ex) {
            throw new java.io.UncheckedIOException(ex);
          }
        });
    out.flush();
  }
}
