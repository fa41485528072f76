package dev.vakt.alerting;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A JDK HttpServer on 127.0.0.1 that records every request and answers with a set status. The
 * requests it answered with 2xx are also in {@link #accepted}. As an SMS gateway with a status URL:
 * {@code GET /status/REF} answers 200 when an accepted request contained REF, else 404.
 */
final class RecordingHttpServer implements AutoCloseable {

  /** A request as received: the raw (still encoded) URI, headers and body. */
  record Request(String method, String rawUri, Map<String, List<String>> headers, String body) {
    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().getFirst())
          .findFirst()
          .orElse(null);
    }
  }

  final List<Request> requests = new CopyOnWriteArrayList<>();
  final List<Request> accepted = new CopyOnWriteArrayList<>();
  private final HttpServer server;
  volatile int status = 200;
  volatile String answer = "ok";

  RecordingHttpServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/status/",
        exchange -> {
          requests.add(
              new Request(
                  exchange.getRequestMethod(),
                  exchange.getRequestURI().getRawPath(),
                  Map.copyOf(exchange.getRequestHeaders()),
                  ""));
          String ref = exchange.getRequestURI().getPath().substring("/status/".length());
          boolean known =
              accepted.stream().anyMatch(r -> r.rawUri().contains(ref) || r.body().contains(ref));
          int code = status >= 500 ? status : known ? 200 : 404;
          exchange.sendResponseHeaders(code, -1);
          exchange.close();
        });
    server.createContext(
        "/",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          Request request =
              new Request(
                  exchange.getRequestMethod(),
                  exchange.getRequestURI().getRawPath()
                      + (exchange.getRequestURI().getRawQuery() == null
                          ? ""
                          : "?" + exchange.getRequestURI().getRawQuery()),
                  Map.copyOf(exchange.getRequestHeaders()),
                  body);
          requests.add(request);
          int code = status;
          if (code >= 200 && code < 300) {
            accepted.add(request);
          }
          byte[] out = answer.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(code, out.length);
          exchange.getResponseBody().write(out);
          exchange.close();
        });
    server.start();
  }

  String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  Request last() {
    return requests.getLast();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
