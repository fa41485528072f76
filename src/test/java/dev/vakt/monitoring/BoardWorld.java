package dev.vakt.monitoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A provider whose services really are up, down or not checked, for the status board's tests and
 * its page benchmark: TCP services on loopback ports that answer (OK) or are closed (CRITICAL after
 * one attempt), FTP services the contract does not watch, and services switched off in the
 * inventory (both "unchecked", never up).
 *
 * <p>Service {@code n} (0-based over the whole provider) is: FTP when {@code n % 10 == 9}; else
 * down when {@code n % downEvery == 3} (7 unless told); else switched off when {@code n % 13 ==
 * 11}; else up. Customer {@code k} has {@code sizes[k]} services on one server.
 */
public final class BoardWorld implements AutoCloseable {

  private final List<ServerSocket> open = new ArrayList<>();
  private final int closedPort;
  private final int downEvery;

  /** A world where one TCP service in seven is down, as {@link #expected} says. */
  public BoardWorld(int ports) {
    this(ports, 7);
  }

  /**
   * Opens {@code ports} listening ports on loopback (services spread over them) and finds one
   * closed; one service in {@code downEvery} listens there.
   */
  public BoardWorld(int ports, int downEvery) {
    this.downEvery = downEvery;
    try {
      for (int i = 0; i < ports; i++) {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        open.add(s);
        Thread.ofVirtual().start(() -> accept(s));
      }
      try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        closedPort = probe.getLocalPort();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What service {@code n} of a world with the default one in seven down shows once checked. */
  public static String expected(int n) {
    if (n % 10 == 9) {
      return "unchecked";
    }
    if (n % 7 == 3) {
      return "critical";
    }
    return n % 13 == 11 ? "unchecked" : "ok";
  }

  /**
   * The catalog: provider {@code p}, customers {@code p-c<k>} named "Kunde k AS", services {@code
   * p-s<n>}.
   */
  public String yaml(String p, int[] sizes, String interval) {
    StringBuilder y = new StringBuilder();
    y.append(
        """
        apiVersion: vakt/v1
        kind: Provider
        id: %1$s
        version: 1
        effectiveFrom: 2024-01-01
        name: Board AS
        terms: { timeZone: Europe/Oslo, currency: NOK, language: nb }
        ---
        apiVersion: vakt/v1
        kind: Product
        id: %1$s-managed
        version: 1
        effectiveFrom: 2024-01-01
        provider: %1$s
        name: Managed
        terms:
          monitoring: { interval: %2$s, timeout: 500ms, maxAttempts: 1, retryInterval: %2$s, services: [tcp] }
          sla:
            uptime: { target: 99.9, measurement: { period: consecutive-months, length: 3 }, basis: always, credit: { kind: none } }
            excluded: [customer-caused, manufacturer, planned-maintenance]
        """
            .formatted(p, interval));
    for (int k = 0; k < sizes.length; k++) {
      y.append(
          """
          ---
          apiVersion: vakt/v1
          kind: Contract
          id: %1$s-k%2$d
          version: 1
          effectiveFrom: 2024-01-01
          provider: %1$s
          customer: %1$s-c%2$d
          product: %1$s-managed
          start: 2024-01-01
          """
              .formatted(p, k));
    }
    y.append("---\napiVersion: vakt/v1\nkind: Inventory\nprovider: ").append(p);
    y.append("\ncustomers:\n");
    for (int k = 0; k < sizes.length; k++) {
      y.append("  - { id: %1$s-c%2$d, name: Kunde %2$d AS }\n".formatted(p, k));
    }
    y.append("servers:\n");
    for (int k = 0; k < sizes.length; k++) {
      y.append(
          "  - { id: %1$s-srv%2$d, customer: %1$s-c%2$d, kind: vps, ownership: provider, address: 127.0.0.1 }\n"
              .formatted(p, k));
    }
    y.append("services:\n");
    int n = 0;
    for (int k = 0; k < sizes.length; k++) {
      for (int i = 0; i < sizes[k]; i++, n++) {
        String id = p + "-s" + n;
        String server = p + "-srv" + k;
        if (n % 10 == 9) {
          y.append(
              "  - { id: %s, server: %s, type: ftp, installedBy: provider }\n"
                  .formatted(id, server));
        } else {
          int port = n % downEvery == 3 ? closedPort : open.get(n % open.size()).getLocalPort();
          y.append(
              "  - { id: %s, server: %s, type: tcp, port: %d, installedBy: provider%s }\n"
                  .formatted(
                      id,
                      server,
                      port,
                      n % downEvery != 3 && n % 13 == 11 ? ", monitored: false" : ""));
        }
      }
    }
    return y.toString();
  }

  private static void accept(ServerSocket s) {
    while (!s.isClosed()) {
      try (Socket c = s.accept()) {
        c.getOutputStream().flush();
      } catch (IOException e) {
        return;
      }
    }
  }

  @Override
  public void close() {
    for (ServerSocket s : open) {
      try {
        s.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
  }
}
