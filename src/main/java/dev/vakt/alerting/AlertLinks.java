package dev.vakt.alerting;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.vakt.common.Codes;
import dev.vakt.common.SecretRef;
import dev.vakt.secrets.Secrets;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Signed links in pages: "acknowledge" and "troubleshooting started" for one incident and one
 * person, until an expiry. A token is {@code base64url(incident \n person \n action \n expiry)} +
 * {@code .} + {@code base64url(HMAC-SHA256(key, that text))}. The link opens a confirm page; only
 * its POST acts, because mail scanners follow links.
 */
@Component
public class AlertLinks {

  static final String STORED_KEY = "alerting-link-key";
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder UNB64 = Base64.getUrlDecoder();

  private final EscalationProperties properties;
  private final Secrets secrets;
  private final TransactionTemplate ownTransaction;
  private volatile byte[] key;

  AlertLinks(
      EscalationProperties properties, Secrets secrets, PlatformTransactionManager transactions) {
    this.properties = properties;
    this.secrets = secrets;
    // The generated key commits on its own, whatever happens to the caller's transaction.
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /** What a link does. */
  public enum Action {
    ACK,
    TROUBLESHOOTING;

    @JsonValue
    public String code() {
      return Codes.of(this);
    }
  }

  /**
   * What a valid token says.
   *
   * @param incident the incident reference
   * @param person who the link was sent to: recorded as who acted
   * @param action what the link does
   * @param expires until when it can be used
   */
  public record Claim(String incident, String person, Action action, Instant expires) {}

  /** The link for a claim: {@code <baseUrl>/a/<token>}. */
  public String url(Claim claim) {
    String base = properties.baseUrl().toString();
    return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
        + "/a/"
        + sign(key(), claim);
  }

  /** The claim of a token whose signature is right (expired or not), or empty. */
  public Optional<Claim> verify(String token) {
    return verify(key(), token);
  }

  static String sign(byte[] key, Claim c) {
    String text =
        c.incident()
            + "\n"
            + c.person()
            + "\n"
            + c.action().code()
            + "\n"
            + c.expires().getEpochSecond();
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    return B64.encodeToString(payload) + "." + B64.encodeToString(hmac(key, payload));
  }

  static Optional<Claim> verify(byte[] key, String token) {
    try {
      int dot = token.indexOf('.');
      if (dot < 0) {
        return Optional.empty();
      }
      byte[] payload = UNB64.decode(token.substring(0, dot));
      byte[] mac = UNB64.decode(token.substring(dot + 1));
      if (!MessageDigest.isEqual(mac, hmac(key, payload))) {
        return Optional.empty();
      }
      String[] parts = new String(payload, StandardCharsets.UTF_8).split("\n", -1);
      if (parts.length != 4) {
        return Optional.empty();
      }
      Action action = "ack".equals(parts[2]) ? Action.ACK : Action.TROUBLESHOOTING;
      return Optional.of(
          new Claim(parts[0], parts[1], action, Instant.ofEpochSecond(Long.parseLong(parts[3]))));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static byte[] hmac(byte[] key, byte[] payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(payload);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  private byte[] key() {
    byte[] k = key;
    if (k == null) {
      synchronized (this) {
        if (key == null) {
          key =
              properties.linkSecret() != null
                  ? configuredKey()
                  : ownTransaction.execute(t -> storedKey());
        }
        k = key;
      }
    }
    return k;
  }

  private byte[] configuredKey() {
    return secrets.resolve(properties.linkSecret()).getBytes(StandardCharsets.UTF_8);
  }

  private byte[] storedKey() {
    boolean stored = secrets.names().stream().anyMatch(e -> e.name().equals(STORED_KEY));
    if (!stored) {
      byte[] fresh = new byte[32];
      new SecureRandom().nextBytes(fresh);
      secrets.put(STORED_KEY, Base64.getEncoder().encodeToString(fresh), "system");
    }
    return secrets
        .resolve(SecretRef.parse("secret:" + STORED_KEY))
        .getBytes(StandardCharsets.UTF_8);
  }
}
