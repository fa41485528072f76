package dev.vakt.access;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vakt.common.ApiErrors;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * F14 (DPA-3): passwords are screened as NIST SP 800-63B asks: length, not blank, not a common or
 * breached one, not built on the username or the product's name; generated ones always pass.
 */
class PasswordPolicyTest {

  static AccessProperties defaults() {
    return new AccessProperties(
        3,
        Duration.ofSeconds(2),
        Duration.ofMinutes(15),
        30,
        List.of(),
        Duration.ofMinutes(15),
        Duration.ofDays(90),
        Duration.ofDays(366),
        12);
  }

  private final PasswordPolicy policy = new PasswordPolicy(defaults());

  @Test
  void commonBreachedBlankAndShortPasswordsAreRefused_F14_DPA3() {
    for (String weak :
        List.of(
            "password1234",
            "            ",
            "Password123!",
            "Password1234",
            "qwertyuiop12",
            "iloveyou1234",
            "letmein12345",
            "123456789012",
            "aaaaaaaaaaaa",
            "short",
            "\t\t\t\t\t\t\t\t\t\t\t\t")) {
      assertThatThrownBy(() -> policy.check("alice", weak))
          .as("'%s'", weak)
          .isInstanceOf(ApiErrors.InvalidInput.class)
          .extracting(e -> ((ApiErrors.InvalidInput) e).problems().getFirst().field())
          .isEqualTo("/password");
    }
  }

  @Test
  void theUsernameAndTheProductsNameAreRefused_F14_DPA3() {
    for (String derived :
        List.of("alice-admin-2024", "Alice123456789", "vaktvaktvakt", "Vakt2026Vakt")) {
      assertThatThrownBy(() -> policy.check("alice", derived))
          .as(derived)
          .isInstanceOf(ApiErrors.InvalidInput.class);
    }
  }

  @Test
  void passphrasesAndGeneratedPasswordsPass_F14() {
    for (String good :
        List.of("correct horse battery", "a long test password", "tenant password")) {
      assertThatCode(() -> policy.check("alice", good)).as(good).doesNotThrowAnyException();
    }
    // As `vakt user add` and `vakt demo` make them: random bytes, base64url.
    SecureRandom random = new SecureRandom();
    for (int i = 0; i < 200; i++) {
      byte[] bytes = new byte[12];
      random.nextBytes(bytes);
      String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      if (!generated.toLowerCase().contains("vakt")) {
        assertThatCode(() -> policy.check("alice", generated)).doesNotThrowAnyException();
      }
    }
  }

  @Test
  void moreThan72BytesIsRefusedRatherThanCut() {
    assertThatThrownBy(() -> policy.check("alice", "ø".repeat(40)))
        .hasMessageContaining("72 bytes");
  }
}
