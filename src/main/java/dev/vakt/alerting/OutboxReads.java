package dev.vakt.alerting;

import static dev.vakt.alerting.OutboxStore.instant;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** What the outbox holds, for reading: notifications of a cause, and those sent to a customer. */
@Repository
class OutboxReads {

  private final JdbcClient jdbc;

  OutboxReads(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The notifications about a customer sent to one of the given recipients, oldest first. */
  List<Notifications.Sent> sentTo(String customerId, java.util.Collection<String> recipients) {
    if (recipients.isEmpty()) {
      return List.of();
    }
    return jdbc.sql(
            """
            select recipient, channel, template, subject, created_at, state, delivered_at
            from notification where customer_id = :customer and recipient in (:recipients)
            order by id
            """)
        .param("customer", customerId)
        .param("recipients", List.copyOf(recipients))
        .query(
            (rs, i) ->
                new Notifications.Sent(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    instant(rs, 5),
                    rs.getString(6),
                    instant(rs, 7)))
        .list();
  }

  /** The notifications of a cause (exact, or any cause under it: {@code incident-123/...}). */
  List<NotificationStatus> forCause(String cause) {
    Map<Long, List<NotificationStatus.Attempt>> attempts =
        jdbc
            .sql(
                """
                select a.notification_id, a.attempt, a.started_at, a.finished_at, a.outcome, a.reason
                from notification_attempt a join notification n on n.id = a.notification_id
                where n.cause = :cause or n.cause like :prefix
                order by a.seq
                """)
            .param("cause", cause)
            .param("prefix", like(cause) + "/%")
            .query(
                (rs, i) ->
                    Map.entry(
                        rs.getLong(1),
                        new NotificationStatus.Attempt(
                            rs.getInt(2),
                            instant(rs, 3),
                            instant(rs, 4),
                            rs.getString(5),
                            rs.getString(6))))
            .list()
            .stream()
            .collect(
                Collectors.groupingBy(
                    Map.Entry::getKey,
                    Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
    return jdbc.sql(
            """
            select id, dedup_key, cause, customer_id, channel, recipient, template, subject, body, state,
              attempts, next_attempt_at, last_error, created_at, delivered_at, possibly_duplicate
            from notification where cause = :cause or cause like :prefix
            order by created_at, id
            """)
        .param("cause", cause)
        .param("prefix", like(cause) + "/%")
        .query(
            (rs, i) -> {
              NotificationStatus.State state = NotificationStatus.State.of(rs.getString(10));
              return new NotificationStatus(
                  rs.getLong(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  ChannelKind.of(rs.getString(5)),
                  rs.getString(6),
                  rs.getString(7),
                  rs.getString(8),
                  rs.getString(9),
                  state,
                  rs.getInt(11),
                  state == NotificationStatus.State.PENDING ? instant(rs, 12) : null,
                  rs.getString(13),
                  instant(rs, 14),
                  instant(rs, 15),
                  rs.getBoolean(16),
                  attempts.getOrDefault(rs.getLong(1), List.of()));
            })
        .list();
  }

  private static String like(String s) {
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
