package dev.vakt.monitoring.probe;

import dev.vakt.monitoring.CheckResult;
import dev.vakt.monitoring.CheckSpec;
import dev.vakt.monitoring.CheckState;
import dev.vakt.monitoring.Probe;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;

/**
 * HTTP(S) check (MON-6): status (any 2xx/3xx unless statuses are given), a keyword in the body,
 * response time against {@code warnAfter}/{@code criticalAfter}, and for HTTPS the days until the
 * certificate expires ({@code cert_days_left}) against {@code certWarnDays}/{@code
 * certCriticalDays}. A certificate the handshake refuses is CRITICAL with the reason ("certificate
 * expired on 2026-01-01", "certificate not trusted: ...").
 *
 * <p>One JDK {@link HttpClient} per probe instance, running its work on virtual threads, so
 * thousands of concurrent checks share one selector thread. Redirects are followed here, not by the
 * client, so that each hop passes the same guard as the check's own URL ({@link HttpRedirects}).
 */
public final class HttpProbe implements Probe<CheckSpec.Http> {

  /** Most of a body kept for the keyword search: bounded memory per check. */
  static final int MAX_BODY = 1024 * 1024;

  private static final String USER_AGENT = "Vakt-Monitor/1";

  private final Clock clock;
  private final HttpClient direct;
  private final Function<URI, String> redirects;

  /** A probe that trusts the JDK's CA certificates and counts certificate days by the UTC clock. */
  public HttpProbe() {
    this(Clock.systemUTC(), systemTrust());
  }

  /**
   * @param clock the time against which certificate days are counted
   * @param tls decides which servers are trusted (the JDK's CAs, or a provider's or test's own CA).
   *     The probe owns it from now on: it turns TLS session resumption off on it, because a resumed
   *     session skips the certificate and would keep reporting the old one after a renewal.
   */
  public HttpProbe(Clock clock, SSLContext tls) {
    this(clock, tls, url -> null);
  }

  /**
   * @param redirects says why a redirect target may not be followed, or null when it may: each hop
   *     of a followed redirect passes the same guard as the check's own URL (issue 16, F2)
   */
  public HttpProbe(Clock clock, SSLContext tls, Function<URI, String> redirects) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.redirects = Objects.requireNonNull(redirects, "redirects");
    Objects.requireNonNull(tls, "tls");
    tls.getClientSessionContext().setSessionTimeout(1);
    var executor = Executors.newVirtualThreadPerTaskExecutor();
    // HTTP/1.1: one plain exchange as check_http makes, and no h2c upgrade offer that some
    // servers and proxies answer badly.
    this.direct =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .sslContext(tls)
            .executor(executor)
            .build();
  }

  @Override
  public CheckResult check(CheckSpec.Http spec) {
    return Elapsed.within(spec.timeout(), elapsed -> exchange(spec, elapsed));
  }

  private CheckResult exchange(CheckSpec.Http spec, Elapsed elapsed) {
    URI url = spec.url();
    for (int hop = 0; ; hop++) {
      HttpRequest request;
      try {
        request =
            HttpRequest.newBuilder(url)
                .timeout(spec.timeout())
                .header("User-Agent", USER_AGENT)
                .GET()
                .build();
      } catch (IllegalArgumentException e) {
        // Not quoted: the message repeats the URL, which may carry credentials.
        return CheckResult.unknown(
            "the JDK HTTP client cannot request this URL", elapsed.elapsed());
      }
      CompletableFuture<HttpResponse<byte[]>> pending =
          direct.sendAsync(request, HttpProbeBody.handler(MAX_BODY));
      HttpResponse<byte[]> response;
      try {
        // The request timeout ends at the response headers; this bounds the body too.
        response = pending.get(elapsed.remaining().toNanos(), TimeUnit.NANOSECONDS);
      } catch (TimeoutException | InterruptedException e) {
        pending.cancel(true); // aborts the exchange and its connection
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        return elapsed.timedOut();
      } catch (ExecutionException e) {
        return failed(spec, e.getCause(), elapsed);
      }
      Optional<URI> next =
          Boolean.TRUE.equals(spec.followRedirects()) && hop < HttpRedirects.MAX_HOPS
              ? HttpRedirects.next(url, response)
              : Optional.empty();
      if (next.isEmpty()) {
        return judge(spec, response, elapsed.elapsed());
      }
      String refusal = redirects.apply(next.get());
      if (refusal != null) {
        return CheckResult.unknown("redirect not followed: " + refusal, elapsed.elapsed());
      }
      url = next.get();
    }
  }

  private CheckResult judge(CheckSpec.Http spec, HttpResponse<byte[]> response, Duration latency) {
    int status = response.statusCode();
    CheckState state = CheckState.OK;
    StringBuilder reason = new StringBuilder("HTTP ").append(status);
    boolean statusOk =
        spec.expectStatus().isEmpty()
            ? status >= 200 && status < 400
            : spec.expectStatus().contains(status);
    if (!statusOk) {
      // Without an expected status, as check_http: a 4xx is WARNING (the server works, the page
      // does not), anything else CRITICAL. A status that is not the one expected is CRITICAL.
      state =
          spec.expectStatus().isEmpty() && status >= 400 && status < 500
              ? CheckState.WARNING
              : CheckState.CRITICAL;
      reason.append(" (expected ").append(expected(spec)).append(')');
    }
    reason.append(" in ").append(Elapsed.human(latency));
    if (spec.criticalAfter() != null && latency.compareTo(spec.criticalAfter()) > 0) {
      state = state.worst(CheckState.CRITICAL);
      reason.append(" (critical above ").append(Elapsed.human(spec.criticalAfter())).append(')');
    } else if (spec.warnAfter() != null && latency.compareTo(spec.warnAfter()) > 0) {
      state = state.worst(CheckState.WARNING);
      reason.append(" (warning above ").append(Elapsed.human(spec.warnAfter())).append(')');
    }
    if (spec.bodyContains() != null
        && !spec.bodyContains().isEmpty()
        && !new String(response.body(), charset(response)).contains(spec.bodyContains())) {
      state = CheckState.CRITICAL;
      reason
          .append(", body does not contain '")
          .append(Elapsed.firstLine(spec.bodyContains(), 60))
          .append('\'');
    }
    var metrics = new TreeMap<String, BigDecimal>();
    metrics.put("time_ms", Elapsed.millis(latency));
    Optional<X509Certificate[]> chain = HttpProbeTls.chain(response);
    if (chain.isPresent()) {
      HttpProbeTls.Verdict certificate =
          HttpProbeTls.rate(
              chain.get(), clock.instant(), spec.certWarnDays(), spec.certCriticalDays());
      state = state.worst(certificate.state());
      reason.append(", ").append(certificate.text());
      metrics.put("cert_days_left", BigDecimal.valueOf(certificate.daysLeft()));
    }
    return new CheckResult(state, reason.toString(), latency, metrics);
  }

  private CheckResult failed(CheckSpec.Http spec, Throwable failure, Elapsed elapsed) {
    Throwable cause =
        failure instanceof CompletionException c && c.getCause() != null ? c.getCause() : failure;
    if (HttpProbeTls.find(cause, HttpTimeoutException.class) != null) {
      return elapsed.timedOut();
    }
    String tls = HttpProbeTls.explain(cause);
    if (tls != null) {
      return CheckResult.critical(tls, elapsed.elapsed());
    }
    if (HttpProbeTls.find(cause, UnresolvedAddressException.class) != null) {
      return CheckResult.critical("cannot resolve host " + spec.url().getHost(), elapsed.elapsed());
    }
    if (HttpProbeTls.find(cause, ConnectException.class) != null) {
      return CheckResult.critical("connection refused", elapsed.elapsed());
    }
    if (elapsed.expired()) {
      return elapsed.timedOut();
    }
    return CheckResult.critical("request failed: " + Elapsed.oneLine(cause), elapsed.elapsed());
  }

  private static String expected(CheckSpec.Http spec) {
    if (spec.expectStatus().isEmpty()) {
      return "2xx or 3xx";
    }
    return spec.expectStatus().stream()
        .sorted()
        .map(String::valueOf)
        .collect(Collectors.joining(" or "));
  }

  /** The charset the server declared, else UTF-8 (what nearly every page uses). */
  private static Charset charset(HttpResponse<?> response) {
    String type = response.headers().firstValue("Content-Type").orElse("");
    int at = type.toLowerCase(Locale.ROOT).indexOf("charset=");
    if (at >= 0) {
      String name = type.substring(at + "charset=".length()).split("[;\\s]")[0].replace("\"", "");
      try {
        return Charset.forName(name);
      } catch (RuntimeException e) {
        // An unknown or malformed charset name: read it as UTF-8 rather than fail the check.
      }
    }
    return StandardCharsets.UTF_8;
  }

  /**
   * A context of its own with the JDK's default trust, so that turning session resumption off does
   * not touch the JVM-wide default context.
   */
  private static SSLContext systemTrust() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, null, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("TLS is not available in this JDK", e);
    }
  }
}
