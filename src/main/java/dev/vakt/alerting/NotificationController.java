package dev.vakt.alerting;

import dev.vakt.common.ApiErrors;
import dev.vakt.common.Paging;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Staff see who was notified of what, and how delivery went. */
@RestController
@RequestMapping("/api/notifications")
class NotificationController {

  private final Notifications notifications;

  NotificationController(Notifications notifications) {
    this.notifications = notifications;
  }

  /** The notifications of a cause ({@code incident-123}, or {@code incident-123/down}). */
  @GetMapping
  ResponseEntity<List<NotificationStatus>> forCause(
      @RequestParam(required = false) String cause,
      @RequestParam(required = false) Integer page,
      @RequestParam(required = false) Integer size) {
    if (cause == null || cause.isBlank()) {
      throw new ApiErrors.InvalidInput("/cause", "is required, e.g. ?cause=incident-123");
    }
    return Paging.page(notifications.forCause(cause), Paging.PageRequest.of(page, size));
  }
}
