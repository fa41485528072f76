package dev.vakt.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.zaxxer.hikari.HikariDataSource;
import java.net.ServerSocket;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * F10: when the database cannot be reached, a request fails within the pool's few seconds with 503
 * problem+json and Retry-After, not after 30 s with a 500.
 */
class DatabaseUnavailableTest {

  @RestController
  static class NeedsTheDatabase {
    @GetMapping("/needs-db")
    String get() {
      throw new CannotGetJdbcConnectionException(
          "Failed to obtain JDBC Connection",
          new SQLTransientConnectionException("vakt-embedded - Connection is not available"));
    }
  }

  @Test
  void aControllerThatCannotGetAConnectionAnswers503ProblemJson_F10() throws Exception {
    MockMvc mvc =
        MockMvcBuilders.standaloneSetup(new NeedsTheDatabase())
            .setControllerAdvice(new DatabaseUnavailable.Advice())
            .build();
    mvc.perform(get("/needs-db"))
        .andExpect(status().isServiceUnavailable())
        .andExpect(header().string("Retry-After", DatabaseUnavailable.RETRY_AFTER_SECONDS))
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.title").value("Database unavailable"))
        .andExpect(jsonPath("$.status").value(503));
  }

  @Test
  void aFilterThatCannotGetAConnectionAnswers503ProblemJson_F10() throws Exception {
    // As when Spring Security's filters look up an API token while the database is down.
    MockMvc mvc =
        MockMvcBuilders.standaloneSetup(new NeedsTheDatabase())
            .addFilters(new DatabaseUnavailable.Filter())
            .build();
    mvc.perform(get("/needs-db"))
        .andExpect(status().isServiceUnavailable())
        .andExpect(header().string("Retry-After", DatabaseUnavailable.RETRY_AFTER_SECONDS))
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.title").value("Database unavailable"));
  }

  @Test
  void thePoolGivesUpWithinItsConnectionTimeoutNotThirtySeconds_F10() throws Exception {
    int deadPort;
    try (ServerSocket s = new ServerSocket(0)) {
      deadPort = s.getLocalPort();
    }
    assertThat(DatabaseConfiguration.CONNECTION_TIMEOUT).isLessThanOrEqualTo(Duration.ofSeconds(5));
    try (HikariDataSource ds = new HikariDataSource()) {
      ds.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + deadPort + "/postgres");
      ds.setUsername("vakt_app");
      ds.setPassword("x");
      ds.setConnectionTimeout(DatabaseConfiguration.CONNECTION_TIMEOUT.toMillis());
      ds.setInitializationFailTimeout(-1);
      long start = System.nanoTime();
      assertThatThrownBy(ds::getConnection).isInstanceOf(SQLTransientConnectionException.class);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
    }
  }

  @Test
  void otherErrorsAreNotMistakenForAnUnreachableDatabase() {
    assertThat(DatabaseUnavailable.isCause(new IllegalStateException("x"))).isFalse();
    assertThat(
            DatabaseUnavailable.isCause(
                new RuntimeException(new CannotGetJdbcConnectionException("x"))))
        .isTrue();
  }
}
