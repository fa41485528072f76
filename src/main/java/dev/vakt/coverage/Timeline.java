package dev.vakt.coverage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One subject's assignments over time: {@code slots[i]} holds from epoch day {@code from[i]} until
 * the next span. {@code terms[i]} is the contract's terms cache for that slot, filled in by the
 * index once, so an answer follows references instead of looking the contract up by name.
 */
record Timeline(long[] from, Assignments.Slot[] slots, ContractTerms[] terms) {

  /** No spans: not covered on any day. */
  static final Timeline NONE =
      new Timeline(new long[0], new Assignments.Slot[0], new ContractTerms[0]);

  /** The span holding {@code epochDay}, or -1 before the first. */
  int index(long epochDay) {
    int lo = 0;
    int hi = from.length - 1;
    int found = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (from[mid] <= epochDay) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }

  /** The slot on {@code epochDay}. */
  Assignments.Slot at(long epochDay) {
    int i = index(epochDay);
    return i < 0 ? Assignments.Slot.NO_CONTRACT : slots[i];
  }

  /**
   * A growing timeline; a span is added only when the slot differs from the last one. Equal when
   * the days are equal and the slots are the same objects, so subjects with the same spans can
   * share one {@link Timeline}.
   */
  static final class Spans {
    private final List<Long> from = new ArrayList<>(2);
    private final List<Assignments.Slot> slots = new ArrayList<>(2);

    void add(long epochDay, Assignments.Slot slot) {
      if (!slots.isEmpty() && same(slots.getLast(), slot)) {
        return;
      }
      from.add(epochDay);
      slots.add(slot);
    }

    private static boolean same(Assignments.Slot a, Assignments.Slot b) {
      return a.status() == b.status() && a.contract() == b.contract() && a.line() == b.line();
    }

    Timeline timeline() {
      long[] f = new long[from.size()];
      for (int i = 0; i < f.length; i++) {
        f[i] = from.get(i);
      }
      return new Timeline(
          f, slots.toArray(Assignments.Slot[]::new), new ContractTerms[slots.size()]);
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof Spans other) || !from.equals(other.from)) {
        return false;
      }
      for (int i = 0; i < slots.size(); i++) {
        if (slots.get(i) != other.slots.get(i)) {
          return false;
        }
      }
      return true;
    }

    @Override
    public int hashCode() {
      int h = from.hashCode();
      for (Assignments.Slot s : slots) {
        h = 31 * h + System.identityHashCode(s);
      }
      return h;
    }
  }

  @Override
  public boolean equals(Object o) {
    return this == o;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }

  @Override
  public String toString() {
    return "Timeline" + Arrays.toString(from);
  }
}
