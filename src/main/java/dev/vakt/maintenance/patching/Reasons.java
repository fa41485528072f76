package dev.vakt.maintenance.patching;

import dev.vakt.maintenance.patching.ServerCompliance.Finding;
import dev.vakt.maintenance.patching.ServerCompliance.Reboot;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

/** The verdict of a covered, freshly scanned server, and its reasons in words. */
final class Reasons {

  private static final int NAMED = 5;

  private Reasons() {}

  static String stale(Instant lastOk, String failure, Instant end, Duration staleAfter) {
    String why = failure == null ? "" : "; last failure: " + failure;
    return lastOk == null
        ? "no successful scan of pending updates by " + end + why
        : "the last successful scan ("
            + lastOk
            + ") is more than "
            + Deadline.format(staleAfter)
            + " before "
            + end
            + why;
  }

  /** Adds the reasons to {@code out} and returns the verdict. */
  static Verdict judge(
      List<Finding> pending,
      List<Finding> late,
      Reboot reboot,
      List<Postponement> postponements,
      Instant end,
      List<String> out) {
    Predicate<Finding> breach = f -> f.overdue() && !f.postponed();
    group(
        pending, breach.and(f -> f.security() && !f.keptBack()), "security update", "overdue", out);
    group(pending, breach.and(f -> !f.security() && !f.keptBack()), "update", "overdue", out);
    group(pending, breach.and(Finding::keptBack), "package", "kept back past its deadline", out);
    group(late, breach, "update", "installed late in the month", out);
    boolean rebootBreach = reboot != null && reboot.overdue() && !reboot.postponed();
    if (rebootBreach) {
      out.add(
          reboot.needed()
              ? "reboot needed for " + reboot.ageDays() + " d, past due: " + reboot.reason()
              : "a reboot was needed past its deadline in the month");
    }
    boolean uncovered = !out.isEmpty();
    long postponed =
        pending.stream().filter(Finding::postponed).count()
            + late.stream().filter(Finding::postponed).count()
            + (reboot != null && reboot.postponed() ? 1 : 0);
    if (postponed > 0) {
      out.add(
          postponed
              + (postponed == 1 ? " overdue item lies" : " overdue items lie")
              + " within the customer's postponement (MNT-6): "
              + describe(postponements, end));
    } else if (uncovered && !postponements.isEmpty()) {
      out.add(
          "the overdue time does not lie wholly within the customer's postponement (MNT-6): "
              + describe(postponements, end));
    }
    if (uncovered) {
      return Verdict.NON_COMPLIANT;
    }
    if (postponed > 0) {
      return Verdict.POSTPONED;
    }
    long within = pending.stream().filter(f -> f.due() != null).count();
    long open = pending.size() - within;
    out.add(
        "nothing in scope overdue"
            + (within == 0 ? "" : "; " + within + " pending within the deadline")
            + (open == 0 ? "" : "; " + open + " pending without a deadline in the contract"));
    return Verdict.COMPLIANT;
  }

  private static void group(
      List<Finding> findings,
      Predicate<Finding> which,
      String noun,
      String what,
      List<String> out) {
    List<Finding> hit = findings.stream().filter(which).toList();
    if (hit.isEmpty()) {
      return;
    }
    StringBuilder s =
        new StringBuilder()
            .append(hit.size())
            .append(' ')
            .append(noun)
            .append(hit.size() == 1 ? "" : "s")
            .append(' ')
            .append(what)
            .append(" (")
            .append(hit.getFirst().basis())
            .append("): ");
    for (int i = 0; i < Math.min(NAMED, hit.size()); i++) {
      Finding f = hit.get(i);
      s.append(i == 0 ? "" : ", ").append(f.name()).append(" (").append(f.ageDays()).append(" d)");
    }
    if (hit.size() > NAMED) {
      s.append(", and ").append(hit.size() - NAMED).append(" more");
    }
    out.add(s.toString());
  }

  private static String describe(List<Postponement> postponements, Instant end) {
    StringBuilder s = new StringBuilder();
    for (Postponement p : postponements) {
      s.append(s.isEmpty() ? "" : "; ")
          .append('#')
          .append(p.id())
          .append(" requested by ")
          .append(p.requestedBy())
          .append(p.activeAt(end) ? ", until " : ", ended ")
          .append(p.activeAt(end) ? p.until().toString() : p.activeUntil().toString())
          .append(", risk accepted: ")
          .append(p.risk());
    }
    return s.toString();
  }
}
