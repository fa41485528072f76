package dev.vakt.monitoring.probe;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.routing.RoutingSupport;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.util.Timeout;

/**
 * One HTTP(S) GET for {@link HttpProbe}, connected to exactly the address the monitoring guard
 * approved (issue 16, F19). The JDK's HTTP client can only look the URL's host up again, and that
 * second answer may differ (DNS rebinding); Apache HttpClient takes a resolver, which here answers
 * with the approved address and nothing else. The URL keeps its host name, so the request's {@code
 * Host} header, TLS SNI and the certificate's host-name check (the JDK's own, HTTPS endpoint
 * identification against the SNI name) are what they would be without pinning.
 *
 * <p>A client of its own per request: one connection, no pool kept between checks, no retries,
 * cookies, redirects or content decoding: one plain exchange as check_http makes.
 */
final class HttpFetch {

  private static final String USER_AGENT = "Vakt-Monitor/1";

  /** What a response said, read while its connection was open. */
  record Fetched(
      int status,
      Optional<String> location,
      Optional<String> contentType,
      byte[] body,
      SSLSession tls) {}

  private HttpFetch() {}

  /**
   * GETs {@code url}, connected to {@code approved} (or to the host as looked up now when null: an
   * address literal, or a probe used outside the engine), keeping at most {@code maxBody} bytes of
   * the body, within {@code timeout} for connecting and for each read.
   */
  static Fetched get(URI url, InetAddress approved, SSLContext tls, int maxBody, Duration timeout)
      throws IOException {
    Timeout t = Timeout.ofMilliseconds(Math.max(1, timeout.toMillis()));
    DnsResolver dns = approved == null ? SystemDefaultDnsResolver.INSTANCE : pinned(approved);
    var connections =
        PoolingHttpClientConnectionManagerBuilder.create()
            .setDnsResolver(dns)
            // BUILTIN: the JDK checks the certificate's name (against the SNI name, the URL's
            // host), with the same messages as before; no second verifier of Apache's own.
            .setTlsSocketStrategy(
                new DefaultClientTlsStrategy(
                    tls, HostnameVerificationPolicy.BUILTIN, NoopHostnameVerifier.INSTANCE))
            .setDefaultConnectionConfig(
                ConnectionConfig.custom().setConnectTimeout(t).setSocketTimeout(t).build())
            .setMaxConnTotal(1)
            .build();
    try (CloseableHttpClient client =
        HttpClients.custom()
            .setConnectionManager(connections)
            .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(t).build())
            .disableRedirectHandling()
            .disableAutomaticRetries()
            .disableContentCompression()
            .disableCookieManagement()
            .disableAuthCaching()
            .setUserAgent(USER_AGENT)
            .build()) {
      HttpGet request = new HttpGet(plain(url));
      HttpClientContext context = HttpClientContext.create();
      HttpHost target;
      try {
        target = RoutingSupport.determineHost(request);
      } catch (HttpException e) {
        throw new IllegalArgumentException("no host in the URL", e);
      }
      ClassicHttpResponse response = client.executeOpen(target, request, context);
      try {
        return read(request, response, context, maxBody);
      } finally {
        try {
          response.close();
        } catch (IOException ignored) {
          // The verdict is read; a connection that will not close cleanly is dropped anyway.
        }
      }
    }
  }

  /**
   * The URL without user info and fragment, which the JDK client this probe used before ignored and
   * Apache HttpClient refuses: no credentials are sent from the URL, as before.
   */
  static URI plain(URI url) {
    if (url.getRawUserInfo() == null && url.getRawFragment() == null) {
      return url;
    }
    String authority = url.getRawAuthority();
    authority = authority.substring(authority.lastIndexOf('@') + 1);
    return URI.create(
        url.getScheme()
            + "://"
            + authority
            + (url.getRawPath() == null ? "" : url.getRawPath())
            + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery()));
  }

  /** The approved address for the one host this client talks to; no lookup at all. */
  private static DnsResolver pinned(InetAddress approved) {
    return new DnsResolver() {
      @Override
      public InetAddress[] resolve(String host) {
        return new InetAddress[] {approved};
      }

      @Override
      public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return host;
      }
    };
  }

  private static Fetched read(
      HttpGet request, ClassicHttpResponse response, HttpClientContext context, int max)
      throws IOException {
    SSLSession session = context.getSSLSession();
    HttpEntity entity = response.getEntity();
    byte[] body = new byte[0];
    if (entity != null) {
      InputStream in = entity.getContent();
      body = bounded(in, max);
      if (body.length >= max) {
        // Enough to judge: drop the connection rather than let closing the stream drain the rest.
        request.cancel();
      } else {
        in.close();
      }
    }
    return new Fetched(
        response.getCode(),
        header(response, "Location"),
        header(response, "Content-Type"),
        body,
        session);
  }

  /**
   * At most {@code max} bytes: a keyword check needs the page, not a multi-gigabyte download that
   * would hold memory and the deadline. Closing the stream early drops that connection.
   */
  private static byte[] bounded(InputStream in, int max) throws IOException {
    ByteArrayOutputStream kept = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    while (kept.size() < max) {
      int n = in.read(buffer, 0, Math.min(buffer.length, max - kept.size()));
      if (n < 0) {
        break;
      }
      kept.write(buffer, 0, n);
    }
    return kept.toByteArray();
  }

  private static Optional<String> header(ClassicHttpResponse response, String name) {
    Header header = response.getFirstHeader(name);
    return header == null ? Optional.empty() : Optional.ofNullable(header.getValue());
  }
}
