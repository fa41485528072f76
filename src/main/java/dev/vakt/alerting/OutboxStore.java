package dev.vakt.alerting;

import dev.vakt.common.Language;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/** The outbox's SQL: enqueue, claim with {@code FOR UPDATE SKIP LOCKED}, record outcomes. */
@Repository
class OutboxStore {

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;

  OutboxStore(JdbcClient jdbc, TransactionTemplate tx) {
    this.jdbc = jdbc;
    this.tx = tx;
  }

  /**
   * A notification a worker has claimed.
   *
   * @param unknownOutcome an earlier attempt ended without a known outcome (its sender died): the
   *     message may have arrived already
   */
  record Claimed(
      long id,
      int attempt,
      Instant claimedAt,
      Instant createdAt,
      ChannelKind channel,
      Language language,
      Message message,
      boolean unknownOutcome) {}

  /** Serialises claims across instances, so the order check below sees every committed claim. */
  private static final long CLAIM_LOCK = 0x76616b745f6f7574L;

  /** Inserts unless the de-duplication key exists; the id of the new or existing row. */
  Inserted insert(NotificationRequest r, Templates.Rendered rendered, Instant now) {
    Optional<Long> id =
        jdbc.sql(
                """
                insert into notification (dedup_key, customer_id, channel, recipient, language, template,
                  subject, body, cause, next_attempt_at, created_at)
                values (:key, :customer, :channel, :recipient, :language, :template, :subject, :body,
                  :cause, :now, :now)
                on conflict (dedup_key) do nothing
                returning id
                """)
            .param("key", r.dedupKey())
            .param("customer", r.customerId())
            .param("channel", r.recipient().channel().code())
            .param("recipient", r.recipient().address())
            .param("language", r.recipient().language().code())
            .param("template", r.template())
            .param("subject", rendered.subject())
            .param("body", rendered.body())
            .param("cause", r.cause())
            .param("now", Timestamp.from(now))
            .query(Long.class)
            .optional();
    if (id.isPresent()) {
      int position = 0;
      for (Attachment a : r.attachments()) {
        jdbc.sql(
                """
                insert into notification_attachment
                  (notification_id, position, name, content_type, content)
                values (:id, :position, :name, :type, :content)
                """)
            .param("id", id.get())
            .param("position", position++)
            .param("name", a.name())
            .param("type", a.contentType())
            .param("content", a.content())
            .update();
      }
      return new Inserted(id.get(), true);
    }
    long existing =
        jdbc.sql("select id from notification where dedup_key = :key")
            .param("key", r.dedupKey())
            .query(Long.class)
            .single();
    return new Inserted(existing, false);
  }

  record Inserted(long id, boolean created) {}

  /**
   * Claims up to {@code limit} notifications that are due, or whose lease ran out (their worker
   * stopped mid-attempt), in one short transaction, oldest first. Order per recipient: a
   * notification is claimed only when no older unfinished one to the same recipient on the same
   * channel waits (a back-off or a live lease), so the claimed ones of a recipient are the oldest,
   * and the worker sends them one after another. A lapsed lease is recorded as an attempt with
   * outcome {@code lease-expired}; when that was the last attempt allowed, the row fails instead.
   */
  List<Claimed> claim(
      Instant now,
      int limit,
      Instant leaseUntil,
      int maxAttempts,
      Instant oldestAllowed,
      SenderInstance by) {
    return tx.execute(
        s -> {
          jdbc.sql("select 1 from pg_advisory_xact_lock(:key)")
              .param("key", CLAIM_LOCK)
              .query(Integer.class)
              .single();
          record Due(long id, String state, int attempts, Instant claimedAt, Instant createdAt) {}
          List<Due> due =
              jdbc.sql(
                      """
                      select id, state, attempts, claimed_at, created_at from notification n
                      where ((state = 'pending' and next_attempt_at <= :now)
                          or (state = 'sending' and lease_until <= :now))
                        and not exists (
                          select 1 from notification o
                          where o.channel = n.channel and o.recipient = n.recipient and o.id < n.id
                            and ((o.state = 'pending' and o.next_attempt_at > :now)
                              or (o.state = 'sending' and o.lease_until > :now)))
                      order by id
                      limit :limit
                      for update skip locked
                      """)
                  .param("now", Timestamp.from(now))
                  .param("limit", limit)
                  .query(
                      (rs, i) ->
                          new Due(
                              rs.getLong(1),
                              rs.getString(2),
                              rs.getInt(3),
                              instant(rs, 4),
                              instant(rs, 5)))
                  .list();
          List<Long> ids = new ArrayList<>();
          for (Due d : due) {
            if (d.state().equals("sending")) {
              String reason =
                  "no outcome recorded before the lease ran out (the worker stopped?);"
                      + " the message may or may not have been sent";
              attempt(d.id(), d.attempts(), d.claimedAt(), now, "lease-expired", reason);
              if (d.attempts() >= maxAttempts || d.createdAt().isBefore(oldestAllowed)) {
                finish(d.id(), d.attempts(), "failed", null, reason, null);
                continue;
              }
            }
            ids.add(d.id());
          }
          if (ids.isEmpty()) {
            return List.of();
          }
          return jdbc
              .sql(
                  """
                  update notification set state = 'sending', attempts = attempts + 1,
                    claimed_at = :now, lease_until = :lease, claimed_node = :node,
                    claimed_pid = :pid, claimed_process_start = :start,
                    unknown_outcome = unknown_outcome or state = 'sending'
                  where id = any(:ids)
                  returning id, attempts, claimed_at, created_at, channel, language, dedup_key, cause,
                    template, customer_id, recipient, subject, body, unknown_outcome
                  """)
              .param("now", Timestamp.from(now))
              .param("lease", Timestamp.from(leaseUntil))
              .param("node", by.node())
              .param("pid", by.pid())
              .param("start", by.processStart())
              .param("ids", ids.toArray(Long[]::new))
              .query(
                  (rs, i) ->
                      new Claimed(
                          rs.getLong(1),
                          rs.getInt(2),
                          instant(rs, 3),
                          instant(rs, 4),
                          ChannelKind.of(rs.getString(5)),
                          Language.valueOf(rs.getString(6).toUpperCase(java.util.Locale.ROOT)),
                          new Message(
                              rs.getString(7),
                              rs.getString(8),
                              rs.getString(9),
                              rs.getString(10),
                              rs.getString(11),
                              rs.getString(12),
                              rs.getString(13)),
                          rs.getBoolean(14)))
              .list()
              .stream()
              .map(this::withAttachments)
              .sorted(java.util.Comparator.comparingLong(Claimed::id))
              .toList();
        });
  }

  /** The claimed message with its files, if it has any. */
  private Claimed withAttachments(Claimed c) {
    List<Attachment> files =
        jdbc.sql(
                """
                select name, content_type, content from notification_attachment
                where notification_id = :id order by position
                """)
            .param("id", c.id())
            .query((rs, i) -> new Attachment(rs.getString(1), rs.getString(2), rs.getBytes(3)))
            .list();
    if (files.isEmpty()) {
      return c;
    }
    Message m = c.message();
    return new Claimed(
        c.id(),
        c.attempt(),
        c.claimedAt(),
        c.createdAt(),
        c.channel(),
        c.language(),
        new Message(
            m.dedupKey(),
            m.cause(),
            m.template(),
            m.customerId(),
            m.to(),
            m.subject(),
            m.body(),
            files),
        c.unknownOutcome());
  }

  /**
   * Gives a claimed notification back unsent, as if never claimed (the attempt is not counted): an
   * older one to the same recipient failed just before it, and must go first.
   */
  void release(Claimed c) {
    jdbc.sql(
            """
            update notification set state = 'pending', attempts = attempts - 1, lease_until = null
            where id = :id and state = 'sending' and attempts = :attempt
            """)
        .param("id", c.id())
        .param("attempt", c.attempt())
        .update();
  }

  /**
   * Records an attempt's outcome and the row's new state, unless another worker took the row over
   * after this one's lease ran out (then only the attempt is recorded).
   */
  void complete(
      Claimed c, Instant now, String outcome, String reason, String state, Instant nextAttemptAt) {
    record(List.of(new Outcome(c, now, outcome, reason, state, nextAttemptAt, false)), List.of());
  }

  /**
   * An attempt's outcome and the row's new state.
   *
   * @param possiblyDuplicate delivered, and an earlier send whose outcome is unknown may have
   *     arrived too
   */
  record Outcome(
      Claimed claimed,
      Instant at,
      String outcome,
      String reason,
      String state,
      Instant nextAttemptAt,
      boolean possiblyDuplicate) {}

  /** Records outcomes and gives claimed rows back unsent ({@link #release}), in one transaction. */
  void record(List<Outcome> outcomes, List<Claimed> giveBack) {
    if (outcomes.isEmpty() && giveBack.isEmpty()) {
      return;
    }
    tx.executeWithoutResult(
        s -> {
          for (Outcome o : outcomes) {
            Claimed c = o.claimed();
            attempt(c.id(), c.attempt(), c.claimedAt(), o.at(), o.outcome(), o.reason());
            boolean delivered = o.state().equals("delivered");
            finish(
                c.id(),
                c.attempt(),
                o.state(),
                o.nextAttemptAt(),
                delivered ? null : o.reason(),
                delivered ? o.at() : null);
            if (o.possiblyDuplicate()) {
              jdbc.sql("update notification set possibly_duplicate = true where id = :id")
                  .param("id", c.id())
                  .update();
            }
          }
          giveBack.forEach(this::release);
        });
  }

  void finish(long id, int attempt, String state, Instant next, String error, Instant deliveredAt) {
    jdbc.sql(
            """
            update notification set state = :state, lease_until = null,
              next_attempt_at = coalesce(:next, next_attempt_at), last_error = :error,
              delivered_at = :delivered
            where id = :id and state = 'sending' and attempts = :attempt
            """)
        .param("state", state)
        .param("next", next == null ? null : Timestamp.from(next))
        .param("error", error)
        .param("delivered", deliveredAt == null ? null : Timestamp.from(deliveredAt))
        .param("id", id)
        .param("attempt", attempt)
        .update();
  }

  void attempt(
      long id, int attempt, Instant started, Instant finished, String outcome, String reason) {
    jdbc.sql(
            """
            insert into notification_attempt (notification_id, attempt, started_at, finished_at, outcome, reason)
            values (:id, :attempt, :started, :finished, :outcome, :reason)
            """)
        .param("id", id)
        .param("attempt", attempt)
        .param("started", Timestamp.from(started == null ? finished : started))
        .param("finished", Timestamp.from(finished))
        .param("outcome", outcome)
        .param("reason", reason)
        .update();
  }

  static Instant instant(ResultSet rs, int column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }
}
