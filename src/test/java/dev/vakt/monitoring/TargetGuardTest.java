package dev.vakt.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.monitoring.probe.TcpProbe;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The guard every check passes (issue 16, DPA-3): allowed networks, Vakt's own endpoints (F2), and
 * a connection to exactly the address it approved (F19).
 */
class TargetGuardTest {

  private static final Duration T = Duration.ofSeconds(3);
  private static final String NAME = "rebind.vakt.test";

  /** A DNS that first answers with an allowed address, then with another one: rebinding. */
  static final class Rebinding implements TargetGuard.Resolver {
    final AtomicInteger lookups = new AtomicInteger();
    final List<InetAddress> answers;

    Rebinding(String... answers) throws UnknownHostException {
      this.answers = new ArrayList<>();
      for (String a : answers) {
        this.answers.add(InetAddress.getByName(a));
      }
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
      if (!host.equals(NAME)) {
        throw new UnknownHostException(host);
      }
      int n = lookups.getAndIncrement();
      return new InetAddress[] {answers.get(Math.min(n, answers.size() - 1))};
    }
  }

  @Test
  @DisplayName(
      "F19: the probe connects to the approved address; a changed DNS answer is never used")
  void f19_theProbeConnectsToTheApprovedAddress() throws IOException {
    Rebinding dns = new Rebinding("127.0.0.1", "127.0.0.9");
    TargetGuard guard =
        new TargetGuard(new TargetPolicy(List.of("127.0.0.1/32")), SelfEndpoints.none(), dns);
    List<CheckSpec> probed = new ArrayList<>();
    Probe<CheckSpec.Tcp> tcp =
        spec -> {
          probed.add(spec);
          return new TcpProbe().check(spec);
        };
    try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
      Thread.ofVirtual().start(() -> acceptAll(server));
      CheckResult result =
          ProbeRunner.run(
              new CheckSpec.Tcp(NAME, server.getLocalPort(), T, null, null, null),
              guard,
              Map.of(CheckSpec.Tcp.class, tcp));
      assertThat(result.state()).as(result.reason()).isEqualTo(CheckState.OK);
    }
    assertThat(dns.lookups).as("resolved once, by the guard").hasValue(1);
    assertThat(((CheckSpec.Tcp) probed.getFirst()).host()).isEqualTo("127.0.0.1");
  }

  // DPA-3: end to end, the real HTTP probe behind the runner (issue 16, F19).
  @Test
  @DisplayName("F19: an HTTP check reaches the approved address though DNS answers otherwise later")
  void f19_httpCheckThroughTheRunnerUsesTheApprovedAddress() throws IOException {
    Rebinding dns = new Rebinding("127.0.0.1", "127.0.0.9");
    TargetGuard guard =
        new TargetGuard(new TargetPolicy(List.of("127.0.0.1/32")), SelfEndpoints.none(), dns);
    com.sun.net.httpserver.HttpServer server =
        com.sun.net.httpserver.HttpServer.create(
            new java.net.InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            byte[] host =
                exchange
                    .getRequestHeaders()
                    .getFirst("Host")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, host.length);
            exchange.getResponseBody().write(host);
          }
        });
    server.start();
    try {
      int port = server.getAddress().getPort();
      CheckResult result =
          ProbeRunner.run(
              new CheckSpec.Http(
                  java.net.URI.create("http://" + NAME + ":" + port + "/"),
                  T,
                  null,
                  NAME + ":" + port,
                  null,
                  null,
                  null,
                  null,
                  null),
              guard,
              Map.of(CheckSpec.Http.class, new dev.vakt.monitoring.probe.HttpProbe()));
      assertThat(result.state()).as(result.reason()).isEqualTo(CheckState.OK);
    } finally {
      server.stop(0);
    }
    assertThat(dns.lookups).as("resolved once, by the guard").hasValue(1);
  }

  // DPA-3: the probes that need the name (TLS SNI, HTTP Host) get it and the approved address.
  @Test
  @DisplayName("F19: a probe that keeps the name for TLS is handed the approved address with it")
  void f19_nameKeepingProbesAreHandedTheApprovedAddress() throws IOException {
    Rebinding dns = new Rebinding("127.0.0.1", "127.0.0.9");
    TargetGuard guard =
        new TargetGuard(new TargetPolicy(List.of("127.0.0.1/32")), SelfEndpoints.none(), dns);
    List<Object> seen = new ArrayList<>();
    Probe<CheckSpec.Mail> mail =
        new Probe<>() {
          @Override
          public CheckResult check(CheckSpec.Mail spec) {
            throw new AssertionError("the runner must hand over the approved address");
          }

          @Override
          public CheckResult check(CheckSpec.Mail spec, InetAddress approved) {
            seen.add(spec.host());
            seen.add(approved);
            return CheckResult.ok("ok", Duration.ZERO, Map.of());
          }
        };
    ProbeRunner.run(
        new CheckSpec.Mail(
            CheckSpec.Mail.Protocol.SMTP, NAME, 465, CheckSpec.Tls.IMPLICIT, T, null, null, null),
        guard,
        Map.of(CheckSpec.Mail.class, mail));
    assertThat(seen).containsExactly(NAME, InetAddress.getByName("127.0.0.1"));
    assertThat(dns.lookups).as("resolved once, by the guard").hasValue(1);
  }

  @Test
  @DisplayName("F19: a name with any address outside the allowed networks is refused, unsent")
  void f19_everyAddressMustBeAllowed() throws UnknownHostException {
    TargetGuard.Resolver twoAnswers =
        host ->
            new InetAddress[] {
              InetAddress.getByName("127.0.0.1"), InetAddress.getByName("10.0.0.1")
            };
    TargetGuard guard =
        new TargetGuard(new TargetPolicy(List.of("127.0.0.0/8")), SelfEndpoints.none(), twoAnswers);
    assertThat(guard.judge(new CheckSpec.Tcp(NAME, 25, T, null, null, null)))
        .isInstanceOf(TargetGuard.Verdict.Refused.class);
  }

  @Test
  @DisplayName("F2: Vakt's ports are refused on every local address, a remote database by address")
  void f2_selfEndpoints() throws UnknownHostException {
    SelfEndpoints self =
        new SelfEndpoints(
            List.of(
                new SelfEndpoints.Endpoint("Vakt's HTTP port", List.of(), 8080),
                SelfEndpoints.database("jdbc:postgresql://127.0.0.1:55432/vakt").orElseThrow()),
            List.of(Path.of("/var/lib/vakt")));
    assertThat(self.refusal(InetAddress.getByName("127.0.0.1"), 8080)).isPresent();
    assertThat(self.refusal(InetAddress.getByName("::1"), 8080)).isPresent();
    assertThat(self.refusal(InetAddress.getByName("0.0.0.0"), 8080)).isPresent();
    assertThat(self.refusal(InetAddress.getByName("127.0.0.5"), 55432)).isPresent();
    assertThat(self.refusal(InetAddress.getByName("127.0.0.1"), 8081)).isEmpty();
    assertThat(self.refusal(InetAddress.getByName("192.0.2.7"), 8080)).isEmpty();
    assertThat(self.refusal(List.of("-H", "127.0.0.1", "-P", "55432"))).isPresent();
    assertThat(self.refusal(List.of("-f", "/var/lib/vakt/master.key"))).isPresent();
    assertThat(self.refusal(List.of("-H", "127.0.0.1", "-p", "5432"))).isEmpty();
    assertThat(SelfEndpoints.database("jdbc:postgresql://192.0.2.7/vakt").orElseThrow().port())
        .isEqualTo(5432);
  }

  private static void acceptAll(ServerSocket server) {
    while (!server.isClosed()) {
      try (Socket ignored = server.accept()) {
        // a TCP check only connects
      } catch (IOException closed) {
        return;
      }
    }
  }
}
