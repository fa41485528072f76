package dev.vakt.maintenance.planning;

import dev.vakt.contract.MaintenanceTerms;
import dev.vakt.contract.WeeklyHours;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Whether planned work fits a contract's maintenance windows (MNT-1 to MNT-3, MNT-11): the whole of
 * {@code [from, to)} must lie inside one occurrence of a window that allows the purpose, laid on
 * the calendar in the contract's time zone (DST included) and, for {@code working-days} or {@code
 * except-holidays}, without its country's public holidays; and the customer must be told at least
 * the window's notice ahead. A pure function: the caller gives the day's terms, holidays and time.
 */
public final class MaintenanceWindows {

  private MaintenanceWindows() {}

  /** The verdict on planned work. */
  public sealed interface Verdict {
    /**
     * It fits {@code window} (or an agreed window, {@code kind} null); {@code notice} is the lead
     * time the customer must be told by.
     */
    record Fits(String window, MaintenanceTerms.WindowKind kind, Duration notice)
        implements Verdict {}

    /** It fits no window, each reason saying why for one window. */
    record Outside(List<String> reasons) implements Verdict {}
  }

  /**
   * @param purpose what the work is, or null for any
   * @param now when it is being planned: a window with notice needs {@code from - now >= notice}
   */
  public static Verdict check(
      MaintenanceTerms terms,
      ZoneId zone,
      Set<LocalDate> holidays,
      Instant from,
      Instant to,
      MaintenanceTerms.Purpose purpose,
      Instant now) {
    List<String> reasons = new ArrayList<>();
    // A window agreed in writing for this occasion (MNT-1) allows any work inside it.
    for (dev.vakt.contract.AgreedWindow a :
        terms == null || terms.agreed() == null
            ? List.<dev.vakt.contract.AgreedWindow>of()
            : terms.agreed()) {
      Instant start = a.start().atZone(zone).toInstant();
      Instant end = a.end().atZone(zone).toInstant();
      if (!from.isBefore(start) && !to.isAfter(end)) {
        return new Verdict.Fits("agreed: " + a.reference(), null, Duration.ZERO);
      }
    }
    if (terms == null || terms.windows() == null || terms.windows().isEmpty()) {
      return new Verdict.Outside(List.of("the contract sets no maintenance windows"));
    }
    for (MaintenanceTerms.Window w : terms.windows()) {
      if (purpose != null && w.purposes() != null && !w.purposes().contains(purpose)) {
        reasons.add(w.name() + ": not for " + purpose.code() + " (only " + codes(w) + ")");
        continue;
      }
      boolean inside =
          WeeklyHours.spans(w.schedule(), zone, holidays, from, to).stream()
              .anyMatch(s -> s.covers(from, to));
      if (!inside) {
        reasons.add(w.name() + ": the work does not lie within one of its times");
        continue;
      }
      Duration notice = w.notice() == null ? Duration.ZERO : w.notice();
      if (Duration.between(now, from).compareTo(notice) < 0) {
        reasons.add(
            w.name()
                + ": needs "
                + dev.vakt.common.TimeSpans.format(notice)
                + " notice, the work starts sooner");
        continue;
      }
      return new Verdict.Fits(w.name(), w.kind(), notice);
    }
    return new Verdict.Outside(List.copyOf(reasons));
  }

  private static String codes(MaintenanceTerms.Window w) {
    return String.join(
        ", ", w.purposes().stream().map(MaintenanceTerms.Purpose::code).sorted().toList());
  }
}
