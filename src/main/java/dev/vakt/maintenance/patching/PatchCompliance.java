package dev.vakt.maintenance.patching;

import dev.vakt.maintenance.patching.ServerCompliance.Finding;
import dev.vakt.maintenance.patching.ServerCompliance.PostponementRef;
import dev.vakt.maintenance.patching.ServerCompliance.Reboot;
import dev.vakt.maintenance.patching.Spans.Span;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The monthly patch compliance of a server (MNT-4, MNT-5, MNT-6, MNT-9, MNT-10), plain Java.
 *
 * <p>An update in scope is overdue from its due time (first seen plus the contract's deadline)
 * until it is installed. The server is non-compliant for the month when any update, kept-back
 * package or needed reboot was overdue at some time in the month, also one installed before the
 * month ended: the rule was broken while it waited. Overdue time that lies wholly inside the
 * customer's postponements makes the server "postponed" instead, since the customer accepted the
 * risk; overdue time outside them still counts. When no scan succeeded within {@code staleAfter}
 * before the instant judged on, nothing is known and the verdict is "unknown". Out-of-scope updates
 * are listed, never overdue.
 */
public final class PatchCompliance {

  private PatchCompliance() {}

  /**
   * One server's compliance in {@code month}.
   *
   * @param staleAfter how old the last successful scan may be at the instant judged on
   */
  public static ServerCompliance server(ServerInput in, ReportMonth month, Duration staleAfter) {
    Instant end = month.to();
    PatchRule rule = in.rule();
    List<Postponement> own =
        in.postponements().stream()
            .filter(p -> p.covers(in.server()))
            .filter(p -> p.recordedAt().isBefore(end) && p.activeUntil().isAfter(month.from()))
            .sorted(Comparator.comparing(Postponement::recordedAt))
            .toList();
    List<Span> excused = own.stream().map(p -> new Span(p.recordedAt(), p.activeUntil())).toList();
    List<Finding> pending = new ArrayList<>();
    List<Finding> late = new ArrayList<>();
    List<Finding> outOfScope = new ArrayList<>();
    for (Observation o : in.observations()) {
      if (!o.firstSeen().isBefore(end)
          || o.resolvedAt() != null && !o.resolvedAt().isAfter(month.from())) {
        continue; // not pending at any time in the month
      }
      Finding f = finding(o, rule, month, excused);
      boolean pendingAtEnd = o.pendingAt(end);
      if (f.scope() != Scope.IN_SCOPE) {
        if (pendingAtEnd) {
          outOfScope.add(f);
        }
      } else if (pendingAtEnd) {
        pending.add(f);
      } else if (f.overdue()) {
        late.add(f);
      }
    }
    Comparator<Finding> order =
        Comparator.comparing(Finding::security)
            .reversed()
            .thenComparing(Finding::ageDays, Comparator.reverseOrder())
            .thenComparing(Finding::name);
    pending.sort(order);
    late.sort(order);
    outOfScope.sort(order);
    Reboot reboot = in.reboot() == null ? null : reboot(in.reboot(), rule, month, excused);
    Verdict verdict;
    List<String> reasons = new ArrayList<>();
    if (!rule.covered()) {
      verdict = Verdict.NOT_COVERED;
      reasons.add("the contract sets no patch management (maintenance.patching)");
    } else if (in.lastOkScan() == null || in.lastOkScan().isBefore(end.minus(staleAfter))) {
      verdict = Verdict.UNKNOWN;
      reasons.add(Reasons.stale(in.lastOkScan(), in.lastFailure(), end, staleAfter));
    } else {
      verdict = Reasons.judge(pending, late, reboot, own, end, reasons);
    }
    ServerCompliance.Counts counts =
        new ServerCompliance.Counts(
            (int) pending.stream().filter(f -> f.security() && !f.keptBack()).count(),
            (int) pending.stream().filter(f -> !f.security() && !f.keptBack()).count(),
            (int) pending.stream().filter(Finding::keptBack).count(),
            (int) pending.stream().filter(Finding::overdue).count(),
            late.size(),
            outOfScope.size());
    return new ServerCompliance(
        in.server(),
        verdict,
        List.copyOf(reasons),
        end,
        in.lastOkScan(),
        counts,
        List.copyOf(pending),
        List.copyOf(late),
        List.copyOf(outOfScope),
        reboot,
        own.stream().map(p -> PostponementRef.of(p, end)).toList());
  }

  private static Finding finding(
      Observation o, PatchRule rule, ReportMonth month, List<Span> excused) {
    Instant end = month.to();
    Scope scope = rule.covered() ? rule.scope(o) : Scope.IN_SCOPE;
    Deadline deadline = scope == Scope.IN_SCOPE && rule.covered() ? rule.deadline(o) : null;
    Instant due = deadline == null ? null : deadline.due(o.firstSeen(), month.zone());
    Instant stop = o.resolvedAt() != null && o.resolvedAt().isBefore(end) ? o.resolvedAt() : end;
    // firstSeen < end and resolvedAt >= firstSeen, so stop >= firstSeen: ages are never negative.
    long age = Duration.between(o.firstSeen(), stop).toDays();
    boolean overdue = false;
    boolean postponed = false;
    if (due != null) {
      Instant from = Spans.max(due, month.from());
      overdue = from.isBefore(stop);
      postponed = overdue && Spans.covers(excused, from, stop);
    }
    return new Finding(
        o.name(),
        o.installed(),
        o.candidate(),
        o.origins(),
        o.security(),
        o.keptBack(),
        o.firstSeen(),
        o.resolvedAt(),
        age,
        due,
        deadline == null ? null : deadline.basis(),
        overdue,
        postponed,
        scope,
        PackageNames.components(rule.components(), o.name(), o.origins()));
  }

  /** The reboot-needed periods overlapping the month, judged like an update. */
  private static Reboot reboot(
      List<ServerInput.RebootNeed> needs, PatchRule rule, ReportMonth month, List<Span> excused) {
    Instant end = month.to();
    Deadline deadline = rule.covered() ? rule.reboot() : null;
    boolean overdue = false;
    boolean allExcused = true;
    ServerInput.RebootNeed atEnd = null;
    for (ServerInput.RebootNeed n : needs) {
      Instant to = n.to() == null || n.to().isAfter(end) ? end : n.to();
      if (!n.from().isBefore(end) || !to.isAfter(month.from())) {
        continue;
      }
      if (n.to() == null || n.to().isAfter(end)) {
        atEnd = n;
      }
      if (deadline != null) {
        Instant from = Spans.max(deadline.due(n.from(), month.zone()), month.from());
        if (from.isBefore(to)) {
          overdue = true;
          allExcused &= Spans.covers(excused, from, to);
        }
      }
    }
    return new Reboot(
        atEnd != null,
        atEnd == null ? null : atEnd.from(),
        atEnd == null ? null : atEnd.reason(),
        atEnd == null ? 0 : Duration.between(atEnd.from(), end).toDays(),
        atEnd == null || deadline == null ? null : deadline.due(atEnd.from(), month.zone()),
        overdue,
        overdue && allExcused);
  }

  /**
   * A customer's compliance: each server's, and the worst of them (non-compliant, unknown,
   * postponed, compliant); "not covered" only when no server is covered.
   *
   * @param contract the contract whose terms were applied, or null
   */
  public static CustomerCompliance customer(
      String customer, String contract, ReportMonth month, List<ServerCompliance> servers) {
    Verdict worst =
        servers.stream()
            .map(ServerCompliance::verdict)
            .filter(v -> v != Verdict.NOT_COVERED)
            .min(Comparator.naturalOrder())
            .orElse(Verdict.NOT_COVERED);
    return new CustomerCompliance(
        customer,
        contract,
        month.month(),
        month.zone(),
        month.from(),
        month.to(),
        worst,
        CustomerCompliance.Totals.of(servers),
        servers.stream()
            .flatMap(s -> s.postponements().stream())
            .collect(
                java.util.stream.Collectors.toMap(
                    PostponementRef::id, r -> r, (a, b) -> a, java.util.TreeMap::new))
            .values()
            .stream()
            .toList(),
        List.copyOf(servers));
  }
}
