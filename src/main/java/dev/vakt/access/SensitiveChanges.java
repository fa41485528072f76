package dev.vakt.access;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Sensitive changes need a person who proved their second factor a moment ago (issue 16, ADR 0017):
 * a signed-in session whose TOTP code (or, for a customer account without TOTP, its password) was
 * checked within {@code vakt.access.recent-second-factor} (15 min), at login or by {@code POST
 * /api/session/verify}. API tokens never qualify. Refused changes answer 403 {@code
 * application/problem+json} with type {@code .../problems/second-factor-needed} (the pages then ask
 * for the code and retry) or {@code .../problems/session-needed} (a token was used).
 *
 * <p>Paths are listed in {@link AccessRules} (accounts, tokens, secrets); other modules call {@link
 * #requireRecentSecondFactor} from their services for changes that are sensitive by content, such
 * as a service's check command. Work outside a request (the command line, the demo, the engines)
 * has no signed-in user and is not asked.
 */
@Component
public class SensitiveChanges {

  /** The session attribute holding the instant of the last second-factor check. */
  static final String VERIFIED_AT = "vakt.secondFactorVerifiedAt";

  private final AccessProperties properties;
  private final Clock clock;

  SensitiveChanges(AccessProperties properties, Clock clock) {
    this.properties = properties;
    this.clock = clock;
  }

  /** Why a sensitive change was refused: it needs a fresh second factor, or a session at all. */
  public static final class SecondFactorNeeded extends RuntimeException {
    private final String type;

    SecondFactorNeeded(String type, String detail) {
      super(detail);
      this.type = type;
    }

    /** {@code second-factor-needed} or {@code session-needed}. */
    public String type() {
      return type;
    }
  }

  /**
   * Throws {@link SecondFactorNeeded} (403) unless the current request comes from a session whose
   * second factor was checked recently. Does nothing outside a request with a signed-in user.
   *
   * @param what the change, for the answer's detail (e.g. "changing a check command")
   */
  public void requireRecentSecondFactor(String what) {
    Optional<VaktPrincipal> who = Tenancy.current();
    if (who.isEmpty()) {
      return;
    }
    if (who.get().token() != null) {
      throw new SecondFactorNeeded("session-needed", what + " needs a signed-in session");
    }
    if (!recent(currentRequest())) {
      throw new SecondFactorNeeded(
          "second-factor-needed",
          what + " needs your code again (POST /api/session/verify), then retry");
    }
  }

  /** Whether the request's session checked its second factor recently. */
  boolean recent(HttpServletRequest request) {
    HttpSession session = request == null ? null : request.getSession(false);
    if (session == null || !(session.getAttribute(VERIFIED_AT) instanceof Instant at)) {
      return false;
    }
    return !at.plus(properties.recentSecondFactor()).isBefore(clock.instant());
  }

  /** Records that the session's second factor was just checked (login, re-verification). */
  void verified(HttpSession session) {
    session.setAttribute(VERIFIED_AT, clock.instant());
  }

  private static HttpServletRequest currentRequest() {
    return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes a
        ? a.getRequest()
        : null;
  }
}
