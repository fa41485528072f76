package dev.vakt.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ALR-1, ALR-2, ALR-5, ALR-6: a crash ({@code kill -9}) in the middle of delivering loses no
 * notification, and sends none twice except in the one window the outbox cannot close: the SMTP
 * server accepted a message and the process died before recording it. Such a repeat carries the
 * same Message-ID, so the recipient's mail system can drop it. The restarted Vakt (same data
 * directory and host: the same node) takes the killed one's sends over at once, not after the
 * 5-minute lease (issue 32: 33 notices arrived about 301 s late), and each recipient gets the
 * notices in the order they were sent. Vakt runs as a separate process here (the bundled demo, on
 * its own embedded PostgreSQL), so the kill is real; the SMTP server is GreenMail on 127.0.0.1.
 */
class DeliveryCrashTest {

  private static final int NOTICES = 40;
  private static final int BATCH = 4;

  @TempDir Path dir;
  private Process vakt;
  private GreenMail smtp;
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void stop() throws Exception {
    if (vakt != null) {
      vakt.destroyForcibly().waitFor();
    }
    // A killed Vakt leaves its embedded PostgreSQL running: stop every process of this data dir.
    String data = dir.resolve("data").toString();
    ProcessHandle.allProcesses()
        .filter(h -> h.info().commandLine().map(c -> c.contains(data)).orElse(false))
        .forEach(ProcessHandle::destroyForcibly);
    if (smtp != null) {
      smtp.stop();
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private Process start(int port, int smtpPort) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd =
        List.of(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            "dev.vakt.cli.Cli",
            "demo",
            "--server.port=" + port,
            "--vakt.data-dir=" + dir.resolve("data"),
            "--vakt.monitoring.enabled=false",
            "--vakt.alerting.escalation.enabled=false",
            "--vakt.alerting.mail.host=127.0.0.1",
            "--vakt.alerting.mail.port=" + smtpPort,
            "--vakt.alerting.mail.security=none",
            "--vakt.alerting.mail.from=vakt@provider.example",
            "--vakt.alerting.worker.batch-size=" + BATCH,
            "--vakt.alerting.worker.poll-interval=200ms",
            "--vakt.alerting.worker.initial-backoff=500ms",
            "--vakt.alerting.worker.max-backoff=1s");
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("vakt-" + System.nanoTime() + ".log").toFile())
            .start();
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(300))
        .ignoreExceptions()
        .until(
            () ->
                get(port, "/actuator/health").contains("\"UP\"")
                    && get(port, "/api/customers").contains("bdn-skovly"));
    return p;
  }

  /** The demo's admin API token, which the demo writes to its data directory (ADR 0013). */
  private String bearer() throws Exception {
    return "Bearer " + java.nio.file.Files.readString(dir.resolve("data/demo-api-token")).strip();
  }

  private String get(int port, String path) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", bearer())
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private void post(int port, String path, String json) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .header("Authorization", bearer())
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  @Test
  void ALR1_ALR5_aKillMinus9MidDeliveryLosesNoneRecoversInSecondsKeepsOrderAndRepeatsOnlyTheBatch()
      throws Exception {
    int port = freePort();
    int smtpPort = freePort();
    vakt = start(port, smtpPort);
    // The mail server is not up yet: every notice waits in the outbox, retried.
    for (int i = 0; i < NOTICES; i++) {
      post(
          port,
          "/api/customers/bdn-skovly/notices",
          "{\"title\":\"Notice %d\",\"text\":\"Text %d\",\"ref\":\"crash-%d\"}".formatted(i, i, i));
    }
    smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    // Kill as soon as delivery is under way.
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(5))
        .until(() -> smtp.getReceivedMessages().length >= 3);
    vakt.destroyForcibly().waitFor();
    int beforeCrash = smtp.getReceivedMessages().length;
    assertThat(beforeCrash).isLessThan(NOTICES); // the crash came mid-delivery

    vakt = start(port, smtpPort);
    // The lease is the default 5 minutes: only the takeover at start makes this quick.
    long up = System.nanoTime();
    await().atMost(Duration.ofSeconds(30)).until(() -> titles().keySet().size() == NOTICES);
    System.out.printf(
        "all %d notices arrived %.1f s after the restarted Vakt was up%n",
        NOTICES, (System.nanoTime() - up) / 1e9);
    try (var logs = java.nio.file.Files.list(dir)) {
      logs.filter(f -> f.getFileName().toString().startsWith("vakt-"))
          .flatMap(
              f -> {
                try {
                  return java.nio.file.Files.readAllLines(f).stream();
                } catch (java.io.IOException e) {
                  return java.util.stream.Stream.empty();
                }
              })
          .filter(l -> l.contains("Took over"))
          .forEach(System.out::println);
    }

    // None lost: every notice arrived. Repeats only within the crash window: at most one batch
    // in flight, each with the Message-ID of its first sending.
    Map<String, List<String>> byTitle = titles();
    assertThat(byTitle).hasSize(NOTICES);
    List<String> repeated = new ArrayList<>();
    byTitle.forEach(
        (title, ids) -> {
          if (ids.size() > 1) {
            repeated.add(title);
            assertThat(ids).as(title).containsOnly(ids.getFirst());
          }
        });
    assertThat(repeated.size()).isLessThanOrEqualTo(BATCH);

    // Order per recipient: each one's notices first arrived in the order they were sent.
    Map<String, List<Integer>> firstArrivals = new HashMap<>();
    for (MimeMessage m : smtp.getReceivedMessages()) {
      List<Integer> seen =
          firstArrivals.computeIfAbsent(m.getAllRecipients()[0].toString(), k -> new ArrayList<>());
      int n = Integer.parseInt(m.getSubject().replaceAll("\\D+", ""));
      if (!seen.contains(n)) {
        seen.add(n);
      }
    }
    assertThat(firstArrivals).isNotEmpty();
    firstArrivals.forEach((to, order) -> assertThat(order).as(to).isSorted());
  }

  /** Received messages by subject, with each one's Message-ID. */
  private Map<String, List<String>> titles() throws Exception {
    Map<String, List<String>> out = new HashMap<>();
    for (MimeMessage m : smtp.getReceivedMessages()) {
      out.computeIfAbsent(m.getSubject(), k -> new ArrayList<>()).add(m.getMessageID());
    }
    return out;
  }
}
