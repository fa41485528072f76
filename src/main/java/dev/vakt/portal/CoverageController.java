package dev.vakt.portal;

import dev.vakt.coverage.Subject;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Which contract and line govern a service or server at an instant (issue 18; docs/portal.md). Who
 * may see which is decided below, in {@link CoverageAnswers}.
 */
@RestController
class CoverageController {

  private final CoverageAnswers answers;

  CoverageController(CoverageAnswers answers) {
    this.answers = answers;
  }

  /** The coverage of a service at {@code at} (an ISO instant; now when absent). */
  @GetMapping("/api/coverage/services/{id}")
  CoverageAnswer service(@PathVariable String id, @RequestParam(required = false) String at) {
    return answers.of(Subject.service(id), at);
  }

  /** The coverage of a server at {@code at} (an ISO instant; now when absent). */
  @GetMapping("/api/coverage/servers/{id}")
  CoverageAnswer server(@PathVariable String id, @RequestParam(required = false) String at) {
    return answers.of(Subject.server(id), at);
  }
}
