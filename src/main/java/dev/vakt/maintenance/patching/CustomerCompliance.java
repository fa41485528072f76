package dev.vakt.maintenance.patching;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;

/**
 * A customer's patch compliance in a month: each server's, and the totals.
 *
 * @param customer the customer
 * @param contract the contract whose patch policy applied; null when none sets one
 * @param month the calendar month, in {@code zone}
 * @param zone the contract's time zone
 * @param from the month's start
 * @param evaluatedAt the instant judged on: the month's end, or now
 * @param verdict the worst server's: non-compliant, unknown, postponed, compliant; not covered when
 *     no server is covered
 * @param totals the numbers at a glance
 * @param postponements the customer's postponements that applied in the month, with the risk it
 *     accepted and their end (MNT-6)
 * @param servers each server's compliance
 */
public record CustomerCompliance(
    String customer,
    String contract,
    YearMonth month,
    ZoneId zone,
    Instant from,
    Instant evaluatedAt,
    Verdict verdict,
    Totals totals,
    List<ServerCompliance.PostponementRef> postponements,
    List<ServerCompliance> servers) {

  /**
   * @param servers servers reported
   * @param compliant servers compliant
   * @param nonCompliant servers non-compliant
   * @param postponed servers whose overdue updates the customer postponed
   * @param unknown servers without a recent scan
   * @param notCovered servers without patch management
   * @param securityPending security updates in scope pending, over all servers
   * @param overdue pending updates in scope past their deadline
   * @param keptBack packages in scope kept back
   * @param outOfScope pending updates out of scope
   * @param rebootNeeded servers needing a reboot
   */
  public record Totals(
      int servers,
      int compliant,
      int nonCompliant,
      int postponed,
      int unknown,
      int notCovered,
      int securityPending,
      int overdue,
      int keptBack,
      int outOfScope,
      int rebootNeeded) {

    static Totals of(List<ServerCompliance> servers) {
      int[] verdicts = new int[Verdict.values().length];
      int security = 0;
      int overdue = 0;
      int keptBack = 0;
      int outOfScope = 0;
      int reboot = 0;
      for (ServerCompliance s : servers) {
        verdicts[s.verdict().ordinal()]++;
        security += s.counts().securityPending();
        overdue += s.counts().overdue();
        keptBack += s.counts().keptBack();
        outOfScope += s.counts().outOfScope();
        reboot += s.reboot() != null && s.reboot().needed() ? 1 : 0;
      }
      return new Totals(
          servers.size(),
          verdicts[Verdict.COMPLIANT.ordinal()],
          verdicts[Verdict.NON_COMPLIANT.ordinal()],
          verdicts[Verdict.POSTPONED.ordinal()],
          verdicts[Verdict.UNKNOWN.ordinal()],
          verdicts[Verdict.NOT_COVERED.ordinal()],
          security,
          overdue,
          keptBack,
          outOfScope,
          reboot);
    }
  }
}
