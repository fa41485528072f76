package dev.vakt.monitoring.host;

import dev.vakt.contract.MonitoringTerms.HostCheck;
import dev.vakt.contract.MonitoringTerms.ProxmoxPolicy;
import dev.vakt.monitoring.CheckResult;
import dev.vakt.monitoring.CheckState;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Platform support of a Proxmox VE node (MON-12, STW 4.0): {@code pveversion} for the major release
 * and {@code pvesubscription get} for the subscription.
 *
 * <p>A major past the end of its security support is CRITICAL, within {@value #WARN_DAYS} days of
 * it WARNING, judged on {@link HostContext#today()} against {@code proxmox-ve-support.yaml}; a
 * major not in that table is UNKNOWN (the table needs updating). A subscription whose status is not
 * "active" (notfound, expired, invalid, suspended, new) is WARNING.
 *
 * <p>Whether each matters is the contract's {@link ProxmoxPolicy}; {@link HostContext} does not
 * carry it, so the registry builds this reader with the contract's policy. Where the policy does
 * not require it, the finding is still named in the reason but leaves the state OK.
 *
 * <p>Metrics: {@code major}, {@code days_to_eol} (negative once past; absent when no end is
 * announced), {@code subscription_active} (0/1).
 */
public final class PlatformSupportReader implements HostReader {

  static final String PVEVERSION = "pveversion";
  static final String SUBSCRIPTION = "pvesubscription get";

  /** How early the end of support warns: a quarter, time to plan an upgrade of a cluster. */
  static final int WARN_DAYS = 90;

  // "pve-manager/8.2.4/faa83925c9641325 (running kernel: 6.8.8-2-pve)"
  private static final Pattern VERSION =
      Pattern.compile(
          "pve-manager/((\\d+)\\.\\d+(?:[.-]\\d+)*)/\\S*(?: \\(running kernel: (\\S+)\\))?");
  private static final Pattern MAJOR = Pattern.compile("^(\\d+)\\.\\d+");
  private static final Pattern FIELD =
      Pattern.compile("^(\\w+):[ \\t]*(.*?)[ \\t]*$", Pattern.MULTILINE);

  private final boolean requireSupportedMajor;
  private final boolean requireSubscription;
  private final Optional<ProxmoxSupportTable> table;

  /** Both a supported major and a subscription required: STW 4.0's default. */
  public PlatformSupportReader() {
    this(null);
  }

  /**
   * @param policy the contract's Proxmox policy; null, or a null field, counts as required
   */
  public PlatformSupportReader(ProxmoxPolicy policy) {
    this(policy, ProxmoxSupportTable.bundled());
  }

  PlatformSupportReader(ProxmoxPolicy policy, Optional<ProxmoxSupportTable> table) {
    this.requireSupportedMajor =
        policy == null || !Boolean.FALSE.equals(policy.requireSupportedMajor());
    this.requireSubscription =
        policy == null || !Boolean.FALSE.equals(policy.requireSubscription());
    this.table = table;
  }

  @Override
  public HostCheck check() {
    return HostCheck.PLATFORM_SUPPORT;
  }

  @Override
  public List<String> commands() {
    return List.of(PVEVERSION, SUBSCRIPTION);
  }

  @Override
  public CheckResult read(List<CommandOutput> outputs, HostContext context) {
    return SystemFindings.safely(() -> judge(outputs, context));
  }

  private CheckResult judge(List<CommandOutput> outputs, HostContext context) {
    Optional<CheckResult> missing = SystemFindings.missingOutputs(this, outputs);
    if (missing.isPresent()) {
      return missing.get();
    }
    CommandOutput version = outputs.get(0);
    Optional<String> notRun = SystemFindings.notRun(PVEVERSION, version);
    if (notRun.isPresent()) {
      return SystemFindings.unknown(notRun.get() + ": not a Proxmox VE node?");
    }
    Matcher v = VERSION.matcher(version.stdout());
    if (!v.find()) {
      return SystemFindings.unknown(
          "cannot read pveversion: '"
              + SystemFindings.firstLine(version.stdout() + "\n" + version.stderr())
              + "'");
    }
    return verdict(v.group(1), subscription(outputs.get(1)), context);
  }

  /**
   * What the subscription query said: its {@code status} (as Proxmox VE prints it, any case), the
   * next due date and message, or why it could not be read.
   *
   * @param status e.g. "active", "notfound", "expired"; null when it could not be read
   * @param nextDueDate {@code nextduedate}, null or empty when none
   * @param message {@code message}, null or empty when none
   * @param unreadable why the status could not be read (used when {@code status} is null)
   */
  public record Subscription(
      String status, String nextDueDate, String message, String unreadable) {}

  /**
   * The verdict on a Proxmox VE version and subscription, however they were read: the SSH path
   * ({@code pveversion}, {@code pvesubscription get}) and the Proxmox VE API ({@code GET /version},
   * {@code GET /nodes/{node}/subscription}) both end here, so both judge alike.
   *
   * @param version the pve-manager version, e.g. "8.2.4" or "7.4-19"
   * @param subscription the subscription as read
   * @param context the day judged on
   */
  public CheckResult verdict(String version, Subscription subscription, HostContext context) {
    return SystemFindings.safely(() -> judge(version, subscription, context));
  }

  private CheckResult judge(String version, Subscription subscription, HostContext context) {
    Matcher major = MAJOR.matcher(version == null ? "" : version);
    if (!major.find()) {
      return SystemFindings.unknown("cannot read the Proxmox VE version: '" + version + "'");
    }
    if (table.isEmpty()) {
      return SystemFindings.unknown("Vakt's Proxmox VE support table cannot be read");
    }
    SystemFindings f = new SystemFindings();
    int m = Integer.parseInt(major.group(1));
    f.metric("major", m);
    majorSupport(m, version, table.get(), context, f);
    subscription(subscription, f);
    return f.result();
  }

  private void majorSupport(
      int major, String version, ProxmoxSupportTable t, HostContext context, SystemFindings f) {
    String name = "Proxmox VE " + version;
    Optional<ProxmoxSupportTable.Major> known = t.find(major);
    if (known.isEmpty()) {
      f.add(
          requireSupportedMajor ? CheckState.UNKNOWN : CheckState.OK,
          name
              + ": major "
              + major
              + " not in Vakt's support table (update "
              + ProxmoxSupportTable.RESOURCE
              + ")");
      return;
    }
    ProxmoxSupportTable.Major m = known.get();
    String base = name + " (Debian " + m.debian() + ")";
    if (m.endOfSupport() == null) {
      f.add(CheckState.OK, base + ", no end of support announced");
      return;
    }
    long days = ChronoUnit.DAYS.between(context.today(), m.endOfSupport());
    f.metric("days_to_eol", days);
    String note = requireSupportedMajor ? "" : " (not required by the contract)";
    if (days < 0) {
      f.add(
          requireSupportedMajor ? CheckState.CRITICAL : CheckState.OK,
          base + " out of security support since " + m.endOfSupport() + note);
    } else if (days <= WARN_DAYS) {
      f.add(
          requireSupportedMajor ? CheckState.WARNING : CheckState.OK,
          base + " security support ends " + m.endOfSupport() + ", in " + days + " days" + note);
    } else {
      f.add(CheckState.OK, base + " supported until " + m.endOfSupport());
    }
  }

  private static Subscription subscription(CommandOutput out) {
    Optional<String> notRun = SystemFindings.notRun(SUBSCRIPTION, out);
    Map<String, String> fields = fields(out.stdout());
    String status = fields.get("status");
    if (notRun.isPresent() || status == null || out.exitStatus() != 0) {
      return new Subscription(
          null,
          null,
          null,
          notRun.orElse(
              "cannot read the subscription: '"
                  + SystemFindings.firstLine(out.stdout() + "\n" + out.stderr())
                  + "'"));
    }
    return new Subscription(status, fields.get("nextduedate"), fields.get("message"), null);
  }

  private void subscription(Subscription sub, SystemFindings f) {
    CheckState problem = requireSubscription ? CheckState.WARNING : CheckState.OK;
    String note = requireSubscription ? "" : " (not required by the contract)";
    if (sub == null || sub.status() == null || sub.status().isBlank()) {
      f.add(
          requireSubscription ? CheckState.UNKNOWN : CheckState.OK,
          sub == null || sub.unreadable() == null
              ? "cannot read the subscription"
              : sub.unreadable());
      return;
    }
    // PVE 8 prints lower case ("active", "notfound"), PVE 7 and older "Active", "NotFound".
    String s = sub.status().toLowerCase(Locale.ROOT);
    boolean active = s.equals("active");
    f.metric("subscription_active", active ? 1 : 0);
    if (active) {
      String due = sub.nextDueDate();
      f.add(
          CheckState.OK,
          "subscription active" + (due == null || due.isEmpty() ? "" : ", next due " + due));
    } else {
      String message = sub.message() == null ? "" : sub.message();
      f.add(
          problem,
          "no active subscription: status "
              + s
              + (message.isEmpty() ? "" : " (" + message + ")")
              + note);
    }
  }

  private static Map<String, String> fields(String text) {
    Map<String, String> fields = new HashMap<>();
    Matcher m = FIELD.matcher(text);
    while (m.find()) {
      fields.putIfAbsent(m.group(1).toLowerCase(Locale.ROOT), m.group(2));
    }
    return fields;
  }
}
