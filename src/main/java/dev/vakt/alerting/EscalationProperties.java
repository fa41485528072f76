package dev.vakt.alerting;

import dev.vakt.common.SecretRef;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of on-call escalation ({@code vakt.alerting.escalation.*}).
 *
 * @param enabled whether this instance runs the escalation worker
 * @param pollInterval how often the worker looks for due pages
 * @param margin how long before a deadline the last step of the first round must have paged
 * @param baseUrl the address technicians open the links in pages with, e.g. {@code
 *     https://vakt.example.no}
 * @param linkSecret the key that signs the links, as a secret reference (env:, file:, secret:);
 *     when absent a random key is generated once and kept in the encrypted secret store as {@code
 *     alerting-link-key}
 * @param linkValidity how long a link in a page can be used
 */
@ConfigurationProperties("vakt.alerting.escalation")
public record EscalationProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("30s") Duration pollInterval,
    @DefaultValue("15m") Duration margin,
    @DefaultValue("http://localhost:8080") URI baseUrl,
    SecretRef linkSecret,
    @DefaultValue("24h") Duration linkValidity) {

  public EscalationProperties {
    if (!margin.isPositive() || linkValidity.isNegative() || linkValidity.isZero()) {
      throw new IllegalArgumentException(
          "vakt.alerting.escalation.margin and link-validity must be positive");
    }
  }
}
