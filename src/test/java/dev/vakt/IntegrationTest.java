package dev.vakt;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

/**
 * Base of the tests that run the whole application against the real embedded PostgreSQL (not a
 * mock, not H2). All subclasses share one application context, hence one database per test run;
 * each test uses ids of its own so tests stay independent.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    // Host checks and access verification run every 5 minutes by default: too slow for a test.
    properties = {"vakt.monitoring.host-interval=1s", "vakt.monitoring.slow-host-interval=1s"})
public abstract class IntegrationTest {

  @LocalServerPort protected int port;
  @Autowired protected JdbcClient jdbc;
  protected RestClient http;

  @BeforeEach
  void client() {
    http =
        RestClient.builder()
            .baseUrl("http://127.0.0.1:" + port)
            .defaultStatusHandler(status -> true, (req, res) -> {})
            .build();
  }

  /** A unique id for this test's entities. */
  protected static String unique(String prefix) {
    return prefix + "-" + Long.toString(System.nanoTime(), 36);
  }
}
