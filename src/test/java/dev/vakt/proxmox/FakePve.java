package dev.vakt.proxmox;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

/**
 * A stand-in for a Proxmox VE node's pveproxy on 127.0.0.1, for tests. <b>Proxmox VE cannot run
 * here</b>, so this HTTPS server answers recorded responses in the exact shape of the documented
 * API ({@code /api2/json}, every answer wrapped in {@code {"data": ...}}, field names, types and
 * units as in the API viewer and pve-manager's schema), including what pveproxy does on errors: the
 * message in the HTTP reason phrase (e.g. "403 Permission check failed (/nodes/pve1, Sys.Modify)")
 * and a body of {@code {"data":null}}. It is a raw HTTP/1.1 server over an {@link SSLServerSocket}
 * because {@code com.sun.net.httpserver} cannot send such reason phrases.
 *
 * <p>Public so that other modules' tests (the maintenance module's capacity endpoint and runs) can
 * use it. Recorded GET answers come first; a {@link #handler} answers the rest, any method: {@link
 * FakePveCluster} simulates a whole cluster so (migrations, tasks, reboots). POST bodies are read
 * and kept with each request.
 *
 * <p>The certificate is made at test time by the JDK's {@code keytool}: self-signed, like the one
 * Proxmox VE installs, for "pve1.example.invalid" (so it never matches 127.0.0.1 by name).
 */
public final class FakePve implements AutoCloseable {

  /** One recorded answer. */
  public record Answer(int status, String reason, String body) {
    public static Answer ok(String body) {
      return new Answer(200, "OK", body);
    }
  }

  /**
   * What a request carried.
   *
   * @param target the path below the server root with its query, as sent (still URL-encoded)
   * @param body the form-encoded body of a POST, "" for none
   */
  public record Request(String method, String target, Map<String, String> headers, String body) {}

  /** The API token every test client presents. */
  public static final String TOKEN = "vakt@pve!monitor=aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";

  static final String STOREPASS = "changeit";

  private final SSLServerSocket server;
  private final X509Certificate certificate;
  private final Map<String, Answer> routes = new ConcurrentHashMap<>();
  final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Thread acceptor;
  private volatile Function<Request, Answer> handler = r -> null;

  private FakePve(Path keystore) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      ks.load(in, STOREPASS.toCharArray());
    }
    certificate = (X509Certificate) ks.getCertificate("pve");
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, STOREPASS.toCharArray());
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    server =
        (SSLServerSocket)
            ctx.getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor = Thread.ofVirtual().start(this::accept);
  }

  /** A server with a fresh self-signed certificate made in {@code dir}. */
  public static FakePve start(Path dir, String san) throws Exception {
    return new FakePve(keystore(dir, san));
  }

  /** Generates a PKCS#12 key store with one self-signed EC certificate, alias "pve". */
  static Path keystore(Path dir, String san) throws Exception {
    Path ks = dir.resolve("pve-" + Math.abs(san.hashCode()) + ".p12");
    if (Files.exists(ks)) {
      return ks;
    }
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process p =
        new ProcessBuilder(
                keytool.toString(),
                "-genkeypair",
                "-alias",
                "pve",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=pve1.example.invalid, OU=PVE Cluster Node, O=Proxmox Virtual Environment",
                "-ext",
                "san=" + san,
                "-validity",
                "3650",
                "-storetype",
                "PKCS12",
                "-keystore",
                ks.toString(),
                "-storepass",
                STOREPASS,
                "-keypass",
                STOREPASS)
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException("keytool failed: " + out);
    }
    return ks;
  }

  /** The API root, e.g. https://127.0.0.1:41234/api2/json. */
  public URI api() {
    return URI.create("https://127.0.0.1:" + server.getLocalPort() + "/api2/json");
  }

  /** The certificate's SHA-256 fingerprint as the Proxmox VE GUI shows it. */
  public String fingerprint() throws Exception {
    byte[] d = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
    return HexFormat.ofDelimiter(":").withUpperCase().formatHex(d);
  }

  /** A trust store holding only this server's certificate. */
  KeyStore trustStore() throws Exception {
    KeyStore ts = KeyStore.getInstance("PKCS12");
    ts.load(null, null);
    ts.setCertificateEntry("pve", certificate);
    return ts;
  }

  /** Answers GET {@code path} (below /api2/json, with its query) with {@code answer}. */
  public FakePve on(String path, Answer answer) {
    routes.put("GET /api2/json" + path, answer);
    return this;
  }

  /**
   * Answers what no recorded GET answers: {@code handler} gets each such request (any method) and
   * returns the answer, or null for pveproxy's 501. {@link FakePveCluster} simulates a cluster so.
   */
  public FakePve handler(Function<Request, Answer> handler) {
    this.handler = handler;
    return this;
  }

  /** Every request so far, in arrival order. */
  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /** Answers GET {@code path} with 200 and the recorded response {@code resource}. */
  public FakePve on(String path, String resource) {
    return on(path, Answer.ok(resource(resource)));
  }

  public static String resource(String name) {
    String path = name.startsWith("/") ? name : "/dev/vakt/proxmox/" + name;
    try (InputStream in = FakePve.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no recorded response " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        Thread.ofVirtual().start(() -> serve(s));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket s) {
    try (s) {
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
      String line = in.readLine();
      if (line == null) {
        return;
      }
      String[] parts = line.split(" ");
      Map<String, String> headers = new TreeMap<>();
      String h;
      while ((h = in.readLine()) != null && !h.isEmpty()) {
        int colon = h.indexOf(':');
        if (colon > 0) {
          headers.put(
              h.substring(0, colon).strip().toLowerCase(Locale.ROOT),
              h.substring(colon + 1).strip());
        }
      }
      int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
      char[] chars = new char[length];
      int read = 0;
      while (read < length) {
        int n = in.read(chars, read, length - read);
        if (n < 0) {
          break;
        }
        read += n;
      }
      // ISO-8859-1 reads one char per byte, so the body's bytes come back unchanged.
      Request request = new Request(parts[0], parts[1], headers, new String(chars, 0, read));
      requests.add(request);
      Answer a;
      String auth = headers.getOrDefault("authorization", "");
      if (!auth.startsWith("PVEAPIToken=")) {
        a = new Answer(401, "No ticket", "{\"data\":null}");
      } else {
        a = routes.get(parts[0] + " " + parts[1]);
        if (a == null) {
          a = handler.apply(request);
        }
        if (a == null) {
          a =
              new Answer(
                  501,
                  "Method '" + parts[0] + " " + parts[1] + "' not implemented",
                  "{\"data\":null}");
        }
      }
      byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
      OutputStream out = s.getOutputStream();
      out.write(
          ("HTTP/1.1 "
                  + a.status()
                  + " "
                  + a.reason()
                  + "\r\nServer: pve-api-daemon/3.0\r\nContent-Type: application/json;charset=UTF-8"
                  + "\r\nContent-Length: "
                  + body.length
                  + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      out.write(body);
      out.flush();
    } catch (IOException e) {
      // A client that hung up (e.g. after refusing the certificate): nothing to answer.
    }
  }

  /** A port where nothing listens. */
  public static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    acceptor.interrupt();
  }
}
