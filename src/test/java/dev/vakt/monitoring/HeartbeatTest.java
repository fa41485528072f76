package dev.vakt.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vakt.IntegrationTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * MON-9, SLA-11: the engine records that it is alive; the time it was down or stalled is stored as
 * a monitoring gap, which reports show as unmonitored, never as up.
 */
class HeartbeatTest extends IntegrationTest {

  @Autowired Heartbeat heartbeat;

  @Test
  void theHeartbeatIsRenewed_MON9() {
    heartbeat.beat();
    Timestamp at =
        jdbc.sql("select at from monitor_heartbeat where id = 1").query(Timestamp.class).single();
    assertThat(Duration.between(at.toInstant(), Instant.now()).abs())
        .isLessThan(Duration.ofSeconds(30));
  }

  @Test
  void downtimeOfVaktItselfIsRecordedAsAGapOnStart_MON9_SLA11() {
    Instant down =
        Instant.now()
            .minus(Duration.ofMinutes(42))
            .truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    synchronized (heartbeat) { // no scheduled beat may renew the row between these two steps
      jdbc.sql("update monitor_heartbeat set at = :at where id = 1")
          .param("at", Timestamp.from(down))
          .update();
      heartbeat.start();
    }
    var gaps = heartbeat.gaps(down.minusSeconds(1), Instant.now().plusSeconds(1));
    assertThat(gaps)
        .anySatisfy(
            g -> {
              assertThat(g.from()).isEqualTo(down);
              assertThat(Duration.between(g.from(), g.to()))
                  .isGreaterThanOrEqualTo(Duration.ofMinutes(42));
              assertThat(g.reason()).isEqualTo("Vakt was not running");
            });
  }

  @Test
  void aShortPauseIsNoGap_MON9() {
    Instant justNow =
        Instant.now().minusSeconds(2).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    synchronized (heartbeat) { // no scheduled beat may renew the row between these two steps
      jdbc.sql("update monitor_heartbeat set at = :at where id = 1")
          .param("at", Timestamp.from(justNow))
          .update();
      heartbeat.start();
    }
    assertThat(heartbeat.gaps(justNow.minusSeconds(1), Instant.now().plusSeconds(1)))
        .noneMatch(g -> g.from().equals(justNow));
  }

  @Test
  void gapsCannotBeRewritten_SLA11() {
    heartbeat.beat();
    jdbc.sql(
            "insert into monitoring_gap (from_at, to_at, reason, detected_at) values (now() - interval '1 hour', now(), 'test', now())")
        .update();
    assertThatThrownBy(() -> jdbc.sql("delete from monitoring_gap").update())
        .rootCause()
        // Two guards (ADR 0016): the application role may not UPDATE or DELETE here at all,
        // and the append-only trigger stops even the owner.
        .hasMessageMatching("(?s).*(append-only|permission denied).*");
  }
}
