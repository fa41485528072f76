package dev.vakt.alerting;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes over at once the sends of an instance that ended on this instance's node (a crash, a kill
 * -9): its {@code sending} rows would otherwise wait out their lease (5 minutes). Each such row
 * gets an attempt {@code owner-ended} ("may or may not have been sent"), is due now, and is marked
 * as having an unknown outcome, so the next attempt asks the channel first where it can.
 */
@Repository
class EndedSenders {

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final OutboxStore store;

  EndedSenders(JdbcClient jdbc, TransactionTemplate tx, OutboxStore store) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.store = store;
  }

  /**
   * Releases the claims held by instances of {@code self}'s node that no longer run on this host;
   * the number of notifications released. Claims of a live process are left alone (a second
   * instance given the same node name by mistake).
   */
  int takeOver(SenderInstance self, Instant now, int maxAttempts, Instant oldestAllowed) {
    record Owner(long pid, long start) {}
    List<Owner> owners =
        jdbc.sql(
                """
                select distinct claimed_pid, claimed_process_start from notification
                where state = 'sending' and claimed_node = :node
                  and not (claimed_pid = :pid and claimed_process_start = :start)
                """)
            .param("node", self.node())
            .param("pid", self.pid())
            .param("start", self.processStart())
            .query((rs, i) -> new Owner(rs.getLong(1), rs.getLong(2)))
            .list();
    int released = 0;
    for (Owner o : owners) {
      if (SenderInstance.alive(o.pid(), o.start())) {
        continue;
      }
      released +=
          tx.execute(
              s -> release(self.node(), o.pid(), o.start(), now, maxAttempts, oldestAllowed));
    }
    return released;
  }

  private int release(
      String node, long pid, long start, Instant now, int maxAttempts, Instant oldestAllowed) {
    record Held(long id, int attempts, Instant claimedAt, Instant createdAt) {}
    List<Held> held =
        jdbc.sql(
                """
                select id, attempts, claimed_at, created_at from notification
                where state = 'sending' and claimed_node = :node and claimed_pid = :pid
                  and claimed_process_start = :start
                for update skip locked
                """)
            .param("node", node)
            .param("pid", pid)
            .param("start", start)
            .query(
                (rs, i) ->
                    new Held(
                        rs.getLong(1),
                        rs.getInt(2),
                        rs.getTimestamp(3).toInstant(),
                        rs.getTimestamp(4).toInstant()))
            .list();
    String reason =
        "the instance sending it (process "
            + pid
            + ") ended before recording an outcome; the message may or may not have been sent";
    for (Held h : held) {
      store.attempt(h.id(), h.attempts(), h.claimedAt(), now, "owner-ended", reason);
      if (h.attempts() >= maxAttempts || h.createdAt().isBefore(oldestAllowed)) {
        store.finish(h.id(), h.attempts(), "failed", null, reason, null);
        continue;
      }
      jdbc.sql(
              """
              update notification set state = 'pending', lease_until = null, next_attempt_at = :now,
                unknown_outcome = true, last_error = :reason
              where id = :id and state = 'sending' and attempts = :attempt
              """)
          .param("now", Timestamp.from(now))
          .param("reason", reason)
          .param("id", h.id())
          .param("attempt", h.attempts())
          .update();
    }
    return held.size();
  }
}
