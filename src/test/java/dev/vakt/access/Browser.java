package dev.vakt.access;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/**
 * A client that keeps cookies as a browser does, and sends the CSRF header when asked to. Public
 * for other modules' tests of changes that need a signed-in session ({@link TestSessions}).
 */
public final class Browser {

  private final RestClient http;
  final Map<String, String> cookies = new LinkedHashMap<>();

  public Browser(int port) {
    this.http =
        RestClient.builder()
            // The JDK's client, as a browser would: redirects are shown, not followed, and an early
            // answer (413 while the body is still being sent) is read. Apache HttpClient is on the
            // class path for the HTTP probe and would otherwise be chosen.
            .requestFactory(new org.springframework.http.client.JdkClientHttpRequestFactory())
            .baseUrl("http://127.0.0.1:" + port)
            .defaultStatusHandler(status -> true, (req, res) -> {})
            .build();
  }

  public ResponseEntity<String> get(String path) {
    return send(HttpMethod.GET, path, null, true);
  }

  public ResponseEntity<String> post(String path, String json) {
    return send(HttpMethod.POST, path, json, true);
  }

  /** A request as a browser makes it, with the CSRF header or ({@code csrf} false) without. */
  public ResponseEntity<String> send(HttpMethod method, String path, String json, boolean csrf) {
    RestClient.RequestBodySpec spec = http.method(method).uri(path);
    if (!cookies.isEmpty()) {
      spec.header(
          "Cookie",
          String.join(
              "; ",
              cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
    }
    if (csrf && cookies.containsKey("XSRF-TOKEN")) {
      spec.header("X-XSRF-TOKEN", cookies.get("XSRF-TOKEN"));
    }
    if (json != null) {
      spec.contentType(MediaType.APPLICATION_JSON).body(json);
    }
    ResponseEntity<String> r = spec.retrieve().toEntity(String.class);
    List<String> set = r.getHeaders().get("Set-Cookie");
    if (set != null) {
      for (String c : set) {
        String pair = c.split(";", 2)[0];
        int eq = pair.indexOf('=');
        String name = pair.substring(0, eq).strip();
        String value = pair.substring(eq + 1).strip();
        if (value.isEmpty() || c.toLowerCase().contains("max-age=0")) {
          cookies.remove(name);
        } else {
          cookies.put(name, value);
        }
      }
    }
    return r;
  }

  /** Signs in: first a GET for the CSRF cookie, as the login page does. */
  public ResponseEntity<String> login(String username, String password, String code) {
    get("/api/session");
    return post(
        "/api/session",
        "{\"username\":\"%s\",\"password\":\"%s\",\"code\":%s}"
            .formatted(username, password, code == null ? "null" : "\"" + code + "\""));
  }
}
