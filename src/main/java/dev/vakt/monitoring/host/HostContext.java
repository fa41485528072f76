package dev.vakt.monitoring.host;

import dev.vakt.common.Percent;
import dev.vakt.contract.MonitoringTerms;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * What a reader needs beyond the command output: the contract's thresholds (with Vakt's defaults
 * where the contract sets none) and the day it is judged on (for end-of-life dates).
 *
 * @param diskWarning used-space level of a file system or pool that warns
 * @param diskCritical used-space level that is critical
 * @param memoryWarning memory in use that warns
 * @param memoryCritical memory in use that is critical
 * @param loadPerCoreWarning 5-minute load average per core that warns
 * @param loadPerCoreCritical 5-minute load average per core that is critical
 * @param thinPoolWarning LVM thin pool data or metadata use that warns
 * @param thinPoolCritical LVM thin pool data or metadata use that is critical
 * @param today the day in the contract's time zone
 */
public record HostContext(
    Percent diskWarning,
    Percent diskCritical,
    Percent memoryWarning,
    Percent memoryCritical,
    BigDecimal loadPerCoreWarning,
    BigDecimal loadPerCoreCritical,
    Percent thinPoolWarning,
    Percent thinPoolCritical,
    LocalDate today) {

  /** Levels used where a contract is silent: those of the Monitoring Plugins' usual setups. */
  public static final MonitoringTerms.Thresholds DEFAULTS =
      new MonitoringTerms.Thresholds(
          Percent.of("85"),
          Percent.of("95"),
          Percent.of("90"),
          Percent.of("97"),
          new BigDecimal("2"),
          new BigDecimal("4"),
          Percent.of("80"),
          Percent.of("90"),
          null,
          null);

  public HostContext {
    Objects.requireNonNull(diskWarning, "diskWarning");
    Objects.requireNonNull(diskCritical, "diskCritical");
    Objects.requireNonNull(memoryWarning, "memoryWarning");
    Objects.requireNonNull(memoryCritical, "memoryCritical");
    Objects.requireNonNull(loadPerCoreWarning, "loadPerCoreWarning");
    Objects.requireNonNull(loadPerCoreCritical, "loadPerCoreCritical");
    Objects.requireNonNull(thinPoolWarning, "thinPoolWarning");
    Objects.requireNonNull(thinPoolCritical, "thinPoolCritical");
    Objects.requireNonNull(today, "today");
  }

  /** The contract's thresholds, each missing one taken from {@link #DEFAULTS}. */
  public static HostContext of(MonitoringTerms.Thresholds contract, LocalDate today) {
    MonitoringTerms.Thresholds t = contract == null ? DEFAULTS : contract;
    MonitoringTerms.Thresholds d = DEFAULTS;
    return new HostContext(
        or(t.diskWarning(), d.diskWarning()),
        or(t.diskCritical(), d.diskCritical()),
        or(t.memoryWarning(), d.memoryWarning()),
        or(t.memoryCritical(), d.memoryCritical()),
        or(t.loadPerCoreWarning(), d.loadPerCoreWarning()),
        or(t.loadPerCoreCritical(), d.loadPerCoreCritical()),
        or(t.thinPoolWarning(), d.thinPoolWarning()),
        or(t.thinPoolCritical(), d.thinPoolCritical()),
        today);
  }

  /** Defaults only, judged on {@code today}: for tests and {@code vakt check}. */
  public static HostContext defaults(LocalDate today) {
    return of(null, today);
  }

  private static <T> T or(T value, T fallback) {
    return value != null ? value : fallback;
  }
}
