package dev.vakt.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.VaktApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * F10 end to end, on an application of its own (its own data directory, never the shared test
 * context's database): when the embedded PostgreSQL dies and cannot come back, health turns DOWN
 * and a request that needs the database gets 503 problem+json within seconds, not a 500 after 30 s.
 */
class DatabaseOutageTest {

  private final HttpClient client = HttpClient.newHttpClient();

  @Test
  void aDeadDatabaseGives503FastAndHealthDown_F10(@TempDir Path dataDir) throws Exception {
    try (ConfigurableApplicationContext app =
        // Arguments, not default properties: the test run's system property names another dir.
        new SpringApplicationBuilder(VaktApplication.class)
            .run(
                "--vakt.data-dir=" + dataDir,
                "--server.port=0",
                "--vakt.monitoring.enabled=false")) {
      int port = ((WebServerApplicationContext) app).getWebServer().getPort();
      EmbeddedPostgresServer postgres = app.getBean(EmbeddedPostgresServer.class);
      assertThat(get(port, "/actuator/health", null).statusCode()).isEqualTo(200);

      // A planted binary keeps it down for good: the watcher verifies before it restarts.
      try (var unpacked = Files.list(dataDir.resolve("pg-bin"))) {
        Path bin =
            unpacked
                .findFirst()
                .orElseThrow()
                .resolve("bin/pg_ctl"); // postgres itself is busy running
        Files.writeString(bin, "planted", StandardOpenOption.APPEND);
      }
      ProcessHandle.of(postgres.postmasterPid().orElseThrow()).orElseThrow().destroyForcibly();

      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      int health = 200;
      while (health == 200 && System.nanoTime() < deadline) {
        Thread.sleep(200);
        health = get(port, "/actuator/health", null).statusCode();
      }
      assertThat(health).as("health once PostgreSQL is gone").isEqualTo(503);

      long start = System.nanoTime();
      HttpResponse<String> answer = get(port, "/api/customers", "Bearer vakt_not-a-real-token");
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
      assertThat(answer.headers().firstValue("Content-Type"))
          .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
      assertThat(answer.headers().firstValue("Retry-After")).isPresent();
      assertThat(answer.body()).contains("Database unavailable").doesNotContain("Exception");
      assertThat(took).isLessThan(Duration.ofSeconds(10));
    }
  }

  private HttpResponse<String> get(int port, String path, String authorization) throws Exception {
    HttpRequest.Builder req =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(60));
    if (authorization != null) {
      req.header("Authorization", authorization);
    }
    return client.send(req.build(), HttpResponse.BodyHandlers.ofString());
  }
}
