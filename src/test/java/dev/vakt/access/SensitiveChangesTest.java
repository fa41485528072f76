package dev.vakt.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Issue 16 item 4 (DPA-3): sensitive changes need a session whose second factor was checked within
 * {@code vakt.access.recent-second-factor}; older sessions are told so with a distinct reason, and
 * tokens never qualify (F8). The rule table and the module API decide alike.
 */
class SensitiveChangesTest {

  private static final Instant NOW = Instant.parse("2031-05-06T07:08:09Z");
  private final SensitiveChanges changes =
      new SensitiveChanges(PasswordPolicyTest.defaults(), Clock.fixed(NOW, ZoneOffset.UTC));
  private final AccessRules rules = new AccessRules(changes);

  @AfterEach
  void clear() {
    SecurityContextHolder.clearContext();
    RequestContextHolder.resetRequestAttributes();
  }

  private static MockHttpServletRequest request(String method, String path, Instant verifiedAt) {
    MockHttpServletRequest r = new MockHttpServletRequest(method, path);
    MockHttpSession session = new MockHttpSession();
    if (verifiedAt != null) {
      session.setAttribute(SensitiveChanges.VERIFIED_AT, verifiedAt);
    }
    r.setSession(session);
    return r;
  }

  private static Authentication as(VaktPrincipal p) {
    return UsernamePasswordAuthenticationToken.authenticated(p, null, List.of());
  }

  private boolean allowed(MockHttpServletRequest r, VaktPrincipal p) {
    return rules.authorize(() -> as(p), new RequestAuthorizationContext(r)).isGranted();
  }

  @Test
  void aSessionOlderThanTheWindowMustVerifyAgain_DPA3() {
    VaktPrincipal admin = VaktPrincipal.session("boss", Role.ADMIN, null);
    MockHttpServletRequest fresh =
        request("POST", "/api/accounts", NOW.minus(Duration.ofMinutes(14)));
    assertThat(allowed(fresh, admin)).isTrue();
    MockHttpServletRequest stale =
        request("POST", "/api/accounts", NOW.minus(Duration.ofMinutes(16)));
    assertThat(allowed(stale, admin)).isFalse();
    assertThat(stale.getAttribute(AccessRules.DENIED)).isEqualTo("second-factor-needed");
    MockHttpServletRequest never = request("PUT", "/api/secrets/db", null);
    assertThat(allowed(never, admin)).isFalse();
    // Reads and ordinary changes are not asked.
    assertThat(allowed(request("GET", "/api/accounts", null), admin)).isTrue();
    assertThat(allowed(request("DELETE", "/api/account/tokens/1", null), admin)).isTrue();
  }

  @Test
  void aTokenNeverMakesASensitiveChange_F8_DPA3() {
    VaktPrincipal token =
        new VaktPrincipal("boss", Role.ADMIN, null, "script", java.util.Set.of("read", "write"));
    for (String[] call :
        List.of(
            new String[] {"POST", "/api/accounts"},
            new String[] {"POST", "/api/accounts/x/enable"},
            new String[] {"POST", "/api/customers/c/users"},
            new String[] {"POST", "/api/account/tokens"},
            new String[] {"PUT", "/api/secrets/db"})) {
      MockHttpServletRequest r = request(call[0], call[1], NOW);
      assertThat(allowed(r, token)).as(call[1]).isFalse();
      assertThat(r.getAttribute(AccessRules.DENIED)).isEqualTo("session-needed");
    }
  }

  @Test
  void theModuleApiDecidesAsTheTableDoes_DPA3() {
    // No signed-in user (command line, engines): not asked.
    changes.requireRecentSecondFactor("changing a check command");
    MockHttpServletRequest stale =
        request("PUT", "/api/services/s", NOW.minus(Duration.ofMinutes(16)));
    RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(stale));
    SecurityContextHolder.getContext()
        .setAuthentication(as(VaktPrincipal.session("tech", Role.TECHNICIAN, null)));
    assertThatThrownBy(() -> changes.requireRecentSecondFactor("changing a check command"))
        .isInstanceOf(SensitiveChanges.SecondFactorNeeded.class)
        .extracting(e -> ((SensitiveChanges.SecondFactorNeeded) e).type())
        .isEqualTo("second-factor-needed");
    stale.getSession().setAttribute(SensitiveChanges.VERIFIED_AT, NOW);
    changes.requireRecentSecondFactor("changing a check command");
  }
}
