package dev.vakt.sla;

import dev.vakt.contract.OutageCategory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The events sorted per service, so each service's timeline reads only its own. Times are epoch
 * milliseconds; an open end ({@code to} absent) is {@link Long#MAX_VALUE}.
 */
final class ServiceEvents {

  static final long OPEN = Long.MAX_VALUE;

  /**
   * A service's hard states in order of instant, as three arrays rather than a record per state: a
   * year of ten thousand services holds a million of them. The reason of a state is made only when
   * asked: most states are ok, and only a state that makes a segment of the timeline is a source.
   */
  static final class States {
    private long[] at;
    private byte[] level;
    private SlaEvent[] event; // state changes, typed loosely so that reading one checks nothing
    private int size;

    States(int capacity) {
      at = new long[capacity];
      level = new byte[capacity];
      event = new SlaEvent[capacity];
    }

    private void add(long instant, byte levelOrdinal, SlaEvent change) {
      at[size] = instant;
      level[size] = levelOrdinal;
      event[size++] = change;
    }

    int size() {
      return size;
    }

    long at(int k) {
      return at[k];
    }

    SlaEvent.Level level(int k) {
      return LEVELS[level[k]];
    }

    Why source(int k) {
      return Why.of(event[k]);
    }

    String incident(int k) {
      return ((SlaEvent.StateChange) event[k]).incident();
    }

    /** Stable: of two states at the same instant, the later line in the ledger holds. */
    private void sortByInstant() {
      boolean sorted = true;
      for (int k = 1; k < size && sorted; k++) {
        sorted = at[k - 1] <= at[k];
      }
      if (sorted) {
        return; // the usual ledger, written as it happened
      }
      List<Integer> order = new ArrayList<>(size);
      for (int k = 0; k < size; k++) {
        order.add(k);
      }
      order.sort(Comparator.comparingLong(k -> at[k]));
      long[] a = new long[size];
      byte[] l = new byte[size];
      SlaEvent[] e = new SlaEvent[size];
      for (int k = 0; k < size; k++) {
        a[k] = at[order.get(k)];
        l[k] = level[order.get(k)];
        e[k] = event[order.get(k)];
      }
      at = a;
      level = l;
      event = e;
    }
  }

  /** Something that holds over {@code [from, to)}: a report, a gap, or a classification. */
  record Span(long from, long to, Why source) {}

  /**
   * A period that gives down time a category. {@code rank} orders competing classifications: a
   * reclassification outranks every other kind, and among reclassifications the latest decision
   * wins; other kinds rank by their order in the ledger, first wins.
   */
  record Classification(long from, long to, OutageCategory category, Why source, long rank) {}

  /** An action on a fault. */
  record Act(long at, SlaEvent.ActionKind kind, String by) {}

  /** One service's events. */
  static final class Events {
    final States states;
    final List<Span> reports = new ArrayList<>();
    final List<Classification> classifications = new ArrayList<>();
    final List<Act> actions = new ArrayList<>();

    /** Room for {@code events} states: most of a service's events are. */
    Events(int events) {
      states = new States(events);
    }
  }

  private static final Events NONE = new Events(0);
  private static final int NOT_REPORTED = -1;
  private static final int SEVERAL = -2; // a period naming a list of services

  private static final SlaEvent.Level[] LEVELS = SlaEvent.Level.values();
  private static final byte NOT_A_STATE = -1;

  private final Index index;

  /**
   * The events of each service reported on, service by service, in ledger order within each: those
   * of service {@code k} are at {@code first[k]} to {@code first[k + 1] - 1} of {@code grouped},
   * with their position in the ledger, and for state changes their instant and level, read once.
   * Each service's lists are made from these only when it is computed, so a year of ten thousand
   * services is not held as a record per event for the whole report, and a service's events are
   * read from a few flat arrays instead of from all over the heap.
   */
  private final int[] first;

  private final SlaEvent[] grouped;
  private final int[] positions;
  private final long[] stateAt;
  private final byte[] level;
  private final List<Span> gaps;

  ServiceEvents(List<? extends SlaEvent> events, List<String> services) {
    this.index = new Index(services);
    int n = events.size();
    SlaEvent[] all = new SlaEvent[n];
    int[] owner = new int[n];
    long[] at = new long[n];
    byte[] levels = new byte[n];
    int[] count = new int[services.size() + 1];
    List<Span> gapList = new ArrayList<>();
    for (int p = 0; p < n; p++) {
      SlaEvent e = events.get(p);
      all[p] = e;
      int k;
      levels[p] = NOT_A_STATE;
      // State changes first, with a plain instanceof: this loop sees every event of the ledger,
      // and the pattern switch below costs more per event than this test.
      if (e instanceof SlaEvent.StateChange s) {
        k = index.get(s.service());
        at[p] = ms(s.at());
        levels[p] = (byte) s.state().ordinal();
      } else {
        k =
            switch (e) {
              case SlaEvent.StateChange s -> throw new IllegalStateException("seen above");
              case SlaEvent.Report r -> index.get(r.service());
              case SlaEvent.Reclassify r -> index.get(r.service());
              case SlaEvent.Action a -> index.get(a.service());
              case SlaEvent.Maintenance m -> several(m.services(), count);
              case SlaEvent.AccessLost a -> several(a.services(), count);
              case SlaEvent.Classified c -> several(c.services(), count);
              case SlaEvent.Gap g -> {
                gapList.add(new Span(ms(g.from()), ms(g.to()), Why.of(g)));
                yield NOT_REPORTED;
              }
            };
      }
      owner[p] = k;
      if (k >= 0) {
        count[k + 1]++;
      }
    }
    for (int k = 0; k < services.size(); k++) {
      count[k + 1] += count[k];
    }
    int slots = count[services.size()];
    this.first = count.clone();
    this.grouped = new SlaEvent[slots];
    this.positions = new int[slots];
    this.stateAt = new long[slots];
    this.level = new byte[slots];
    for (int p = 0; p < n; p++) {
      int k = owner[p];
      if (k >= 0) {
        int i = count[k]++;
        grouped[i] = all[p];
        positions[i] = p;
        stateAt[i] = at[p];
        level[i] = levels[p];
      } else if (k == SEVERAL) {
        for (String s : services(all[p])) {
          int t = index.get(s);
          if (t >= 0) {
            int i = count[t]++;
            grouped[i] = all[p];
            positions[i] = p;
            level[i] = NOT_A_STATE;
          }
        }
      }
    }
    gapList.sort(Comparator.comparingLong(Span::from)); // stable
    this.gaps = List.copyOf(gapList);
  }

  /**
   * One service's events, sorted: states by instant (stable: of two states at the same instant, the
   * later line in the ledger holds), reports by start, actions by instant. Made anew at each call.
   */
  Events of(String service) {
    int k = index.get(service);
    if (k < 0 || first[k] == first[k + 1]) {
      return NONE;
    }
    Events x = new Events(first[k + 1] - first[k]);
    for (int i = first[k]; i < first[k + 1]; i++) {
      if (level[i] != NOT_A_STATE) { // most of them, from the arrays alone
        x.states.add(stateAt[i], level[i], grouped[i]);
        continue;
      }
      // A rank by ledger order: the first event is 1.
      long order = positions[i] + 1L;
      switch (grouped[i]) {
        case SlaEvent.StateChange s -> throw new IllegalStateException("read above");
        case SlaEvent.Report r ->
            x.reports.add(
                new Span(ms(r.at()), r.fixedAt() == null ? OPEN : ms(r.fixedAt()), Why.of(r)));
        case SlaEvent.Maintenance m ->
            x.classifications.add(
                classification(
                    m.from(), m.to(), OutageCategory.PLANNED_MAINTENANCE, Why.of(m), order));
        case SlaEvent.AccessLost a ->
            x.classifications.add(
                classification(a.from(), a.to(), OutageCategory.ACCESS_LOST, Why.of(a), order));
        case SlaEvent.Classified c ->
            x.classifications.add(classification(c.from(), c.to(), c.category(), Why.of(c), order));
        case SlaEvent.Reclassify r ->
            // Above every other kind (ranks below 0 are reclassifications): the later decision
            // is the more negative, and the lowest wins.
            x.classifications.add(
                new Classification(
                    ms(r.from()),
                    ms(r.to()),
                    r.category(),
                    Why.of(r),
                    Long.MIN_VALUE / 2 - ms(r.at())));
        case SlaEvent.Action a -> x.actions.add(new Act(ms(a.at()), a.kind(), a.by()));
        case SlaEvent.Gap g -> throw new IllegalStateException("gaps concern every service");
      }
    }
    // Stable sorts, and in the usual ledger, written as it happened, nothing to move.
    x.states.sortByInstant();
    x.reports.sort(Comparator.comparingLong(Span::from));
    x.actions.sort(Comparator.comparingLong(Act::at));
    return x;
  }

  /** Every monitoring gap, sorted by start; gaps apply to all services (MON-9). */
  List<Span> gaps() {
    return gaps;
  }

  private static Classification classification(
      Instant from, Instant to, OutageCategory category, Why source, long order) {
    return new Classification(ms(from), to == null ? OPEN : ms(to), category, source, order);
  }

  /** Counts a period for each of its services reported on (a service named twice, twice). */
  private int several(List<String> targets, int[] count) {
    for (String s : targets) {
      int k = index.get(s);
      if (k >= 0) {
        count[k + 1]++;
      }
    }
    return SEVERAL;
  }

  private static List<String> services(SlaEvent period) {
    return switch (period) {
      case SlaEvent.Maintenance m -> m.services();
      case SlaEvent.AccessLost a -> a.services();
      case SlaEvent.Classified c -> c.services();
      default -> List.of();
    };
  }

  /**
   * The services reported on, by id, to their position in the request; {@link #NOT_REPORTED} for
   * any other. Looked up once per event of the ledger: an open-addressing table that compares hash
   * codes in one flat array before it reads a key, where a {@code HashMap<String, Integer>} follows
   * a node, and often a chain of them, for each event.
   */
  private static final class Index {
    private final int[] hashes;
    private final String[] keys;
    private final int[] values;
    private final int shift;

    Index(List<String> services) {
      int bits = 32 - Integer.numberOfLeadingZeros(Math.max(1, services.size() * 4 - 1));
      shift = 32 - bits;
      hashes = new int[1 << bits];
      keys = new String[1 << bits];
      values = new int[1 << bits];
      for (int k = 0; k < services.size(); k++) {
        String s = services.get(k);
        int i = slot(s);
        if (keys[i] == null) {
          hashes[i] = s.hashCode();
          keys[i] = s;
          values[i] = k;
        }
      }
    }

    int get(String service) {
      int i = slot(service);
      return keys[i] == null ? NOT_REPORTED : values[i];
    }

    /** The slot of {@code s}, or the free slot where it would go (a quarter at most is used). */
    private int slot(String s) {
      int h = s.hashCode();
      int mask = keys.length - 1;
      int i = (h * 0x9E3779B9) >>> shift; // Fibonacci hashing: ids that differ a little spread
      while (keys[i] != null && (hashes[i] != h || !keys[i].equals(s))) {
        i = (i + 1) & mask;
      }
      return i;
    }
  }

  static long ms(Instant t) {
    return t.toEpochMilli();
  }
}
