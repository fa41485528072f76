package dev.vakt.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.IntegrationTest;
import org.junit.jupiter.api.Test;

/** The zero-setup database is a real, durable PostgreSQL with Flyway's schema. */
class EmbeddedPostgresTest extends IntegrationTest {

  @Test
  void isRealPostgresql17() {
    String version = jdbc.sql("select version()").query(String.class).single();
    assertThat(version).startsWith("PostgreSQL 17");
  }

  @Test
  void durabilityIsOn() {
    // The embedded library defaults to fsync=off for tests' speed; product data must survive a
    // crash.
    assertThat(jdbc.sql("show fsync").query(String.class).single()).isEqualTo("on");
    assertThat(jdbc.sql("show synchronous_commit").query(String.class).single()).isEqualTo("on");
    assertThat(jdbc.sql("show full_page_writes").query(String.class).single()).isEqualTo("on");
  }

  @Test
  void listensOnLoopbackOnly() {
    assertThat(jdbc.sql("show listen_addresses").query(String.class).single())
        .isEqualTo("127.0.0.1");
  }

  @Test
  void flywayOwnsTheSchema() {
    Integer applied =
        jdbc.sql("select count(*) from flyway_schema_history where success")
            .query(Integer.class)
            .single();
    assertThat(applied).isGreaterThanOrEqualTo(1);
  }

  @Test
  void healthAndPrometheusAreServed() {
    String health = http.get().uri("/actuator/health").retrieve().body(String.class);
    assertThat(health).contains("\"status\":\"UP\"");
    String metrics = http.get().uri("/actuator/prometheus").retrieve().body(String.class);
    assertThat(metrics).contains("jvm_memory_used_bytes").contains("hikaricp_connections");
  }
}
