package dev.vakt.alerting;

import dev.vakt.common.ApiErrors;
import dev.vakt.common.Paging;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.JsonNode;

/**
 * Technicians act on alarms: acknowledge, or say troubleshooting started, over the API and through
 * the signed links in pages. {@code GET /a/<token>} only shows a confirm page (mail scanners fetch
 * links); its form POSTs to the same address, which acts.
 */
@RestController
class AlertController {

  private final Escalations escalations;
  private final AlertLinks links;
  private final Clock clock;

  AlertController(Escalations escalations, AlertLinks links, Clock clock) {
    this.escalations = escalations;
    this.links = links;
    this.clock = clock;
  }

  /** An incident's alerting state and the pages sent. */
  record View(AlertState state, List<AlertState.Page> pages) {}

  /** Open incidents, newest first, with their deadlines and who handled them. */
  @GetMapping("/api/alerts")
  ResponseEntity<List<AlertState>> open(
      @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
    Paging.PageRequest p = Paging.PageRequest.of(page, size);
    return Paging.page(escalations.open(p), p);
  }

  @GetMapping("/api/alerts/{incident}")
  View get(@PathVariable String incident) {
    AlertState s =
        escalations
            .state(incident)
            .orElseThrow(() -> new ApiErrors.NotFound("incident " + incident));
    return new View(s, escalations.pages(incident));
  }

  /** Acknowledge, as the signed-in account. */
  @PostMapping("/api/alerts/{incident}/ack")
  AlertState ack(
      @PathVariable String incident,
      @RequestBody(required = false) JsonNode body,
      java.security.Principal principal) {
    return escalations.acknowledge(incident, actor(body, principal));
  }

  /** Troubleshooting started, by the signed-in account. */
  @PostMapping("/api/alerts/{incident}/troubleshooting")
  AlertState troubleshooting(
      @PathVariable String incident,
      @RequestBody(required = false) JsonNode body,
      java.security.Principal principal) {
    return escalations.troubleshootingStarted(incident, actor(body, principal));
  }

  @GetMapping(value = "/a/{token}", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> confirm(@PathVariable String token) {
    Optional<AlertLinks.Claim> claim = links.verify(token);
    if (claim.isEmpty()) {
      return page(HttpStatus.FORBIDDEN, "This link is not valid.", null);
    }
    AlertLinks.Claim c = claim.get();
    if (c.expires().isBefore(clock.instant())) {
      return page(HttpStatus.GONE, "This link has expired.", null);
    }
    String what =
        c.action() == AlertLinks.Action.ACK
            ? "Acknowledge incident " + c.incident()
            : "Troubleshooting of incident " + c.incident() + " started";
    return page(
        HttpStatus.OK,
        what + " (as " + c.person() + ")?",
        "<form method=\"post\" action=\"/a/"
            + HtmlUtils.htmlEscape(token)
            + "\"><button type=\"submit\">Confirm</button></form>");
  }

  @PostMapping(value = "/a/{token}", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> act(@PathVariable String token) {
    Optional<AlertLinks.Claim> claim = links.verify(token);
    if (claim.isEmpty()) {
      return page(HttpStatus.FORBIDDEN, "This link is not valid.", null);
    }
    AlertLinks.Claim c = claim.get();
    if (c.expires().isBefore(clock.instant())) {
      return page(HttpStatus.GONE, "This link has expired.", null);
    }
    AlertState s =
        c.action() == AlertLinks.Action.ACK
            ? escalations.acknowledge(c.incident(), c.person())
            : escalations.troubleshootingStarted(c.incident(), c.person());
    String done =
        c.action() == AlertLinks.Action.ACK
            ? "Incident "
                + s.ref()
                + " acknowledged by "
                + s.acknowledgedBy()
                + " at "
                + s.acknowledgedAt()
            : "Troubleshooting of incident "
                + s.ref()
                + " started by "
                + s.troubleshootingBy()
                + " at "
                + s.troubleshootingAt();
    return page(HttpStatus.OK, done + ".", null);
  }

  /**
   * Who acted: always the signed-in account, so the record of who acknowledged or started
   * troubleshooting (ALR-3, ALR-4, and the SLA ledger) cannot name someone else. A body may still
   * say {@code {"by": ...}} for old clients, but only naming the signed-in account; any other name
   * is refused (400 naming {@code /by}) rather than silently replaced, so a console acting "for" a
   * technician learns at once that it cannot. The signed links ({@code /a/<token>}) name their
   * person in the signature instead.
   */
  static String actor(JsonNode body, java.security.Principal principal) {
    String signedIn = dev.vakt.common.Requests.actor(principal);
    if (body != null && body.has("by") && !body.get("by").isNull()) {
      JsonNode by = body.get("by");
      if (!by.isString() || !by.asString().strip().equals(signedIn)) {
        throw new ApiErrors.InvalidInput(
            "/by",
            "must be the signed-in account ("
                + signedIn
                + ") or left out: one acts only as oneself");
      }
    }
    return signedIn;
  }

  private static ResponseEntity<String> page(HttpStatus status, String text, String form) {
    String html =
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>Vakt</title>"
            + "<meta name=\"viewport\" content=\"width=device-width\"><meta name=\"robots\" content=\"noindex\"></head>"
            + "<body><p>"
            + HtmlUtils.htmlEscape(text)
            + "</p>"
            + (form == null ? "" : form)
            + "</body></html>";
    return ResponseEntity.status(status).contentType(MediaType.TEXT_HTML).body(html);
  }
}
