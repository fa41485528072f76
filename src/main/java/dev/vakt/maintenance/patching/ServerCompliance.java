package dev.vakt.maintenance.patching;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One server's patch compliance in a month (MNT-4, MNT-5, MNT-6, MNT-9, MNT-10).
 *
 * @param server the inventory's server id
 * @param verdict compliant, non-compliant, postponed, unknown or not covered
 * @param reasons why, in words, worst first
 * @param evaluatedAt the instant judged on: the month's end, or now
 * @param lastScan the last successful scan by then; null when none
 * @param counts the numbers at a glance
 * @param pending updates in scope pending at {@code evaluatedAt}: security, other and kept back
 * @param installedLate updates in scope installed in the month after they were due
 * @param outOfScope updates pending at {@code evaluatedAt} the provider does not patch, and why
 * @param reboot the reboot-needed check's view; null when it does not watch the server
 * @param postponements the customer's postponements that applied in the month
 */
public record ServerCompliance(
    String server,
    Verdict verdict,
    List<String> reasons,
    Instant evaluatedAt,
    Instant lastScan,
    Counts counts,
    List<Finding> pending,
    List<Finding> installedLate,
    List<Finding> outOfScope,
    Reboot reboot,
    List<PostponementRef> postponements) {

  /**
   * @param securityPending security updates in scope pending
   * @param otherPending other updates in scope pending (not kept back)
   * @param keptBack packages in scope kept back
   * @param overdue pending updates in scope past their deadline, postponed ones included
   * @param installedLate updates installed in the month after their deadline
   * @param outOfScope pending updates out of scope
   */
  public record Counts(
      int securityPending,
      int otherPending,
      int keptBack,
      int overdue,
      int installedLate,
      int outOfScope) {}

  /**
   * One update.
   *
   * @param name the package
   * @param installed the version installed while pending
   * @param candidate the version offered
   * @param origins APT origins of the candidate (empty when unknown)
   * @param security whether it comes from a security archive
   * @param keptBack whether apt keeps it back
   * @param firstSeen when Vakt first saw it pending: the age counts from here
   * @param resolvedAt when it was no longer pending; null while pending
   * @param ageDays whole days pending by {@code resolvedAt} or the instant judged on, never
   *     negative
   * @param due when it had to be installed by; null without a deadline
   * @param basis the rule that sets the deadline
   * @param overdue whether it was past due while pending in the month
   * @param postponed whether all of its overdue time in the month lay in the customer's
   *     postponements
   * @param scope whether the provider patches it
   * @param components the contract components it belongs to
   */
  public record Finding(
      String name,
      String installed,
      String candidate,
      List<String> origins,
      boolean security,
      boolean keptBack,
      Instant firstSeen,
      Instant resolvedAt,
      long ageDays,
      Instant due,
      String basis,
      boolean overdue,
      boolean postponed,
      Scope scope,
      List<String> components) {}

  /**
   * @param needed whether a reboot (or service restarts) was needed at the instant judged on
   * @param since since when; null when not needed
   * @param reason the check's reason
   * @param ageDays whole days needed
   * @param due by when it had to be done; null without a deadline
   * @param overdue whether a needed reboot was past due in the month
   * @param postponed whether all of that lay in the customer's postponements
   */
  public record Reboot(
      boolean needed,
      Instant since,
      String reason,
      long ageDays,
      Instant due,
      boolean overdue,
      boolean postponed) {}

  /**
   * A postponement as shown in a report (MNT-6).
   *
   * @param id its id
   * @param requestedBy the customer's contact who asked
   * @param reason the request
   * @param risk the risk the customer accepted
   * @param until its last day
   * @param from when it began to apply
   * @param to when it stopped applying (its end, or when ended early)
   * @param activeAtEnd whether it still applied at the instant judged on
   */
  public record PostponementRef(
      long id,
      String requestedBy,
      String reason,
      String risk,
      LocalDate until,
      Instant from,
      Instant to,
      boolean activeAtEnd) {

    static PostponementRef of(Postponement p, Instant at) {
      return new PostponementRef(
          p.id(),
          p.requestedBy(),
          p.reason(),
          p.risk(),
          p.until(),
          p.recordedAt(),
          p.activeUntil(),
          p.activeAt(at));
    }
  }
}
