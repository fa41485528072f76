package dev.vakt.sla;

import dev.vakt.common.Money;
import dev.vakt.common.Percent;
import dev.vakt.contract.OutageCategory;
import dev.vakt.contract.SlaTerms;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Percentages, verdicts and budgets from summed buckets. Figures are exact fractions until shown:
 * comparisons with a target are made without rounding, and a shown figure is rounded down to {@link
 * #SCALE} decimals, so rounding can never make a missed target look met.
 */
final class Figures {

  static final int SCALE = 4;
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  /** What one figure measures. */
  record Spec(String name, SlaTerms.Basis basis, SlaTerms.Objective objective, Windows.W window) {}

  /** The inputs every figure of one part (a service or the total) shares. */
  record Inputs(
      Buckets buckets,
      long[] data,
      long[] basis,
      Set<OutageCategory> excluded,
      Money fee,
      ZoneId zone,
      long now) {}

  private Figures() {}

  static SlaReport.Figure figure(Spec spec, Inputs in) {
    return figure(spec, in, true);
  }

  private static SlaReport.Figure figure(Spec spec, Inputs in, boolean withParts) {
    Windows.W w = spec.window();
    long to = Math.min(w.to(), in.now());
    long[] s = in.buckets().sum(in.data(), in.basis(), w.from(), to);
    SlaReport.Breakdown time = breakdown(s, in.excluded());
    long basis = s[Buckets.WIDTH];
    long unmonitored = s[Buckets.UNMONITORED];
    long down = s[Buckets.COUNTED];
    long monitored = basis - unmonitored;
    Percent target = spec.objective() == null ? null : spec.objective().target();
    SlaReport.Verdict verdict = verdict(target, monitored, down);
    SlaReport.Budget budget = null;
    if (target != null) {
      long allowed =
          BigDecimal.valueOf(basis)
              .multiply(HUNDRED.subtract(target.value()))
              .divide(HUNDRED, 0, RoundingMode.DOWN)
              .longValueExact();
      budget =
          new SlaReport.Budget(
              Duration.ofMillis(allowed),
              Duration.ofMillis(down),
              Duration.ofMillis(allowed - down));
    }
    SlaReport.Credit credit = null;
    SlaTerms.Credit terms = spec.objective() == null ? null : spec.objective().credit();
    if (terms instanceof SlaTerms.Credit.WholeDaysUntilMet && target != null) {
      credit =
          Credits.wholeDays(
              in.buckets().days(in.data(), in.basis(), w.from(), to),
              target,
              verdict,
              in.fee(),
              OpeningHours.date(to - 1, in.zone()));
    } else if (terms instanceof SlaTerms.Credit.FeePercent fp) {
      credit = Credits.feePercent(fp, monitored, down, in.fee());
    }
    List<SlaReport.Figure> months = new ArrayList<>();
    if (withParts) {
      for (Windows.W m : w.months()) {
        if (m.from() < in.now()) {
          Spec part = new Spec(spec.name(), spec.basis(), withoutCredit(spec.objective()), m);
          months.add(figure(part, in, false));
        }
      }
    }
    return new SlaReport.Figure(
        spec.name(),
        spec.basis(),
        target,
        new SlaReport.Window(
            Instant.ofEpochMilli(w.from()), Instant.ofEpochMilli(to), w.description(), to < w.to()),
        time,
        monitored > 0 ? percent(monitored - down, monitored) : null,
        basis > 0 ? percent(basis - unmonitored - down, basis) : null,
        verdict,
        budget,
        credit,
        List.copyOf(months));
  }

  /**
   * The one rule for gaps (docs/outages.md): judged on monitored time, whether or not the contract
   * excludes {@code unmonitored}; only a window with no monitored time is undetermined.
   */
  static SlaReport.Verdict verdict(Percent target, long monitored, long down) {
    if (target == null) {
      return SlaReport.Verdict.NO_TARGET;
    }
    if (monitored <= 0) {
      return SlaReport.Verdict.UNDETERMINED;
    }
    return meets(monitored - down, monitored, target)
        ? SlaReport.Verdict.MET
        : SlaReport.Verdict.NOT_MET;
  }

  static SlaReport.Breakdown breakdown(long[] s, Set<OutageCategory> excluded) {
    List<SlaReport.CategoryTime> categories = new ArrayList<>();
    for (OutageCategory c : OutageCategory.values()) {
      long t = s[Buckets.CATEGORY + c.ordinal()];
      if (t > 0) {
        categories.add(new SlaReport.CategoryTime(c, Duration.ofMillis(t), excluded.contains(c)));
      }
    }
    long time = s[Buckets.WIDTH];
    return new SlaReport.Breakdown(
        Duration.ofMillis(time),
        Duration.ofMillis(time - s[Buckets.DOWN] - s[Buckets.UNMONITORED]),
        Duration.ofMillis(s[Buckets.DOWN]),
        Duration.ofMillis(s[Buckets.COUNTED]),
        Duration.ofMillis(s[Buckets.UNMONITORED]),
        List.copyOf(categories));
  }

  /** {@code part / whole} in %, rounded down to {@link #SCALE} decimals. */
  static BigDecimal percent(long part, long whole) {
    if (whole <= 0) {
      return null;
    }
    return BigDecimal.valueOf(part)
        .multiply(HUNDRED)
        .divide(BigDecimal.valueOf(whole), SCALE, RoundingMode.DOWN);
  }

  /** Whether {@code part / whole >= target}, exactly. */
  static boolean meets(long part, long whole, Percent target) {
    return BigDecimal.valueOf(part)
            .multiply(HUNDRED)
            .compareTo(target.value().multiply(BigDecimal.valueOf(whole)))
        >= 0;
  }

  private static SlaTerms.Objective withoutCredit(SlaTerms.Objective o) {
    // A month of a longer window shows its own figure; the credit belongs to the whole window.
    return o == null ? null : new SlaTerms.Objective(o.target(), o.measurement(), o.basis(), null);
  }
}
