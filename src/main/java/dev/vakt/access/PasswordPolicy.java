package dev.vakt.access;

import com.nulabinc.zxcvbn.Zxcvbn;
import dev.vakt.common.ApiErrors;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * What a password must be (NIST SP 800-63B, 5.1.1.2; ADR 0017): long enough, not blank, at most 72
 * bytes (bcrypt's limit, refused rather than cut), not built on the username or the product's name,
 * and not guessable: zxcvbn (com.nulab-inc:zxcvbn, whose dictionaries include a frequency list of
 * breached passwords, English words and names, keyboard walks, sequences and repeats) must estimate
 * at least a million guesses. No composition rules: NIST advises against them. Applied wherever a
 * password is set ({@link Accounts#create}, which {@code vakt user add}, {@code POST /api/accounts}
 * and a customer admin's users all go through).
 */
@Component
class PasswordPolicy {

  /** zxcvbn's "safely unguessable" lower bound for throttled online attacks (score 2). */
  static final double MIN_GUESSES = 1e6;

  private static final String PRODUCT = "vakt";
  private final Zxcvbn zxcvbn = new Zxcvbn();
  private final int minLength;

  PasswordPolicy(AccessProperties properties) {
    this.minLength = properties.minPasswordLength();
  }

  /** Throws a 400 naming {@code /password} and why, when the password may not be used. */
  void check(String username, String password) {
    if (password == null || password.codePointCount(0, password.length()) < minLength) {
      refuse("must have at least " + minLength + " characters");
    }
    if (password.getBytes(StandardCharsets.UTF_8).length > 72) {
      refuse("must have at most 72 bytes");
    }
    if (password.isBlank()) {
      refuse("must not be only spaces");
    }
    if (mentionsNames(username, password)) {
      refuse("must not contain the username or the product's name");
    }
    List<String> context = username == null ? List.of(PRODUCT) : List.of(PRODUCT, username);
    if (zxcvbn.measure(password, context).getGuesses() < MIN_GUESSES) {
      refuse("is too common or too easy to guess (a known, breached or patterned password)");
    }
  }

  /**
   * Whether the password contains the username or "vakt": generators draw again when a random
   * password happens to (rarely), so a generated password always passes.
   */
  static boolean mentionsNames(String username, String password) {
    String lower = password.toLowerCase(Locale.ROOT);
    return lower.contains(PRODUCT)
        || (username != null && username.length() >= 3 && lower.contains(username));
  }

  private static void refuse(String reason) {
    throw new ApiErrors.InvalidInput("/password", reason);
  }
}
