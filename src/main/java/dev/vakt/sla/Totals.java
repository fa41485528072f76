package dev.vakt.sla;

import dev.vakt.contract.SlaTerms;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/**
 * The customer's total under {@code sla.scope: service}: each service on its own (BDN SLA 1.1.5:
 * 99.9 % "for de af Kundens løsninger og services"), so a guarantee is missed when any service
 * misses it and the total shows the service that decides it.
 */
final class Totals {

  private Totals() {}

  /** How the total is made, in words, for every page that shows it. */
  static String reading(SlaTerms.Scope scope) {
    return scope == SlaTerms.Scope.SOLUTION
        ? "the solution as a whole: down while any of its services is down"
        : "each service on its own: the total is the service that decides it, met only when every"
            + " service meets the guarantee";
  }

  /** The total's figures under {@code service}, and per figure the service that decides it. */
  record Decided(List<SlaReport.Figure> figures, List<String> by) {}

  /**
   * Each figure of the service that decides it; {@code withFee} gives a service's figure again with
   * the customer's fee, for a credit in money.
   */
  static Decided perService(
      List<SlaReport.ServiceReport> reports,
      int figures,
      dev.vakt.common.Money fee,
      java.util.function.BiFunction<String, Integer, SlaReport.Figure> withFee) {
    int[] deciding = deciding(reports, figures);
    List<SlaReport.Figure> out = new java.util.ArrayList<>(figures);
    List<String> by = new java.util.ArrayList<>(figures);
    for (int i = 0; i < figures; i++) {
      SlaReport.ServiceReport r = reports.get(deciding[i]);
      SlaReport.Figure f = r.figures().get(i);
      by.add(r.service());
      out.add(fee != null && f.credit() != null ? withFee.apply(r.service(), i) : f);
    }
    return new Decided(List.copyOf(out), List.copyOf(by));
  }

  /**
   * Per figure, the index of the service that decides it: the worst verdict (not met, then
   * undetermined), then the lowest achieved figure (none at all is lowest); the first such service.
   */
  static int[] deciding(List<SlaReport.ServiceReport> reports, int figures) {
    int[] out = new int[figures];
    for (int i = 0; i < figures; i++) {
      for (int k = 1; k < reports.size(); k++) {
        if (worse(reports.get(k).figures().get(i), reports.get(out[i]).figures().get(i))) {
          out[i] = k;
        }
      }
    }
    return out;
  }

  private static boolean worse(SlaReport.Figure a, SlaReport.Figure b) {
    int ra = rank(a.verdict());
    int rb = rank(b.verdict());
    if (ra != rb) {
      return ra > rb;
    }
    BigDecimal x = a.achieved();
    BigDecimal y = b.achieved();
    if (y == null) {
      return false;
    }
    return x == null || x.compareTo(y) < 0;
  }

  private static int rank(SlaReport.Verdict v) {
    return switch (v) {
      case NOT_MET -> 3;
      case UNDETERMINED -> 2;
      case MET -> 1;
      case NO_TARGET -> 0;
    };
  }

  /**
   * The reliability of the service that decides it: a promise missed by any service, else the
   * lowest MTBF (a service without failures has none, the best).
   */
  static SlaReport.Reliability reliability(
      List<SlaReport.ServiceReport> reports, Duration promised) {
    SlaReport.Reliability worst = null;
    for (SlaReport.ServiceReport r : reports) {
      SlaReport.Reliability x = r.reliability();
      if (worst == null || worse(x, worst)) {
        worst = x;
      }
    }
    return worst == null ? OutageFigures.reliability(Duration.ZERO, 0, promised) : worst;
  }

  private static boolean worse(SlaReport.Reliability a, SlaReport.Reliability b) {
    if (Boolean.FALSE.equals(a.met()) != Boolean.FALSE.equals(b.met())) {
      return Boolean.FALSE.equals(a.met());
    }
    if (a.mtbf() == null) {
      return false;
    }
    return b.mtbf() == null || a.mtbf().compareTo(b.mtbf()) < 0;
  }
}
