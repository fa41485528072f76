package dev.vakt.outage;

import dev.vakt.common.Binder;
import dev.vakt.sla.SlaEvent;
import dev.vakt.sla.SlaEvents;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The append-only table of events people add to the SLA ledger ({@code sla_record}). */
@Repository
class OutageRecords {

  /** One stored event with who added it and when. */
  record Stored(
      long seq, String customer, String ref, SlaEvent event, Instant recordedAt, String by) {
    /** Whether this record withdraws the record of its ref: then {@code event} is null. */
    boolean withdrawal() {
      return event == null;
    }
  }

  /** The type of a record that withdraws the earlier records of its ref. */
  static final String WITHDRAWN = "withdrawn";

  private final JdbcClient jdbc;
  private final Clock clock;

  OutageRecords(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  long append(String customer, String ref, SlaEvent event, String actor) {
    String line = SlaEvents.line(event);
    return jdbc.sql(
            """
            insert into sla_record (customer_id, type, ref, body, recorded_at, recorded_by)
            values (:customer, :type, :ref, cast(:body as jsonb), :at, :by) returning seq
            """)
        .param("customer", customer)
        .param("type", Binder.MAPPER.readTree(line).path("type").asString())
        .param("ref", ref)
        .param("body", line)
        .param("at", Timestamp.from(clock.instant()))
        .param("by", actor)
        .query(Long.class)
        .single();
  }

  /**
   * Withdraws what was recorded under {@code ref}, e.g. a planned maintenance that was cancelled:
   * appended like every record, so the history still shows what was planned and when it was
   * withdrawn.
   */
  long withdraw(String customer, String ref, String actor) {
    return jdbc.sql(
            """
            insert into sla_record (customer_id, type, ref, body, recorded_at, recorded_by)
            values (:customer, :type, :ref, cast(:body as jsonb), :at, :by) returning seq
            """)
        .param("customer", customer)
        .param("type", WITHDRAWN)
        .param("ref", ref)
        .param("body", "{\"type\":\"" + WITHDRAWN + "\"}")
        .param("at", Timestamp.from(clock.instant()))
        .param("by", actor)
        .query(Long.class)
        .single();
  }

  /** Every record of a customer, oldest first; a withdrawal has no event. */
  List<Stored> all(String customer) {
    return jdbc.sql(
            """
            select seq, customer_id, ref, body::text, recorded_at, recorded_by, type from sla_record
            where customer_id = :customer order by seq
            """)
        .param("customer", customer)
        .query(
            (rs, i) ->
                new Stored(
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getString(3),
                    WITHDRAWN.equals(rs.getString(7))
                        ? null
                        : parse(rs.getString(4), rs.getLong(1)),
                    rs.getTimestamp(5).toInstant(),
                    rs.getString(6)))
        .list();
  }

  private static SlaEvent parse(String json, long seq) {
    SlaEvents.Result r = SlaEvents.read(new java.io.StringReader(json), "sla_record " + seq);
    if (!r.ok()) {
      // Rows are written by this class from validated events; a row that no longer reads is a bug
      // to see, not a silent drop.
      throw new IllegalStateException(r.problems().getFirst().toString());
    }
    return r.events().getFirst();
  }
}
