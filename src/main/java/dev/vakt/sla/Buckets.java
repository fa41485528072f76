package dev.vakt.sla;

import dev.vakt.contract.OutageCategory;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Time accumulated per calendar day of the contract's zone (split further at window edges), so that
 * every window, month and credited day is a sum of whole buckets. One row per bucket: unmonitored
 * time, down time, counted down time, then down time per {@link OutageCategory}.
 */
final class Buckets {

  static final int UNMONITORED = 0;
  static final int DOWN = 1;
  static final int COUNTED = 2;
  static final int CATEGORY = 3;
  static final int WIDTH = CATEGORY + OutageCategory.values().length;

  /** One day's sums inside a window. */
  record Day(LocalDate date, long basis, long unmonitored, long counted) {}

  private final long[] cuts;
  private final LocalDate[] dates;

  /** Buckets over {@code [start, end)}: each local midnight is a cut, and so is each extra one. */
  Buckets(ZoneId zone, long start, long end, long[] extra) {
    List<Long> c = new ArrayList<>();
    c.add(start);
    c.add(end);
    for (LocalDate d = OpeningHours.date(start, zone).plusDays(1);
        !d.isAfter(OpeningHours.date(end, zone));
        d = d.plusDays(1)) {
      c.add(d.atStartOfDay(zone).toInstant().toEpochMilli());
    }
    for (long x : extra) {
      c.add(x);
    }
    this.cuts =
        c.stream()
            .mapToLong(Long::longValue)
            .filter(x -> x >= start && x <= end)
            .sorted()
            .distinct()
            .toArray();
    this.dates = new LocalDate[cuts.length - 1];
    for (int i = 0; i < dates.length; i++) {
      dates[i] = OpeningHours.date(cuts[i], zone);
    }
  }

  int size() {
    return dates.length;
  }

  /** Basis time per bucket: all of it, or its share of the given opening intervals. */
  long[] basis(long[] open) {
    long[] out = new long[size()];
    if (open == null) {
      for (int i = 0; i < out.length; i++) {
        out[i] = cuts[i + 1] - cuts[i];
      }
      return out;
    }
    for (int k = 0; k + 1 < open.length; k += 2) {
      spread(open[k], open[k + 1], (i, len) -> out[i] += len);
    }
    return out;
  }

  /**
   * One service's buckets at a time. A report over many services reuses one of these instead of
   * allocating a year of buckets per service (most of its garbage otherwise), and clears and adds
   * to the total only the rows the service touched: a few dozen of a year's 365.
   */
  final class Scratch {
    final long[] data = new long[size() * WIDTH];
    private final int[] touched = new int[size()];
    private final boolean[] marked = new boolean[size()];
    private int count;

    private void clear() {
      for (int k = 0; k < count; k++) {
        int i = touched[k];
        Arrays.fill(data, i * WIDTH, i * WIDTH + WIDTH, 0);
        marked[i] = false;
      }
      count = 0;
    }

    private int row(int i) {
      if (!marked[i]) {
        marked[i] = true;
        touched[count++] = i;
      }
      return i * WIDTH;
    }

    /** Adds these buckets to {@code total}, row by row. */
    void addTo(long[] total) {
      for (int k = 0; k < count; k++) {
        int row = touched[k] * WIDTH;
        for (int c = 0; c < WIDTH; c++) {
          total[row + c] += data[row + c];
        }
      }
    }
  }

  Scratch scratch() {
    return new Scratch();
  }

  /** Down and unmonitored time of {@code segs} inside the basis, per bucket, into {@code into}. */
  void accumulate(
      List<Timeline.Seg> segs, long[] open, Set<OutageCategory> excluded, Scratch into) {
    into.clear();
    for (Timeline.Seg s : segs) {
      boolean down = s.state() == SlaReport.State.DOWN;
      // The columns this segment adds to; -1 for none.
      int first = down ? DOWN : UNMONITORED;
      int second = down ? CATEGORY + s.category().ordinal() : -1;
      int third = down && !excluded.contains(s.category()) ? COUNTED : -1;
      if (open == null) {
        spread(s.from(), s.to(), into, first, second, third);
      } else {
        // The first opening interval that ends after the segment starts, then on while they
        // overlap.
        int k = firstEndingAfter(open, s.from());
        for (; k + 1 < open.length && open[k] < s.to(); k += 2) {
          spread(
              Math.max(open[k], s.from()),
              Math.min(open[k + 1], s.to()),
              into,
              first,
              second,
              third);
        }
      }
    }
  }

  /** {@link #spread(long, long, Add)} into up to three columns of each bucket's row. */
  private void spread(long from, long to, Scratch into, int first, int second, int third) {
    from = Math.max(from, cuts[0]);
    to = Math.min(to, cuts[cuts.length - 1]);
    if (from >= to) {
      return;
    }
    int i = bucketOf(from);
    while (from < to) {
      long end = Math.min(to, cuts[i + 1]);
      long len = end - from;
      int row = into.row(i);
      into.data[row + first] += len;
      if (second >= 0) {
        into.data[row + second] += len;
      }
      if (third >= 0) {
        into.data[row + third] += len;
      }
      from = end;
      i++;
    }
  }

  /** Column sums over the buckets inside {@code [from, to)}, with the basis as the last entry. */
  long[] sum(long[] data, long[] basis, long from, long to) {
    long[] out = new long[WIDTH + 1];
    for (int i = first(from); i < size() && cuts[i + 1] <= to; i++) {
      out[WIDTH] += basis[i];
      int row = i * WIDTH;
      // Every time added to a row is down or unmonitored: a row with neither is all zeros, as
      // most of a service's days are.
      if (data[row + DOWN] != 0 || data[row + UNMONITORED] != 0) {
        for (int c = 0; c < WIDTH; c++) {
          out[c] += data[row + c];
        }
      }
    }
    return out;
  }

  /** The calendar days inside {@code [from, to)} with their sums, in date order. */
  List<Day> days(long[] data, long[] basis, long from, long to) {
    List<Day> out = new ArrayList<>();
    for (int i = first(from); i < size() && cuts[i + 1] <= to; i++) {
      Day d = new Day(dates[i], basis[i], data[i * WIDTH + UNMONITORED], data[i * WIDTH + COUNTED]);
      Day last = out.isEmpty() ? null : out.getLast();
      if (last != null && last.date().equals(d.date())) {
        out.set(
            out.size() - 1,
            new Day(
                d.date(),
                last.basis() + d.basis(),
                last.unmonitored() + d.unmonitored(),
                last.counted() + d.counted()));
      } else {
        out.add(d);
      }
    }
    return out;
  }

  private interface Add {
    void add(int bucket, long length);
  }

  /** Hands {@code [from, to)} to {@code add} bucket by bucket; time outside the buckets is lost. */
  private void spread(long from, long to, Add add) {
    from = Math.max(from, cuts[0]);
    to = Math.min(to, cuts[cuts.length - 1]);
    if (from >= to) {
      return;
    }
    int i = bucketOf(from);
    while (from < to) {
      long end = Math.min(to, cuts[i + 1]);
      add.add(i, end - from);
      from = end;
      i++;
    }
  }

  private int bucketOf(long t) {
    int i = Arrays.binarySearch(cuts, t);
    return i >= 0 ? Math.min(i, size() - 1) : -i - 2;
  }

  private int first(long from) {
    int i = Arrays.binarySearch(cuts, from);
    return i >= 0 ? i : -i - 1;
  }

  private static int firstEndingAfter(long[] open, long t) {
    int lo = 0;
    int hi = open.length / 2;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (open[2 * mid + 1] <= t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return 2 * lo;
  }
}
