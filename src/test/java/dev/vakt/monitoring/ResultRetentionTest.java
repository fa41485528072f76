package dev.vakt.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.IntegrationTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Raw results are kept for the retention; hourly roll-ups are kept for good (issue 3). */
class ResultRetentionTest extends IntegrationTest {

  @Autowired ResultRetention retention;

  void result(String service, Instant at, String state, long ms) {
    jdbc.sql(
            "insert into check_result (service_id, at, state, latency_ms) values (:s, :at, :state, :ms)")
        .param("s", service)
        .param("at", Timestamp.from(at))
        .param("state", state)
        .param("ms", ms)
        .update();
  }

  @Test
  void completeHoursAreRolledUpWithCountFailuresAndLatencies() {
    String s = unique("svc");
    Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(3));
    for (int i = 1; i <= 20; i++) {
      result(s, hour.plusSeconds(60L * i), i == 7 ? "critical" : "ok", i * 10L);
    }
    retention.rollUp(Instant.now());
    Map<String, Object> row =
        jdbc.sql(
                "select checks, failures, min_ms, avg_ms, p95_ms, max_ms from check_rollup where service_id = :s")
            .param("s", s)
            .query()
            .singleRow();
    assertThat(row.get("checks")).isEqualTo(20);
    assertThat(row.get("failures")).isEqualTo(1);
    assertThat(row.get("min_ms")).isEqualTo(10L);
    assertThat(((java.math.BigDecimal) row.get("avg_ms"))).isEqualByComparingTo("105");
    assertThat(row.get("p95_ms")).isEqualTo(190L);
    assertThat(row.get("max_ms")).isEqualTo(200L);
  }

  @Test
  void rawResultsOlderThanTheRetentionAreRemoved() {
    String s = unique("svc");
    Instant now = Instant.now();
    result(s, now.minus(Duration.ofHours(50)), "ok", 5);
    result(s, now.minus(Duration.ofHours(1)), "ok", 5);
    retention.expire(now);
    Integer left =
        jdbc.sql("select count(*) from check_result where service_id = :s")
            .param("s", s)
            .query(Integer.class)
            .single();
    assertThat(left).isEqualTo(1);
  }

  @Test
  void daysArePartitionsCreatedAhead() {
    retention.createPartitions(Instant.now());
    Integer partitions =
        jdbc.sql(
                "select count(*) from pg_inherits i join pg_class p on p.oid = i.inhparent"
                    + " join pg_class c on c.oid = i.inhrelid where p.relname = 'check_result' and c.relname ~ '[0-9]{8}$'")
            .query(Integer.class)
            .single();
    assertThat(partitions).isGreaterThanOrEqualTo(3);
  }
}
