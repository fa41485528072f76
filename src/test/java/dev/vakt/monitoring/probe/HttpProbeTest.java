package dev.vakt.monitoring.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.vakt.monitoring.CheckResult;
import dev.vakt.monitoring.CheckSpec;
import dev.vakt.monitoring.CheckState;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP(S) checks against the JDK's HttpServer and HttpsServer on 127.0.0.1 (MON-6). Certificates
 * come from the JDK's keytool: a test CA, and server certificates it signed that are valid for a
 * year, for 5 more days, or expired long ago.
 */
class HttpProbeTest {

  static final char[] PASSWORD = "changeit".toCharArray();

  /** A name no resolver knows: only the approved address reaches a server (F19). */
  static final String NAME = "rebind.vakt.test";

  @TempDir static Path dir;
  static KeyStore keys;
  static HttpServer http;
  static final List<HttpsServer> https = new ArrayList<>();
  static URI valid;
  static URI soon;
  static URI expired;

  HttpProbe probe;

  @BeforeAll
  static void start() throws Exception {
    keys = TestCertificates.create(dir);

    http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    http.createContext("/ok", reply(200, "<h1>Welcome to Vakt</h1>", 0));
    http.createContext("/error", reply(500, "boom", 0));
    http.createContext("/gone", reply(404, "not here", 0));
    http.createContext("/slow", reply(200, "late", 3_000));
    http.createContext("/slowish", reply(200, "a bit late", 300));
    http.createContext("/redirect", HttpProbeTest::redirect);
    http.createContext("/host", HttpProbeTest::echoHost);
    http.createContext("/away", HttpProbeTest::redirectAway);
    http.createContext("/slow-body", HttpProbeTest::slowBody);
    http.start();

    valid = serve("valid");
    soon = serve("soon");
    expired = serve("expired");
  }

  @AfterAll
  static void stop() {
    http.stop(0);
    https.forEach(server -> server.stop(0));
  }

  HttpProbe probe() {
    if (probe == null) {
      probe = new HttpProbe(Clock.systemUTC(), TestCertificates.trustingQuietly(keys));
    }
    return probe;
  }

  static URI url(String path) {
    return URI.create("http://127.0.0.1:" + http.getAddress().getPort() + path);
  }

  static CheckSpec.Http spec(URI url) {
    return new CheckSpec.Http(url, Duration.ofSeconds(2), null, null, null, null, null, null, null);
  }

  @Test
  @DisplayName("MON-6: 200 with the keyword in the body is OK, with time_ms")
  void healthy() {
    CheckResult result =
        probe()
            .check(
                new CheckSpec.Http(
                    url("/ok"),
                    Duration.ofSeconds(2),
                    null,
                    "Welcome",
                    null,
                    null,
                    null,
                    null,
                    null));
    assertThat(result.state()).as(result.reason()).isEqualTo(CheckState.OK);
    assertThat(result.reason()).startsWith("HTTP 200 in ");
    assertThat(result.metrics()).containsKey("time_ms").doesNotContainKey("cert_days_left");
  }

  @Test
  @DisplayName("MON-6: a 404 is WARNING as check_http says; CRITICAL when 200 was expected")
  void clientError() {
    CheckResult result = probe().check(spec(url("/gone")));
    assertThat(result.state()).isEqualTo(CheckState.WARNING);
    assertThat(result.reason()).startsWith("HTTP 404 (expected 2xx or 3xx) in ");
    CheckResult strict =
        probe()
            .check(
                new CheckSpec.Http(
                    url("/gone"),
                    Duration.ofSeconds(2),
                    Set.of(200),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null));
    assertThat(strict.state()).isEqualTo(CheckState.CRITICAL);
  }

  @Test
  @DisplayName("MON-6: a 500 is CRITICAL; it is OK when 500 is the status expected")
  void serverError() {
    CheckResult result = probe().check(spec(url("/error")));
    assertThat(result.state()).isEqualTo(CheckState.CRITICAL);
    assertThat(result.reason()).startsWith("HTTP 500 (expected 2xx or 3xx) in ");
    CheckResult expected =
        probe()
            .check(
                new CheckSpec.Http(
                    url("/error"),
                    Duration.ofSeconds(2),
                    Set.of(500),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null));
    assertThat(expected.state()).isEqualTo(CheckState.OK);
  }

  @Test
  @DisplayName("MON-6: a missing keyword is CRITICAL")
  void wrongKeyword() {
    CheckResult result =
        probe()
            .check(
                new CheckSpec.Http(
                    url("/ok"),
                    Duration.ofSeconds(2),
                    null,
                    "Goodbye",
                    null,
                    null,
                    null,
                    null,
                    null));
    assertThat(result.state()).isEqualTo(CheckState.CRITICAL);
    assertThat(result.reason()).endsWith("body does not contain 'Goodbye'");
  }

  @Test
  @DisplayName("MON-6: no response within the timeout is CRITICAL 'timed out', not later")
  void slowBeyondTimeout() {
    CheckResult result =
        probe()
            .check(
                new CheckSpec.Http(
                    url("/slow"), Duration.ofSeconds(1), null, null, null, null, null, null, null));
    assertThat(result.state()).isEqualTo(CheckState.CRITICAL);
    assertThat(result.reason()).isEqualTo("timed out after 1 s");
    assertThat(result.latency()).isLessThan(Duration.ofMillis(1_500));
  }

  @Test
  @DisplayName("MON-6: a body that never ends is cut at the timeout too")
  void slowBody() {
    CheckResult result =
        probe()
            .check(
                new CheckSpec.Http(
                    url("/slow-body"),
                    Duration.ofSeconds(1),
                    null,
                    "end",
                    null,
                    null,
                    null,
                    null,
                    null));
    assertThat(result.state()).isEqualTo(CheckState.CRITICAL);
    assertThat(result.reason()).isEqualTo("timed out after 1 s");
    assertThat(result.latency()).isLessThan(Duration.ofMillis(1_500));
  }

  @Test
  @DisplayName("MON-6: slower than warnAfter is WARNING, slower than criticalAfter CRITICAL")
  void slowBeyondThresholds() {
    CheckResult warning =
        probe()
            .check(
                new CheckSpec.Http(
                    url("/slowish"),
                    Duration.ofSeconds(2),
                    null,
                    null,
                    Duration.ofMillis(100),
                    null,
                    null,
                    null,
                    null));
    assertThat(warning.state()).isEqualTo(CheckState.WARNING);
    assertThat(warning.reason()).contains("(warning above 100 ms)");
    CheckResult critical =
        probe()
            .check(
                new CheckSpec.Http(
                    url("/slowish"),
                    Duration.ofSeconds(2),
                    null,
                    null,
                    Duration.ofMillis(100),
                    Duration.ofMillis(200),
                    null,
                    null,
                    null));
    assertThat(critical.state()).isEqualTo(CheckState.CRITICAL);
    assertThat(critical.reason()).contains("(critical above 200 ms)");
  }

  @Test
  @DisplayName("MON-6: a redirect is OK as a 3xx, or followed to its target when asked")
  void redirect() {
    CheckResult notFollowed = probe().check(spec(url("/redirect")));
    assertThat(notFollowed.state()).isEqualTo(CheckState.OK);
    assertThat(notFollowed.reason()).startsWith("HTTP 302");
    CheckResult wanted200 =
        probe()
            .check(
                new CheckSpec.Http(
                    url("/redirect"),
                    Duration.ofSeconds(2),
                    Set.of(200),
                    null,
                    null,
                    null,
                    null,
                    null,
                    false));
    assertThat(wanted200.state()).isEqualTo(CheckState.CRITICAL);
    assertThat(wanted200.reason()).startsWith("HTTP 302 (expected 200)");
    CheckResult followed =
        probe()
            .check(
                new CheckSpec.Http(
                    url("/redirect"),
                    Duration.ofSeconds(2),
                    Set.of(200),
                    "Welcome",
                    null,
                    null,
                    null,
                    null,
                    true));
    assertThat(followed.state()).as(followed.reason()).isEqualTo(CheckState.OK);
    assertThat(followed.reason()).startsWith("HTTP 200");
  }

  @Test
  @DisplayName("F2: a followed redirect whose target the guard refuses is not followed: UNKNOWN")
  void f2_aRedirectHopPassesTheGuard() {
    java.util.List<URI> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
    HttpProbe guarded =
        new HttpProbe(
            Clock.systemUTC(),
            TestCertificates.trustingQuietly(keys),
            target -> {
              asked.add(target);
              return target.getPath().equals("/ok")
                  ? HttpProbe.Approval.refused("target /ok is Vakt itself")
                  : HttpProbe.Approval.UNGUARDED;
            });
    CheckResult result =
        guarded.check(
            new CheckSpec.Http(
                url("/redirect"), Duration.ofSeconds(2), null, null, null, null, null, null, true));
    assertThat(result.state()).as(result.reason()).isEqualTo(CheckState.UNKNOWN);
    assertThat(result.reason()).isEqualTo("redirect not followed: target /ok is Vakt itself");
    // The check's own URL passed the guard before the probe ran; the probe asks for each hop.
    assertThat(asked).extracting(URI::getPath).containsExactly("/ok");
  }

  @Test
  @DisplayName("MON-6: a closed port is CRITICAL 'connection refused'")
  void refused() throws IOException {
    int port;
    try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = closed.getLocalPort();
    }
    CheckResult result = probe().check(spec(URI.create("http://127.0.0.1:" + port + "/")));
    assertThat(result.state()).isEqualTo(CheckState.CRITICAL);
    assertThat(result.reason()).isEqualTo("connection refused");
  }

  @Test
  @DisplayName("MON-6: HTTPS with a trusted certificate is OK and reports cert_days_left")
  void httpsValid() {
    CheckResult result =
        probe()
            .check(
                new CheckSpec.Http(
                    valid, Duration.ofSeconds(3), null, "secure", null, null, 14, 7, null));
    assertThat(result.state()).as(result.reason()).isEqualTo(CheckState.OK);
    assertThat(result.metrics().get("cert_days_left"))
        .isBetween(BigDecimal.valueOf(364), BigDecimal.valueOf(365));
    assertThat(result.reason()).contains("certificate expires in 364 days");
  }

  @Test
  @DisplayName("MON-6: a certificate expiring in 5 days is WARNING at certWarnDays 14")
  void httpsExpiringSoon() {
    CheckResult result =
        probe()
            .check(
                new CheckSpec.Http(
                    soon, Duration.ofSeconds(3), null, null, null, null, 14, 2, null));
    assertThat(result.state()).as(result.reason()).isEqualTo(CheckState.WARNING);
    assertThat(result.metrics().get("cert_days_left"))
        .isBetween(BigDecimal.valueOf(4), BigDecimal.valueOf(5));
    assertThat(result.reason()).contains("warning at 14");
  }

  @Test
  @DisplayName("MON-6: days are counted by the injected clock: 3 days before expiry is CRITICAL")
  void httpsClock() throws Exception {
    X509Certificate cert = (X509Certificate) keys.getCertificate("valid");
    Clock threeDaysBefore =
        Clock.fixed(cert.getNotAfter().toInstant().minus(Duration.ofDays(3)), ZoneOffset.UTC);
    CheckResult result =
        new HttpProbe(threeDaysBefore, TestCertificates.trustingQuietly(keys))
            .check(
                new CheckSpec.Http(
                    valid, Duration.ofSeconds(3), null, null, null, null, 14, 7, null));
    assertThat(result.state()).isEqualTo(CheckState.CRITICAL);
    assertThat(result.metrics()).containsEntry("cert_days_left", BigDecimal.valueOf(3));
  }

  @Test
  @DisplayName("MON-6: an expired certificate is CRITICAL 'certificate expired on <date>'")
  void httpsExpired() throws Exception {
    X509Certificate cert = (X509Certificate) keys.getCertificate("expired");
    LocalDate notAfter = LocalDate.ofInstant(cert.getNotAfter().toInstant(), ZoneOffset.UTC);
    CheckResult result = probe().check(spec(expired));
    assertThat(result.state()).isEqualTo(CheckState.CRITICAL);
    assertThat(result.reason()).isEqualTo("certificate expired on " + notAfter);
  }

  @Test
  @DisplayName("MON-6: a certificate from an unknown CA is CRITICAL 'certificate not trusted'")
  void httpsUntrusted() {
    CheckResult result = new HttpProbe().check(spec(valid));
    assertThat(result.state()).isEqualTo(CheckState.CRITICAL);
    assertThat(result.reason()).startsWith("certificate not trusted: ");
  }

  @Test
  @DisplayName("MON-6: user info and a fragment in the URL are ignored, as the JDK client did")
  void userInfoAndFragmentAreIgnored() {
    URI url = URI.create("http://user:pw@127.0.0.1:" + http.getAddress().getPort() + "/ok?a=1#top");
    assertThat(HttpFetch.plain(url).toString())
        .isEqualTo("http://127.0.0.1:" + http.getAddress().getPort() + "/ok?a=1");
    CheckResult result = probe().check(spec(url));
    assertThat(result.state()).as(result.reason()).isEqualTo(CheckState.OK);
  }

  // DPA-3: a check reaches only the address the guard approved (issue 16, F19).
  @Test
  @DisplayName("F19: HTTP connects to the approved address and still sends the name as Host")
  void f19_httpConnectsToTheApprovedAddressWithTheHostHeader() throws Exception {
    int port = http.getAddress().getPort();
    CheckResult result =
        probe()
            .check(
                new CheckSpec.Http(
                    URI.create("http://" + NAME + ":" + port + "/host"),
                    Duration.ofSeconds(2),
                    null,
                    "Host=" + NAME + ":" + port,
                    null,
                    null,
                    null,
                    null,
                    null),
                InetAddress.getByName("127.0.0.1"));
    assertThat(result.state()).as(result.reason()).isEqualTo(CheckState.OK);
  }

  @Test
  @DisplayName("F19: HTTPS connects to the approved address; SNI and the certificate use the name")
  void f19_httpsConnectsToTheApprovedAddressCheckingTheName() throws Exception {
    URI named = URI.create("https://" + NAME + ":" + valid.getPort() + "/");
    CheckResult result = probe().check(spec(named), InetAddress.getByName("127.0.0.1"));
    assertThat(result.state()).as(result.reason()).isEqualTo(CheckState.OK);
    assertThat(result.metrics()).containsKey("cert_days_left");
    // The certificate is still checked against the name, not against the approved address.
    URI wrong = URI.create("https://wrong.vakt.test:" + valid.getPort() + "/");
    CheckResult mismatch = probe().check(spec(wrong), InetAddress.getByName("127.0.0.1"));
    assertThat(mismatch.state()).isEqualTo(CheckState.CRITICAL);
    assertThat(mismatch.reason()).startsWith("certificate does not match the host: ");
  }

  @Test
  @DisplayName("F19: each redirect hop connects to the address the guard approved for it")
  void f19_eachRedirectHopIsPinned() throws Exception {
    java.util.List<URI> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
    HttpProbe guarded =
        new HttpProbe(
            Clock.systemUTC(),
            TestCertificates.trustingQuietly(keys),
            target -> {
              asked.add(target);
              return new HttpProbe.Approval(InetAddress.getLoopbackAddress(), null);
            });
    CheckResult result =
        guarded.check(
            new CheckSpec.Http(
                URI.create("http://" + NAME + ":" + http.getAddress().getPort() + "/away"),
                Duration.ofSeconds(2),
                null,
                "Welcome",
                null,
                null,
                null,
                null,
                true),
            InetAddress.getByName("127.0.0.1"));
    assertThat(result.state()).as(result.reason()).isEqualTo(CheckState.OK);
    assertThat(asked).extracting(URI::getHost).containsExactly("other.vakt.test");
  }

  private static URI serve(String alias) throws Exception {
    HttpsServer server =
        HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(TestCertificates.serving(keys, alias)));
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", reply(200, "secure " + alias, 0));
    server.start();
    https.add(server);
    return URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  private static HttpHandler reply(int status, String body, long delayMillis) {
    return exchange -> {
      try (exchange) {
        sleep(delayMillis);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
      }
    };
  }

  /** Answers with the Host header it was sent. */
  private static void echoHost(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] host =
          ("Host=" + exchange.getRequestHeaders().getFirst("Host"))
              .getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, host.length);
      exchange.getResponseBody().write(host);
    }
  }

  /** Redirects to the same server under another name that no resolver knows. */
  private static void redirectAway(HttpExchange exchange) throws IOException {
    try (exchange) {
      exchange
          .getResponseHeaders()
          .set("Location", "http://other.vakt.test:" + http.getAddress().getPort() + "/ok");
      exchange.sendResponseHeaders(302, -1);
    }
  }

  private static void redirect(HttpExchange exchange) throws IOException {
    try (exchange) {
      exchange.getResponseHeaders().set("Location", "/ok");
      exchange.sendResponseHeaders(302, -1);
    }
  }

  /** Headers at once, then a body that trickles and would take 5 s. */
  private static void slowBody(HttpExchange exchange) throws IOException {
    try (exchange) {
      exchange.sendResponseHeaders(200, 0);
      OutputStream body = exchange.getResponseBody();
      for (int i = 0; i < 50; i++) {
        body.write("x".getBytes(StandardCharsets.UTF_8));
        body.flush();
        sleep(100);
      }
      body.write("end".getBytes(StandardCharsets.UTF_8));
    }
  }

  private static void sleep(long millis) {
    try {
      TimeUnit.MILLISECONDS.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Test certificates made with the JDK's keytool (Bouncy Castle is not on the classpath). */
  static final class TestCertificates {

    /**
     * A PKCS#12 store with a CA ("ca") and three server certificates it signed for 127.0.0.1 and
     * localhost: "valid" (365 days), "soon" (5 days) and "expired" (400 to 370 days ago).
     */
    static KeyStore create(Path dir) throws Exception {
      Path store = dir.resolve("test.p12");
      keytool(store, "ca", "CN=Vakt Test CA", "-ext", "bc:c", "-validity", "3650");
      String san = "san=ip:127.0.0.1,dns:localhost,dns:" + NAME;
      keytool(store, "valid", "CN=localhost", "-ext", san, "-validity", "365", "-signer", "ca");
      keytool(store, "soon", "CN=localhost", "-ext", san, "-validity", "5", "-signer", "ca");
      keytool(
          store,
          "expired",
          "CN=localhost",
          "-ext",
          san,
          "-startdate",
          "-400d",
          "-validity",
          "30",
          "-signer",
          "ca");
      KeyStore keys = KeyStore.getInstance("PKCS12");
      try (var in = java.nio.file.Files.newInputStream(store)) {
        keys.load(in, PASSWORD);
      }
      return keys;
    }

    private static void keytool(Path store, String alias, String dname, String... more)
        throws IOException, InterruptedException {
      List<String> command =
          new ArrayList<>(
              List.of(
                  Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                  // a short-lived JVM: the C1 compiler and serial GC start it 3x faster
                  "-J-XX:TieredStopAtLevel=1",
                  "-J-XX:+UseSerialGC",
                  "-genkeypair",
                  "-keystore",
                  store.toString(),
                  "-storetype",
                  "PKCS12",
                  "-storepass",
                  new String(PASSWORD),
                  "-alias",
                  alias,
                  "-keyalg",
                  "EC",
                  "-groupname",
                  "secp256r1",
                  "-dname",
                  dname));
      command.addAll(List.of(more));
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException("keytool failed for " + alias + ": " + output);
      }
    }

    /** A client context that trusts only {@code ca}. */
    static SSLContext trusting(java.security.cert.Certificate ca) throws Exception {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("ca", ca);
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    }

    /** A fresh client context per probe: the probe owns (and tunes) the context it is given. */
    static SSLContext trustingQuietly(KeyStore keys) {
      try {
        return trusting(keys.getCertificate("ca"));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    /** A server context presenting {@code alias} with its chain. */
    static SSLContext serving(KeyStore keys, String alias) throws Exception {
      KeyStore one = KeyStore.getInstance("PKCS12");
      one.load(null, null);
      one.setKeyEntry(
          alias, keys.getKey(alias, PASSWORD), PASSWORD, keys.getCertificateChain(alias));
      KeyManagerFactory factory =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      factory.init(one, PASSWORD);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(factory.getKeyManagers(), null, null);
      return context;
    }
  }
}
