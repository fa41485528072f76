package dev.vakt.access;

import java.time.Instant;

/** TOTP codes for tests outside this package (browser tests sign in as a person would). */
public final class TestTotp {

  private TestTotp() {}

  /** The code of the base32 {@code secret} {@code stepsAhead} 30-second steps from now. */
  public static String code(String secret, int stepsAhead) {
    return Totp.code(
        Totp.fromBase32(secret), Instant.now().plus(Totp.STEP.multipliedBy(stepsAhead)));
  }
}
