package dev.vakt.sla;

import java.time.Instant;

/**
 * Why a stretch of a timeline is what it is: the ledger event behind it, described only when a
 * report is read. A year of ledger for ten thousand services holds over a million events; writing
 * each one's sentence up front cost more than computing the figures (see docs/BENCHMARKS.md).
 *
 * @param event the event, or null when {@code text} says it all
 * @param text a ready description, or null to describe {@code event}
 */
record Why(SlaEvent event, String text) {

  static Why of(SlaEvent event) {
    return new Why(event, null);
  }

  static Why text(String text) {
    return new Why(null, text);
  }

  /** The sentence a reader of the report sees, e.g. "state critical at 2026-03-01T10:00:00Z". */
  String describe() {
    if (text != null) {
      return text;
    }
    return switch (event) {
      case SlaEvent.StateChange s ->
          "state " + s.state().code() + " at " + iso(s.at()) + paren(s.reason());
      case SlaEvent.Report r -> "report " + r.id() + " at " + iso(r.at()) + paren(r.reason());
      case SlaEvent.Maintenance m -> "maintenance " + m.id() + paren(m.reference());
      case SlaEvent.AccessLost a -> "access-lost from " + iso(a.from());
      case SlaEvent.Classified c ->
          "period " + c.category().code() + " from " + iso(c.from()) + paren(c.reason());
      case SlaEvent.Reclassify r ->
          "reclassified "
              + r.category().code()
              + " by "
              + r.by()
              + " at "
              + iso(r.at())
              + " ("
              + r.reason()
              + ")";
      case SlaEvent.Gap g ->
          "monitoring gap " + iso(g.from()) + " to " + iso(g.to()) + paren(g.reason());
      case SlaEvent.Action a -> a.kind().code() + " by " + a.by() + " at " + iso(a.at());
    };
  }

  private static String paren(String s) {
    return s == null ? "" : " (" + s + ")";
  }

  private static String iso(Instant t) {
    return IsoInstant.format(t.toEpochMilli());
  }
}
