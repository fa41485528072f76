package dev.vakt.alerting;

import dev.vakt.common.Texts;
import java.time.Instant;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Staff send a customer an important message (ALR-6) or a security-disconnect notice (ALR-5). */
@RestController
@RequestMapping("/api/customers/{customer}")
class NoticeController {

  private final CustomerNotices notices;

  NoticeController(CustomerNotices notices) {
    this.notices = notices;
  }

  /** An important message or news; its texts bounded like every request's (F12). */
  record Notice(String title, String text, String ref) {
    Notice {
      Texts.check("title", title, Texts.MAX_NAME);
      Texts.check("text", text, Texts.MAX_MESSAGE);
      Texts.check("ref", ref, Texts.MAX_NAME);
    }
  }

  /** A server was disconnected for security reasons. */
  record Disconnect(String server, String reason, Instant at) {
    Disconnect {
      Texts.check("server", server, Texts.MAX_NAME);
      Texts.check("reason", reason, Texts.MAX_TEXT);
    }
  }

  @PostMapping("/notices")
  CustomerNotices.Sent notice(
      @PathVariable String customer, @RequestBody Notice n, java.security.Principal principal) {
    return notices.notice(
        customer, n.title(), n.text(), n.ref(), dev.vakt.common.Requests.actor(principal));
  }

  @PostMapping("/security-disconnects")
  CustomerNotices.Sent disconnect(
      @PathVariable String customer, @RequestBody Disconnect d, java.security.Principal principal) {
    return notices.securityDisconnect(
        customer, d.server(), d.reason(), d.at(), dev.vakt.common.Requests.actor(principal));
  }
}
