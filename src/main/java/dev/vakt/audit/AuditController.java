package dev.vakt.audit;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Read access to the audit log. */
@RestController
class AuditController {

  private final AuditLog audit;

  AuditController(AuditLog audit) {
    this.audit = audit;
  }

  @GetMapping("/api/audit")
  List<AuditLog.Entry> recent(
      @RequestParam(required = false) String entity,
      @RequestParam(required = false) String id,
      @RequestParam(defaultValue = "100") int limit) {
    return audit.recent(entity, id, Math.min(Math.max(limit, 1), 1000));
  }
}
