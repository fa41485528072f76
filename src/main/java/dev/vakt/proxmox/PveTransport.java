package dev.vakt.proxmox;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One request to the Proxmox VE API and its {@code data}: the token header resolved per request and
 * kept out of every message, TLS pinned or against a trust store, timeouts, no proxy, a bounded
 * answer. {@link ProxmoxClient} builds its typed endpoints on it.
 */
final class PveTransport {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Pattern TOKEN = Pattern.compile("[^\\s=!@]+@[^\\s=!@]+![^\\s=]+=\\S+");

  private final String base;
  private final Supplier<String> token;
  private final SSLSocketFactory tls;
  private final String trustName;
  private final int timeoutMillis;
  private final InetAddress address;

  PveTransport(String base, Supplier<String> token, TlsTrust trust, int timeoutMillis) {
    this.base = base;
    this.token = Objects.requireNonNull(token, "token");
    this.timeoutMillis = timeoutMillis;
    this.tls = socketFactory(Objects.requireNonNull(trust, "trust"));
    this.trustName = trust instanceof TlsTrust.Pinned ? "pinned" : "trust store";
    this.address = null;
  }

  private PveTransport(PveTransport of, InetAddress address) {
    this.base = of.base;
    this.token = of.token;
    this.timeoutMillis = of.timeoutMillis;
    this.tls = new AddressedSockets(of.tls, address);
    this.trustName = of.trustName;
    this.address = address;
  }

  /**
   * This transport, connected to {@code address} (the one the guard approved for the API's host,
   * F19) instead of a new lookup of the name; the name stays for SNI and the certificate check.
   */
  PveTransport at(InetAddress address) {
    Objects.requireNonNull(address, "address");
    if (this.address != null) {
      throw new IllegalStateException("already connected to an approved address");
    }
    return new PveTransport(this, address);
  }

  JsonNode request(String method, String path, String form) throws ProxmoxException {
    String header = authorization();
    URL url;
    try {
      url = new URI(base + path).toURL();
    } catch (URISyntaxException | IllegalArgumentException | IOException e) {
      throw new ProxmoxException(ProxmoxException.Kind.BAD_RESPONSE, "invalid API path " + path);
    }
    String where = method + " " + path;
    HttpsURLConnection c = null;
    try {
      c = (HttpsURLConnection) url.openConnection(Proxy.NO_PROXY);
      c.setSSLSocketFactory(tls);
      c.setConnectTimeout(timeoutMillis);
      c.setReadTimeout(timeoutMillis);
      c.setInstanceFollowRedirects(false);
      c.setUseCaches(false);
      c.setRequestMethod(method);
      c.setRequestProperty("Authorization", header);
      c.setRequestProperty("Accept", "application/json");
      if (form != null) {
        byte[] bytes = form.getBytes(StandardCharsets.UTF_8);
        c.setDoOutput(true);
        c.setRequestProperty("Content-Type", "application/x-www-form-urlencoded");
        c.setFixedLengthStreamingMode(bytes.length);
        try (java.io.OutputStream out = c.getOutputStream()) {
          out.write(bytes);
        }
      }
      int status = c.getResponseCode();
      String reason = scrub(c.getResponseMessage(), header);
      if (status != 200) {
        drain(c);
        throw PveErrors.http(status, reason, where);
      }
      byte[] body;
      try (InputStream in = c.getInputStream()) {
        body = in.readNBytes(ProxmoxClient.MAX_BODY + 1);
      }
      if (body.length > ProxmoxClient.MAX_BODY) {
        throw new ProxmoxException(
            ProxmoxException.Kind.BAD_RESPONSE,
            where + ": answer larger than " + ProxmoxClient.MAX_BODY + " bytes");
      }
      return data(body, where);
    } catch (ProxmoxException e) {
      throw e;
    } catch (IOException e) {
      throw transportError(e, where);
    } finally {
      if (c != null) {
        c.disconnect();
      }
    }
  }

  private String authorization() throws ProxmoxException {
    String t;
    try {
      t = token.get();
    } catch (RuntimeException e) {
      // The resolver's message may name the reference, never the secret; keep only its type.
      throw new ProxmoxException(
          ProxmoxException.Kind.AUTHENTICATION,
          "API token cannot be resolved (" + e.getClass().getSimpleName() + ")");
    }
    if (t != null) {
      t = t.strip();
      if (t.startsWith("PVEAPIToken=")) {
        t = t.substring("PVEAPIToken=".length());
      }
    }
    if (t == null || !TOKEN.matcher(t).matches()) {
      throw new ProxmoxException(
          ProxmoxException.Kind.AUTHENTICATION,
          "API token is not in the form USER@REALM!TOKENID=SECRET");
    }
    return "PVEAPIToken=" + t;
  }

  /** Removes the token's secret from a text coming from the server, should it ever echo it. */
  private static String scrub(String text, String header) {
    if (text == null) {
      return "";
    }
    int eq = header.lastIndexOf('=');
    String secret = eq >= 0 ? header.substring(eq + 1) : "";
    if (secret.length() >= 4) {
      text = text.replace(secret, "***");
    }
    text = text.replaceAll("\\s+", " ").strip();
    return text.length() > 200 ? text.substring(0, 197) + "..." : text;
  }

  private static void drain(HttpURLConnection c) {
    try (InputStream err = c.getErrorStream()) {
      if (err != null) {
        err.readNBytes(64 * 1024);
      }
    } catch (IOException e) {
      // The status already says what went wrong.
    }
  }

  private static JsonNode data(byte[] body, String where) throws ProxmoxException {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JacksonException e) {
      throw new ProxmoxException(
          ProxmoxException.Kind.BAD_RESPONSE,
          where + ": answer is not JSON: '" + preview(body) + "'");
    }
    if (root == null || !root.isObject() || !root.has("data")) {
      throw new ProxmoxException(
          ProxmoxException.Kind.BAD_RESPONSE,
          where + ": answer has no \"data\": '" + preview(body) + "'");
    }
    return root.get("data");
  }

  private static String preview(byte[] body) {
    String s = new String(body, 0, Math.min(body.length, 120), StandardCharsets.UTF_8);
    return s.replaceAll("\\s+", " ").strip();
  }

  private static SSLSocketFactory socketFactory(TlsTrust trust) {
    try {
      return switch (trust) {
        case TlsTrust.Pinned p -> {
          SSLContext ctx = SSLContext.getInstance("TLS");
          ctx.init(null, new TrustManager[] {new PinnedTrustManager(p)}, null);
          yield ctx.getSocketFactory();
        }
        case TlsTrust.TrustStore s when s.keyStore() == null ->
            SSLContext.getDefault().getSocketFactory();
        case TlsTrust.TrustStore s -> {
          TrustManagerFactory tmf =
              TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
          tmf.init(s.keyStore());
          SSLContext ctx = SSLContext.getInstance("TLS");
          ctx.init(null, tmf.getTrustManagers(), null);
          yield ctx.getSocketFactory();
        }
      };
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
    }
  }

  private ProxmoxException transportError(IOException e, String where) {
    return PveErrors.transport(e, where, host(), timeoutMillis, trustName);
  }

  private String host() {
    return base.replaceFirst("^https://", "").replaceFirst("/.*$", "");
  }
}
