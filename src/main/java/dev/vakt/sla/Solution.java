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
    List<Tagged> all = new ArrayList<>();
    for (int k = 0; k < services.size(); k++) {
      for (Timeline.Seg s : services.get(k)) {
        all.add(new Tagged(s, k));
      }
    }
    all.sort(Comparator.comparingLong(t -> t.seg().from()));
    long[] cuts = new long[2 * all.size()];
    int n = 0;
    for (Tagged t : all) {
      cuts[n++] = t.seg().from();
      cuts[n++] = t.seg().to();
    }
    Arrays.sort(cuts);
    List<Tagged> active = new ArrayList<>();
    List<Timeline.Seg> out = new ArrayList<>();
    int next = 0;
    for (int i = 0; i + 1 < n; i++) {
      long a = cuts[i];
      long b = cuts[i + 1];
      if (a == b) {
        continue;
      }
      while (next < all.size() && all.get(next).seg().from() <= a) {
        active.add(all.get(next++));
      }
      active.removeIf(t -> t.seg().to() <= a);
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

  /** A segment and the position of its service in the request. */
  private record Tagged(Timeline.Seg seg, int service) {}

  /**
   * Counted down time first, then any down time, then unmonitored; among equals the service asked
   * for first, so the category shown does not depend on the order of events. Null when all are up.
   */
  private static Timeline.Seg decides(List<Tagged> active, Set<OutageCategory> excluded) {
    Tagged best = null;
    for (Tagged t : active) {
      if (best == null
          || rank(t.seg(), excluded) < rank(best.seg(), excluded)
          || rank(t.seg(), excluded) == rank(best.seg(), excluded)
              && t.service() < best.service()) {
        best = t;
      }
    }
    return best == null ? null : best.seg();
  }

  private static int rank(Timeline.Seg s, Set<OutageCategory> excluded) {
    if (s.state() == SlaReport.State.DOWN) {
      return excluded.contains(s.category()) ? 1 : 0;
    }
    return 2;
  }
}
