package dev.vakt.coverage;

import dev.vakt.contract.ResolvedTerms;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One subject's assignments over time: {@code slots[i]} holds from epoch day {@code from[i]} until
 * the next span. Once linked by the index, {@code terms[i]} is the slot's contract's terms and
 * {@code resolved[i]} their value in that span, so an answer follows references instead of looking
 * the contract up by name.
 */
record Timeline(
    long[] from, Assignments.Slot[] slots, ContractTerms[] terms, ResolvedTerms[] resolved) {

  /** No spans: not covered on any day. */
  static final Timeline NONE =
      new Timeline(
          new long[0], new Assignments.Slot[0], new ContractTerms[0], new ResolvedTerms[0]);

  /**
   * This timeline split on every day its contracts' terms may change, each span pointing at its
   * contract's terms: an answer then reads its terms from the span it found (issue 18: coverage in
   * well under a microsecond), resolving them the first time only.
   */
  Timeline linked(java.util.function.Function<String, ContractTerms> termsOf) {
    List<Long> f = new ArrayList<>();
    List<Assignments.Slot> s = new ArrayList<>();
    List<ContractTerms> t = new ArrayList<>();
    for (int i = 0; i < from.length; i++) {
      Assignments.Slot slot = slots[i];
      ContractTerms ct = slot.contract() == null ? null : termsOf.apply(slot.contract().id());
      f.add(from[i]);
      s.add(slot);
      t.add(ct);
      if (ct == null) {
        continue;
      }
      long end = i + 1 < from.length ? from[i + 1] : Long.MAX_VALUE;
      for (java.time.LocalDate d : ct.days()) {
        long day = d.toEpochDay();
        if (day > from[i] && day < end) {
          f.add(day);
          s.add(slot);
          t.add(ct);
        }
      }
    }
    long[] fa = new long[f.size()];
    for (int i = 0; i < fa.length; i++) {
      fa[i] = f.get(i);
    }
    return new Timeline(
        fa,
        s.toArray(Assignments.Slot[]::new),
        t.toArray(ContractTerms[]::new),
        new ResolvedTerms[fa.length]);
  }

  /**
   * The terms of span {@code i} on {@code day} (a day inside that span), or null. Resolved once per
   * span; a race between two threads resolves it twice to equal, immutable answers.
   */
  ResolvedTerms termsAt(int i, java.time.LocalDate day) {
    ContractTerms ct = terms[i];
    if (ct == null) {
      return null;
    }
    ResolvedTerms r = resolved[i];
    if (r == null) {
      r = ct.on(java.time.LocalDate.ofEpochDay(from[i]));
      if (r == null) {
        return null;
      }
      resolved[i] = r;
    }
    return r.day().equals(day)
        ? r
        : new ResolvedTerms(
            r.contract(), r.customer(), r.provider(), day, r.layers(), r.terms(), r.sources());
  }

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
          f,
          slots.toArray(Assignments.Slot[]::new),
          new ContractTerms[slots.size()],
          new ResolvedTerms[slots.size()]);
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
