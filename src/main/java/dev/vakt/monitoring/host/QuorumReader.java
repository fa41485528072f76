package dev.vakt.monitoring.host;

import dev.vakt.contract.MonitoringTerms.HostCheck;
import dev.vakt.monitoring.CheckResult;
import dev.vakt.monitoring.CheckState;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cluster quorum (MON-2): {@code pvecm status} on Proxmox VE, {@code corosync-quorumtool -s} on
 * other corosync clusters; both print the same "Votequorum information" block.
 *
 * <p>Not quorate is CRITICAL: the node stops starting guests and {@code /etc/pve} turns read-only.
 * Quorate with fewer total votes than expected is WARNING naming the missing votes: one more loss
 * and the cluster stops. A standalone node ({@code pvecm} says the corosync config does not exist)
 * is OK "not a cluster": the contract asks for quorum only where there is a cluster, and an UNKNOWN
 * would stay red forever on every single-node customer. Corosync not running on a node that has a
 * cluster config is CRITICAL: that node is out of the cluster.
 *
 * <p>Metrics: {@code expected_votes}, {@code total_votes}, {@code quorum}, {@code nodes}.
 */
public final class QuorumReader implements HostReader {

  static final String STATUS =
      "if command -v pvecm >/dev/null 2>&1; then pvecm status; else corosync-quorumtool -s; fi";

  private static final Pattern FIELD =
      Pattern.compile("^([A-Za-z][A-Za-z ]*?):[ \\t]*(.*?)[ \\t]*$", Pattern.MULTILINE);
  // A Membership row: "0x00000000          1            Qdevice" (votes then name last).
  private static final Pattern QDEVICE_ROW =
      Pattern.compile("^[ \\t]*0x0+[ \\t]+(\\d+)[ \\t]+.*\\bQdevice\\b.*$", Pattern.MULTILINE);
  private static final Pattern NOT_VOTING =
      Pattern.compile("^[ \\t]*0x\\p{XDigit}+[ \\t]+\\d+[ \\t]+\\S*\\bNV\\b", Pattern.MULTILINE);

  /**
   * The "Quorum information" and "Votequorum information" blocks.
   *
   * @param quorate the {@code Quorate:} line said Yes
   * @param expected {@code Expected votes}
   * @param total {@code Total votes}
   * @param quorum {@code Quorum}: votes needed
   * @param nodes {@code Nodes}, or -1
   * @param qdevice {@code Flags} names Qdevice
   * @param qdeviceVoting the QDevice row has a vote (and no node marks it NV, not voting)
   */
  public record Votequorum(
      boolean quorate,
      int expected,
      int total,
      int quorum,
      int nodes,
      boolean qdevice,
      boolean qdeviceVoting) {}

  @Override
  public HostCheck check() {
    return HostCheck.COROSYNC_QUORUM;
  }

  @Override
  public List<String> commands() {
    return List.of(STATUS);
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
    CommandOutput out = outputs.get(0);
    String all = out.stdout() + "\n" + out.stderr();
    if (all.contains("is this node part of a cluster?")) {
      return new SystemFindings()
          .add(CheckState.OK, "not a cluster: standalone Proxmox VE node, no quorum to keep")
          .result();
    }
    Optional<String> notRun = SystemFindings.notRun("pvecm/corosync-quorumtool", out);
    if (notRun.isPresent()) {
      return SystemFindings.unknown(notRun.get());
    }
    if (all.contains("Cannot initialize CMAP service")
        || all.contains("Cannot initialize QUORUM service")
        || all.contains("Cannot initialize CFG service")) {
      return new SystemFindings()
          .add(
              CheckState.CRITICAL,
              "corosync is not running on this cluster node: "
                  + SystemFindings.firstLine(out.stderr().isBlank() ? out.stdout() : out.stderr()))
          .result();
    }
    Optional<Votequorum> vq = parse(out.stdout());
    if (vq.isEmpty()) {
      return SystemFindings.unknown(
          "cannot read the quorum status: '" + SystemFindings.firstLine(all) + "'");
    }
    return verdict(vq.get());
  }

  /**
   * The verdict on a quorum state, however it was read: from {@code pvecm status} here, or from the
   * Proxmox VE API's {@code GET /cluster/status} (MON-2), so both paths judge alike.
   */
  public static CheckResult verdict(Votequorum v) {
    SystemFindings f = new SystemFindings();
    String votes = v.total() + " of " + v.expected() + " expected votes, quorum " + v.quorum();
    int missingVotes = v.expected() - v.total();
    String qdevice = v.qdevice() && !v.qdeviceVoting() ? ", QDevice not voting" : "";
    if (!v.quorate()) {
      f.add(CheckState.CRITICAL, "cluster not quorate: " + votes + qdevice);
    } else if (missingVotes > 0) {
      f.add(
          CheckState.WARNING,
          "quorate, but "
              + missingVotes
              + (missingVotes == 1 ? " vote" : " votes")
              + " missing: "
              + votes
              + qdevice);
    } else {
      f.add(
          CheckState.OK,
          "quorate: "
              + votes
              + (v.nodes() > 0 ? ", " + v.nodes() + " nodes" : "")
              + (v.qdevice() ? " and QDevice" : ""));
    }
    f.metric("expected_votes", v.expected())
        .metric("total_votes", v.total())
        .metric("quorum", v.quorum());
    if (v.nodes() >= 0) {
      f.metric("nodes", v.nodes());
    }
    return f.result();
  }

  static Optional<Votequorum> parse(String text) {
    Map<String, String> fields = new HashMap<>();
    Matcher m = FIELD.matcher(text);
    while (m.find()) {
      fields.putIfAbsent(m.group(1).strip(), m.group(2));
    }
    Integer expected = number(fields.get("Expected votes"));
    Integer total = number(fields.get("Total votes"));
    Integer quorum = number(fields.get("Quorum"));
    String quorate = fields.get("Quorate");
    if (expected == null || total == null || quorum == null || quorate == null) {
      return Optional.empty();
    }
    // "Quorum: 2 Activity blocked" is corosync's own word for a node without quorum.
    boolean isQuorate =
        quorate.equalsIgnoreCase("Yes") && !fields.get("Quorum").contains("Activity blocked");
    String flags = fields.getOrDefault("Flags", "");
    boolean qdevice = flags.matches(".*\\bQdevice\\b.*");
    Matcher row = QDEVICE_ROW.matcher(text);
    boolean voting = row.find() && Integer.parseInt(row.group(1)) > 0;
    voting = voting && !NOT_VOTING.matcher(text).find();
    Integer nodes = number(fields.get("Nodes"));
    return Optional.of(
        new Votequorum(
            isQuorate, expected, total, quorum, nodes == null ? -1 : nodes, qdevice, voting));
  }

  /** The leading number of a field ("2 Activity blocked" is 2), or null. */
  private static Integer number(String value) {
    if (value == null) {
      return null;
    }
    Matcher m = Pattern.compile("^(\\d{1,6})\\b").matcher(value);
    return m.find() ? Integer.parseInt(m.group(1)) : null;
  }
}
