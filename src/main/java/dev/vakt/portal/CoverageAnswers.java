package dev.vakt.portal;

import dev.vakt.access.Tenancy;
import dev.vakt.common.ApiErrors;
import dev.vakt.common.Requests;
import dev.vakt.coverage.Coverage;
import dev.vakt.coverage.CoverageService;
import dev.vakt.coverage.Subject;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Service;

/**
 * Coverage as the API answers it (issue 18): staff see any service or server, a customer's users
 * only their own customer's; anything else is 404, exactly as one that does not exist (DPA-4).
 */
@Service
class CoverageAnswers {

  private final CoverageService coverage;
  private final Tenancy tenancy;
  private final Clock clock;

  CoverageAnswers(CoverageService coverage, Tenancy tenancy, Clock clock) {
    this.coverage = coverage;
    this.tenancy = tenancy;
    this.clock = clock;
  }

  /**
   * @param at the query parameter {@code at}: an instant, or absent for now by the clock
   * @throws ApiErrors.InvalidInput when {@code at} is not an instant (naming {@code at})
   * @throws ApiErrors.NotFound when the subject is unknown or another customer's
   */
  CoverageAnswer of(Subject subject, String at) {
    Instant when = Requests.optionalInstant("at", at);
    Instant instant = when == null ? clock.instant() : when;
    Coverage c = coverage.at(subject, instant);
    if (c.customer() == null || !tenancy.maySee(c.customer())) {
      throw new ApiErrors.NotFound(
          (subject instanceof Subject.Service ? "service " : "server ") + subject.id());
    }
    return CoverageAnswer.of(c, instant);
  }
}
