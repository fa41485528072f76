package dev.vakt.sla;

import dev.vakt.contract.OutageCategory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The timeline of a customer's solution as a whole ({@code sla.scope: solution}): down while any of
 * its services is down, so one service's downtime counts in full (the union of the services'
 * downtime, never an average of service time); unmonitored while none is down and any is
 * unmonitored; up only when every service is up.
 */
final class Solution {

  private Solution() {}

  /** The union of the services' segments, each list in order and without overlaps of its own. */
  static List<Timeline.Seg> union(List<List<Timeline.Seg>> services, Set<OutageCategory> excluded) {
    List<Timeline.Seg> all = new ArrayList<>();
    services.forEach(all::addAll);
    all.sort(Comparator.comparingLong(Timeline.Seg::from));
    long[] cuts = new long[2 * all.size()];
    int n = 0;
    for (Timeline.Seg s : all) {
      cuts[n++] = s.from();
      cuts[n++] = s.to();
    }
    Arrays.sort(cuts);
    List<Timeline.Seg> active = new ArrayList<>();
    List<Timeline.Seg> out = new ArrayList<>();
    int next = 0;
    for (int i = 0; i + 1 < n; i++) {
      long a = cuts[i];
      long b = cuts[i + 1];
      if (a == b) {
        continue;
      }
      while (next < all.size() && all.get(next).from() <= a) {
        active.add(all.get(next++));
      }
      active.removeIf(s -> s.to() <= a);
      Timeline.Seg decides = decides(active, excluded);
      if (decides != null) {
        Timeline.append(
            out,
            new Timeline.Seg(
                a, b, decides.state(), decides.category(), decides.sources(), decides.incident()));
      }
    }
    return out;
  }

  /** Counted down time first, then any down time, then unmonitored; null when all are up. */
  private static Timeline.Seg decides(List<Timeline.Seg> active, Set<OutageCategory> excluded) {
    Timeline.Seg down = null;
    Timeline.Seg unmonitored = null;
    for (Timeline.Seg s : active) {
      if (s.state() == SlaReport.State.DOWN) {
        if (!excluded.contains(s.category())) {
          return s;
        }
        down = down == null ? s : down;
      } else if (unmonitored == null) {
        unmonitored = s;
      }
    }
    return down != null ? down : unmonitored;
  }
}
