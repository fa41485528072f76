package dev.vakt.maintenance.planning;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableStatus;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

/**
 * Planned maintenance as an iCalendar feed (RFC 5545) that calendar programs subscribe to: one
 * event per maintenance, in UTC, with a stable UID so a cancellation ({@code STATUS:CANCELLED}, a
 * higher {@code SEQUENCE}) replaces the event a subscriber already has.
 *
 * <p>A customer's feed shows only that customer's services and nothing internal (no override
 * reason, no technician, no other customer); the staff feed shows everything.
 */
final class MaintenanceCalendar {

  private MaintenanceCalendar() {}

  /** Who reads the feed, which decides what it shows. */
  sealed interface Audience {
    /** A customer: its own services only. */
    record Customer(String id) implements Audience {}

    /** Staff: everything, including overrides and who does the work. */
    record Staff() implements Audience {}
  }

  static String ics(List<PlannedMaintenance> all, Audience audience, String name) {
    Calendar cal = new Calendar();
    cal.add(new ProdId("-//Vakt//Planned maintenance//EN"));
    cal.add(ImmutableVersion.VERSION_2_0);
    cal.add(ImmutableCalScale.GREGORIAN);
    cal.add(ImmutableMethod.PUBLISH);
    cal.add(new XProperty("X-WR-CALNAME", name));
    for (PlannedMaintenance m : all) {
      cal.add(event(m, audience));
    }
    StringWriter out = new StringWriter();
    try {
      // Validation off: it would refuse nothing this class writes, and costs per event.
      new CalendarOutputter(false).output(cal, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static VEvent event(PlannedMaintenance m, Audience audience) {
    VEvent e = new VEvent(m.from(), m.to(), m.title());
    e.add(new Uid(m.id() + "@vakt"));
    // The constructor stamps the event with the time of writing; the stamp is when it last changed.
    e.replace(new DtStamp(m.changedAt()));
    boolean cancelled = m.state() == PlannedMaintenance.State.CANCELLED;
    e.add(new Sequence(cancelled ? 1 : 0));
    e.add(cancelled ? ImmutableStatus.VEVENT_CANCELLED : ImmutableStatus.VEVENT_CONFIRMED);
    e.add(new Description(description(m, audience)));
    return e;
  }

  private static String description(PlannedMaintenance m, Audience audience) {
    List<String> lines = new ArrayList<>();
    if (m.description() != null) {
      lines.add(m.description());
    }
    switch (audience) {
      case Audience.Customer c ->
          lines.add("Affected: " + String.join(", ", m.services().getOrDefault(c.id(), List.of())));
      case Audience.Staff s -> {
        m.services()
            .forEach((customer, ids) -> lines.add(customer + ": " + String.join(", ", ids)));
        if (m.assignee() != null) {
          lines.add("Technician: " + m.assignee());
        }
        if (m.overrideReason() != null) {
          lines.add("Planned outside the agreed windows: " + m.overrideReason());
        }
      }
    }
    if (m.reference() != null) {
      lines.add("Reference: " + m.reference());
    }
    if (m.state() == PlannedMaintenance.State.CANCELLED && m.cancelReason() != null) {
      lines.add("Cancelled: " + m.cancelReason());
    }
    return String.join("\n", lines);
  }
}
