package dev.vakt.maintenance.patching;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of patch compliance, with every default in one place. Deadlines are not here: they come
 * from each contract's {@code maintenance.patching}.
 *
 * @param enabled whether servers are scanned on a schedule
 * @param scanInterval how often each covered server's pending updates are read: an update's age is
 *     known to within this
 * @param firstScanAfter how long after start the first round begins
 * @param concurrency servers read at once
 * @param staleAfter a month's verdict is unknown when the last successful scan is older than this
 *     at the instant judged on
 * @param securityGrace how long security updates may wait when the contract requires all of them
 *     but gives neither {@code stableAfter} nor {@code checkEvery}
 */
@ConfigurationProperties("vakt.patching")
public record PatchingProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("6h") Duration scanInterval,
    @DefaultValue("2m") Duration firstScanAfter,
    @DefaultValue("16") int concurrency,
    @DefaultValue("2d") Duration staleAfter,
    @DefaultValue("30d") Duration securityGrace) {

  public PatchingProperties {
    if (concurrency < 1) {
      throw new IllegalArgumentException("vakt.patching.concurrency must be at least 1");
    }
    if (!scanInterval.isPositive() || !staleAfter.isPositive()) {
      throw new IllegalArgumentException(
          "vakt.patching.scan-interval and stale-after must be positive");
    }
  }
}
