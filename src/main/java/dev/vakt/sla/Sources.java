package dev.vakt.sla;

import java.util.AbstractList;
import java.util.Collection;
import java.util.List;
import java.util.RandomAccess;

/**
 * The sources of an interval or outage as a list of sentences, each written when first read. Looks
 * like any unmodifiable {@code List<String>} to the report's readers (JSON, text, tests).
 */
final class Sources extends AbstractList<String> implements RandomAccess {

  static final Sources NONE = new Sources(new Why[0]);

  private final Why[] whys;

  /** The sentences once read; null until then (most reports are never read whole). */
  private String[] texts;

  private Sources(Why[] whys) {
    this.whys = whys;
  }

  static Sources of(Why why) {
    return new Sources(new Why[] {why});
  }

  static Sources of(Collection<Why> whys) {
    return whys.isEmpty() ? NONE : new Sources(whys.toArray(Why[]::new));
  }

  /** The first {@code n} of {@code whys}, which the caller hands over and no longer changes. */
  static Sources of(Why[] whys, int n) {
    return n == 0 ? NONE : new Sources(n == whys.length ? whys : java.util.Arrays.copyOf(whys, n));
  }

  /** This list with {@code why} added at the end. */
  Sources plus(Why why) {
    Why[] more = java.util.Arrays.copyOf(whys, whys.length + 1);
    more[whys.length] = why;
    return new Sources(more);
  }

  /** The reasons themselves, not their sentences. */
  List<Why> whys() {
    return List.of(whys);
  }

  /** Whether both name the same events, without writing any sentence. */
  boolean sameAs(Sources other) {
    return java.util.Arrays.equals(whys, other.whys);
  }

  /** The reason at {@code index}, without writing its sentence. */
  Why why(int index) {
    return whys[index];
  }

  @Override
  public String get(int index) {
    String[] t = texts;
    if (t == null) {
      t = new String[whys.length];
      texts = t;
    }
    if (t[index] == null) {
      t[index] = whys[index].describe();
    }
    return t[index];
  }

  @Override
  public int size() {
    return whys.length;
  }
}
