package dev.vakt.access;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import javax.crypto.spec.SecretKeySpec;

/**
 * RFC 6238 time-based one-time passwords as authenticator apps use them: HMAC-SHA1, 30-second
 * steps, 6 digits, 160-bit seeds. A code is accepted for the current step and one step either side
 * (clock drift), and only for a step later than the last one accepted, so a code is never accepted
 * twice.
 */
final class Totp {

  static final Duration STEP = Duration.ofSeconds(30);
  private static final int DIGITS = 6;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

  private Totp() {}

  /** A fresh 160-bit seed (RFC 4226's recommended length). */
  static byte[] newSeed() {
    byte[] seed = new byte[20];
    RANDOM.nextBytes(seed);
    return seed;
  }

  /** The seed as authenticator apps take it (RFC 4648 base32, no padding). */
  static String base32(byte[] data) {
    StringBuilder out = new StringBuilder();
    int buffer = 0;
    int bits = 0;
    for (byte b : data) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        out.append(BASE32.charAt((buffer >> (bits - 5)) & 31));
        bits -= 5;
      }
    }
    if (bits > 0) {
      out.append(BASE32.charAt((buffer << (5 - bits)) & 31));
    }
    return out.toString();
  }

  /** The bytes of a base32 seed, as apps and {@code oathtool -b} take it. */
  static byte[] fromBase32(String text) {
    String t = text.strip().toUpperCase(java.util.Locale.ROOT).replace("=", "").replace(" ", "");
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    int buffer = 0;
    int bits = 0;
    for (char c : t.toCharArray()) {
      int v = BASE32.indexOf(c);
      if (v < 0) {
        throw new IllegalArgumentException("not base32: " + c);
      }
      buffer = (buffer << 5) | v;
      bits += 5;
      if (bits >= 8) {
        out.write((buffer >> (bits - 8)) & 0xff);
        bits -= 8;
      }
    }
    return out.toByteArray();
  }

  /** The {@code otpauth://} URI an authenticator app reads (as a QR code or pasted). */
  static String uri(String issuer, String account, byte[] seed) {
    String label = enc(issuer) + ":" + enc(account);
    return "otpauth://totp/"
        + label
        + "?secret="
        + base32(seed)
        + "&issuer="
        + enc(issuer)
        + "&algorithm=SHA1&digits="
        + DIGITS
        + "&period="
        + STEP.toSeconds();
  }

  /** The code for the step containing {@code at}. */
  static String code(byte[] seed, Instant at) {
    try {
      int otp = generator().generateOneTimePassword(new SecretKeySpec(seed, "HmacSHA1"), at);
      return String.format("%0" + DIGITS + "d", otp);
    } catch (InvalidKeyException e) {
      throw new IllegalStateException("TOTP seed unusable", e);
    }
  }

  /**
   * The step {@code code} matches, if it matches the step of {@code now} or one either side and is
   * later than {@code lastStep}.
   */
  static OptionalLong verify(byte[] seed, String code, Instant now, long lastStep) {
    if (code == null || !code.matches("[0-9]{" + DIGITS + "}")) {
      return OptionalLong.empty();
    }
    long current = step(now);
    for (long s = current - 1; s <= current + 1; s++) {
      if (s > lastStep
          && java.security.MessageDigest.isEqual(
              code(seed, Instant.ofEpochSecond(s * STEP.toSeconds()))
                  .getBytes(StandardCharsets.US_ASCII),
              code.getBytes(StandardCharsets.US_ASCII))) {
        return OptionalLong.of(s);
      }
    }
    return OptionalLong.empty();
  }

  static long step(Instant at) {
    return Math.floorDiv(at.getEpochSecond(), STEP.toSeconds());
  }

  private static TimeBasedOneTimePasswordGenerator generator() {
    return new TimeBasedOneTimePasswordGenerator(STEP, DIGITS, "HmacSHA1");
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
