package dev.vakt.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Set;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Until logins exist, loopback binding is the API's protection, and two browser tricks could get
 * around it: DNS rebinding (a page on another site reads the API through a name that resolves to
 * 127.0.0.1) and cross-site writes from the operator's own browser. So, while bound to loopback,
 * requests must name a loopback host, and any write that carries an {@code Origin} must come from
 * the host it is sent to.
 */
@Component
class LocalRequestFilter extends OncePerRequestFilter {

  private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

  private final boolean loopbackOnly;

  LocalRequestFilter(Environment env) {
    this.loopbackOnly = BindAddressWarning.isLoopback(env.getProperty("server.address"));
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String host = request.getServerName();
    if (loopbackOnly && !BindAddressWarning.isLoopbackName(host)) {
      refuse(
          response, "the Host '" + host + "' is not this machine; Vakt answers only on localhost");
      return;
    }
    String origin = request.getHeader("Origin");
    if (!SAFE.contains(request.getMethod()) && origin != null && !sameHost(origin, request)) {
      refuse(response, "cross-site request from " + origin + " refused");
      return;
    }
    chain.doFilter(request, response);
  }

  private static boolean sameHost(String origin, HttpServletRequest request) {
    try {
      URI o = URI.create(origin);
      int port = o.getPort() == -1 ? ("https".equals(o.getScheme()) ? 443 : 80) : o.getPort();
      return request.getServerName().equalsIgnoreCase(o.getHost())
          && request.getServerPort() == port;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static void refuse(HttpServletResponse response, String detail) throws IOException {
    response.setStatus(HttpServletResponse.SC_FORBIDDEN);
    response.setContentType("application/problem+json");
    response
        .getWriter()
        .write(
            "{\"type\":\"https://vakt.dev/problems/forbidden\",\"title\":\"Forbidden\",\"status\":403,\"detail\":\""
                + detail.replace("\\", "\\\\").replace("\"", "\\\"")
                + "\"}");
  }
}
