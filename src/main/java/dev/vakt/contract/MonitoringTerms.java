package dev.vakt.contract;

import static dev.vakt.common.InvalidField.check;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.vakt.common.Codes;
import dev.vakt.common.Percent;
import dev.vakt.common.ServiceType;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Set;

/**
 * What the provider watches and how often (MON-1 to MON-12).
 *
 * @param interval time between checks of one service
 * @param timeout longest a single check may take
 * @param maxAttempts failed attempts before a failure becomes a hard state
 * @param retryInterval time between attempts while a failure is soft
 * @param services service types watched on every server (CFX 2, MON-6)
 * @param host host-level checks (load, disks, RAID, SMART, pools, quorum: MON-2, MON-3, MON-5)
 * @param customerInstalled whether services the customer installed are watched too (SWH 1, MON-7)
 * @param thresholds warning and critical levels
 * @param processWatchdog automatic killing of runaway processes (CFX 9, MON-10)
 * @param prohibitedActivity what is detected as a breach of the acceptable-use rules (MON-11)
 * @param proxmox platform support requirements (STW 4.0, MON-12)
 */
public record MonitoringTerms(
    Duration interval,
    Duration timeout,
    Integer maxAttempts,
    Duration retryInterval,
    Set<ServiceType> services,
    Set<HostCheck> host,
    Boolean customerInstalled,
    Thresholds thresholds,
    ProcessWatchdog processWatchdog,
    ProhibitedActivity prohibitedActivity,
    ProxmoxPolicy proxmox) {

  public MonitoringTerms {
    check(interval == null || interval.toSeconds() >= 1, "interval", "must be at least 1s");
    check(timeout == null || timeout.toMillis() >= 100, "timeout", "must be at least 100ms");
    if (interval != null && timeout != null && timeout.compareTo(interval) > 0) {
      throw new dev.vakt.common.InvalidField(
          "timeout",
          "must not be longer than the interval ("
              + dev.vakt.common.TimeSpans.format(interval)
              + ")");
    }
    check(
        maxAttempts == null || (maxAttempts >= 1 && maxAttempts <= 20),
        "maxAttempts",
        "must be 1 to 20");
    check(
        retryInterval == null || retryInterval.toSeconds() >= 1,
        "retryInterval",
        "must be at least 1s");
    services = services == null ? null : Set.copyOf(services);
    host = host == null ? null : Set.copyOf(host);
  }

  /** Checks run on the host itself, over SSH or the Proxmox VE API. */
  public enum HostCheck {
    LOAD,
    CPU,
    MEMORY,
    DISK,
    RAID,
    SMART,
    ZFS,
    LVM_THIN,
    CEPH_OSD,
    CEPH_MON,
    CEPH_MDS,
    CEPH_RGW,
    COROSYNC_QUORUM,
    PENDING_UPDATES,
    REBOOT_NEEDED,
    PLATFORM_SUPPORT,
    MAIL_QUEUE,
    MAIL_SENDING_LIMITS,
    TRAFFIC;

    @JsonValue
    public String code() {
      return Codes.of(this);
    }
  }

  /** Warning and critical levels; each warning must not exceed its critical level. */
  public record Thresholds(
      Percent diskWarning,
      Percent diskCritical,
      Percent memoryWarning,
      Percent memoryCritical,
      BigDecimal loadPerCoreWarning,
      BigDecimal loadPerCoreCritical,
      Percent thinPoolWarning,
      Percent thinPoolCritical,
      Duration certificateWarning,
      Duration certificateCritical) {
    public Thresholds {
      order("diskWarning", diskWarning, diskCritical);
      order("memoryWarning", memoryWarning, memoryCritical);
      order("thinPoolWarning", thinPoolWarning, thinPoolCritical);
      check(
          loadPerCoreWarning == null || loadPerCoreWarning.signum() > 0,
          "loadPerCoreWarning",
          "must be positive");
      check(
          loadPerCoreWarning == null
              || loadPerCoreCritical == null
              || loadPerCoreWarning.compareTo(loadPerCoreCritical) <= 0,
          "loadPerCoreWarning",
          "must not exceed loadPerCoreCritical");
      check(
          certificateWarning == null
              || certificateCritical == null
              || certificateWarning.compareTo(certificateCritical) >= 0,
          "certificateWarning",
          "must be at least certificateCritical: a warning comes before the critical alarm");
    }

    private static void order(String field, Percent warning, Percent critical) {
      check(
          warning == null || critical == null || warning.compareTo(critical) <= 0,
          field,
          "the warning level (" + warning + ") is above the critical level (" + critical + ")");
    }
  }

  /**
   * Runaway processes are killed (CFX 9). Exceptions set by an administrator live in the inventory;
   * those a customer asks for need written confirmation.
   */
  public record ProcessWatchdog(
      Duration maxRuntime, Integer maxRssMiB, Boolean customerExceptionsNeedWrittenConfirmation) {
    public ProcessWatchdog {
      check(maxRuntime == null || maxRuntime.isPositive(), "maxRuntime", "must be positive");
      check(maxRssMiB == null || maxRssMiB > 0, "maxRssMiB", "must be positive");
    }
  }

  /** Activities that breach the acceptable-use rules (CFX 13, DG AUP). */
  public record ProhibitedActivity(Set<Activity> detect, Boolean suspendWithoutNotice) {
    public ProhibitedActivity {
      detect = detect == null ? null : Set.copyOf(detect);
    }
  }

  /** A prohibited activity. */
  public enum Activity {
    CRYPTO_MINING,
    NETWORK_SCANNING,
    MAC_CHANGE,
    SOURCE_IP_SPOOFING,
    UNANNOUNCED_SECURITY_TESTS,
    BULK_MAIL;

    @JsonValue
    public String code() {
      return Codes.of(this);
    }
  }

  /** STW 4.0: the node must run a security-supported major version with a subscription. */
  public record ProxmoxPolicy(Boolean requireSupportedMajor, Boolean requireSubscription) {}
}
