package dev.vakt.sla;

import java.time.Duration;
import java.util.List;

/**
 * A fault and the monitoring gaps around it (issue 31, SLA-7, MON-9): a fault not seen fixed before
 * a gap is the same fault after it, and one seen up only after a gap lasted until then. Unmonitored
 * time inside an incident is shown as such; it never splits or shortens the incident.
 */
final class AcrossGaps {

  private AcrossGaps() {}

  /**
   * Whether only unmonitored time lies between two down runs, without a break: the fault was not
   * seen fixed, so the run after is the same fault (SLA-7, MON-9).
   */
  static boolean bridged(List<Timeline.Seg> segs, int prevLast, int first) {
    if (first - prevLast < 2) {
      return false; // nothing between: up time, since a run is maximal
    }
    for (int k = prevLast + 1; k < first; k++) {
      Timeline.Seg s = segs.get(k);
      if (s.state() != SlaReport.State.UNMONITORED || s.from() != segs.get(k - 1).to()) {
        return false;
      }
    }
    return segs.get(first).from() == segs.get(first - 1).to();
  }

  /**
   * Unmonitored time right after a run that no down run continues: the fault was last seen down, so
   * its incident runs until the service was next seen, clipped to the period. Zero when the service
   * is seen again at once, or when the fault goes on across the gap (the next run's {@code
   * gapBefore} then holds it).
   */
  static Duration gapAfter(List<Timeline.Seg> segs, int last, long runTo, OutageFigures.Bounds b) {
    int k = last + 1;
    while (k < segs.size()
        && segs.get(k).state() == SlaReport.State.UNMONITORED
        && segs.get(k).from() == segs.get(k - 1).to()) {
      k++;
    }
    if (k == last + 1) {
      return Duration.ZERO;
    }
    long to = segs.get(k - 1).to();
    if (k < segs.size()
        && segs.get(k).state() == SlaReport.State.DOWN
        && segs.get(k).from() == to) {
      return Duration.ZERO;
    }
    long gap = Math.min(to, b.until()) - Math.max(runTo, b.from());
    return gap <= 0 ? Duration.ZERO : Duration.ofMillis(gap);
  }
}
