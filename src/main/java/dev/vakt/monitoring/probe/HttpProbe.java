package dev.vakt.monitoring.probe;

import dev.vakt.monitoring.CheckResult;
import dev.vakt.monitoring.CheckSpec;
import dev.vakt.monitoring.CheckState;
import dev.vakt.monitoring.Probe;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
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
 * <p>Each request connects to the address the monitoring guard approved for its host, never to a
 * second lookup of the name (issue 16, F19; {@link HttpFetch}); the name stays in the URL for the
 * {@code Host} header, SNI and the certificate's name. Redirects are followed here, not by the
 * client, so that each hop passes the same guard as the check's own URL and is connected to the
 * address approved for it ({@link HttpRedirects}).
 */
public final class HttpProbe implements Probe<CheckSpec.Http> {

  /** Most of a body kept for the keyword search: bounded memory per check. */
  static final int MAX_BODY = 1024 * 1024;

  /**
   * What the guard says of a URL about to be requested: the address to connect to, or why it may
   * not be reached.
   *
   * @param address the approved address; null to look the host up (an address literal, or no guard)
   * @param refusal why not, or null when the URL may be requested
   */
  public record Approval(InetAddress address, String refusal) {

    /** No guard: the host is looked up when connecting. */
    public static final Approval UNGUARDED = new Approval(null, null);

    public static Approval refused(String reason) {
      return new Approval(null, Objects.requireNonNull(reason, "reason"));
    }
  }

  private final Clock clock;
  private final SSLContext tls;
  private final Function<URI, Approval> redirects;

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
    this(clock, tls, url -> Approval.UNGUARDED);
  }

  /**
   * @param redirects the guard's word on a redirect target: each hop of a followed redirect passes
   *     the same guard as the check's own URL (issue 16, F2) and connects to the address it
   *     approved (F19)
   */
  public HttpProbe(Clock clock, SSLContext tls, Function<URI, Approval> redirects) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.redirects = Objects.requireNonNull(redirects, "redirects");
    this.tls = Objects.requireNonNull(tls, "tls");
    tls.getClientSessionContext().setSessionTimeout(1);
  }

  @Override
  public CheckResult check(CheckSpec.Http spec) {
    return check(spec, null);
  }

  /** The check connected to {@code approved}, the URL keeping its host name (F19). */
  @Override
  public CheckResult check(CheckSpec.Http spec, InetAddress approved) {
    return Elapsed.within(spec.timeout(), elapsed -> exchange(spec, approved, elapsed));
  }

  private CheckResult exchange(CheckSpec.Http spec, InetAddress approved, Elapsed elapsed) {
    URI url = spec.url();
    InetAddress address = approved;
    for (int hop = 0; ; hop++) {
      HttpFetch.Fetched response;
      try {
        response = HttpFetch.get(url, address, tls, MAX_BODY, elapsed.remaining());
      } catch (IllegalArgumentException e) {
        // Not quoted: the message repeats the URL, which may carry credentials.
        return CheckResult.unknown("the HTTP client cannot request this URL", elapsed.elapsed());
      } catch (IOException e) {
        return failed(spec, e, elapsed);
      }
      Optional<URI> next =
          Boolean.TRUE.equals(spec.followRedirects()) && hop < HttpRedirects.MAX_HOPS
              ? HttpRedirects.next(url, response.status(), response.location())
              : Optional.empty();
      if (next.isEmpty()) {
        return judge(spec, response, elapsed.elapsed());
      }
      Approval approval = redirects.apply(next.get());
      if (approval.refusal() != null) {
        return CheckResult.unknown(
            "redirect not followed: " + approval.refusal(), elapsed.elapsed());
      }
      url = next.get();
      address = approval.address();
    }
  }

  private CheckResult judge(CheckSpec.Http spec, HttpFetch.Fetched response, Duration latency) {
    int status = response.status();
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
        && !new String(response.body(), charset(response.contentType()))
            .contains(spec.bodyContains())) {
      state = CheckState.CRITICAL;
      reason
          .append(", body does not contain '")
          .append(Elapsed.firstLine(spec.bodyContains(), 60))
          .append('\'');
    }
    var metrics = new TreeMap<String, BigDecimal>();
    metrics.put("time_ms", Elapsed.millis(latency));
    Optional<X509Certificate[]> chain = HttpProbeTls.chain(response.tls());
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

  private CheckResult failed(CheckSpec.Http spec, IOException failure, Elapsed elapsed) {
    if (HttpProbeTls.find(failure, InterruptedIOException.class) != null) {
      return elapsed.timedOut(); // connect, response and read timeouts alike
    }
    String tls = HttpProbeTls.explain(failure);
    if (tls != null) {
      return CheckResult.critical(tls, elapsed.elapsed());
    }
    if (HttpProbeTls.find(failure, UnknownHostException.class) != null) {
      return CheckResult.critical("cannot resolve host " + spec.url().getHost(), elapsed.elapsed());
    }
    if (HttpProbeTls.find(failure, ConnectException.class) != null) {
      return CheckResult.critical("connection refused", elapsed.elapsed());
    }
    if (elapsed.expired()) {
      return elapsed.timedOut();
    }
    return CheckResult.critical("request failed: " + Elapsed.oneLine(failure), elapsed.elapsed());
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
  private static Charset charset(Optional<String> contentType) {
    String type = contentType.orElse("");
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
