package dev.vakt.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over {@link RequestLimits} with 413 (issue 16, F5), before Spring Security
 * so the unauthenticated login is covered too. A declared {@code Content-Length} over the limit is
 * refused at once, without reading a byte; a body of unknown length (chunked) is counted as it is
 * read and reading fails at the limit, so no request can make Vakt hold more than the limit.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class BodySizeFilter extends OncePerRequestFilter {

  private final RequestLimits limits;

  BodySizeFilter(RequestLimits limits) {
    this.limits = limits;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long limit = limits.limitFor(request.getRequestURI());
    long declared = request.getContentLengthLong();
    if (declared > limit) {
      tooLarge(response, limit);
      return;
    }
    Limited limited = new Limited(request, limit);
    try {
      chain.doFilter(limited, response);
    } catch (ServletException | IOException | RuntimeException e) {
      if (!limited.exceeded) {
        throw e;
      }
    }
    if (limited.exceeded) {
      tooLarge(response, limit); // does nothing when a handler already answered
    }
  }

  private static void tooLarge(HttpServletResponse response, long limit) throws IOException {
    // Tomcat then closes the connection rather than reading the rest (max-swallow-size).
    response.setHeader("Connection", "close");
    ProblemResponses.write(
        response,
        HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
        "body-too-large",
        "the request body is larger than this path accepts (" + limit + " bytes)");
  }

  /** Reading past the limit: thrown by the counting stream, answered with 413. */
  static final class BodyTooLarge extends IOException {
    BodyTooLarge(long limit) {
      super("the request body is larger than " + limit + " bytes");
    }
  }

  /** The request with its body counted as it is read. */
  private static final class Limited extends HttpServletRequestWrapper {
    private final long limit;
    private ServletInputStream in;
    private BufferedReader reader;
    private long read;
    private boolean exceeded;

    Limited(HttpServletRequest request, long limit) {
      super(request);
      this.limit = limit;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (in == null) {
        in = new Counting(super.getInputStream());
      }
      return in;
    }

    @Override
    public BufferedReader getReader() throws IOException {
      if (reader == null) {
        String enc = getCharacterEncoding();
        Charset cs = enc == null ? StandardCharsets.UTF_8 : Charset.forName(enc);
        reader = new BufferedReader(new InputStreamReader(getInputStream(), cs));
      }
      return reader;
    }

    private void count(long n) throws BodyTooLarge {
      if (n > 0) {
        read += n;
        if (read > limit) {
          exceeded = true;
          throw new BodyTooLarge(limit);
        }
      }
    }

    private final class Counting extends ServletInputStream {
      private final ServletInputStream delegate;

      Counting(ServletInputStream delegate) {
        this.delegate = delegate;
      }

      @Override
      public int read() throws IOException {
        int b = delegate.read();
        count(b < 0 ? 0 : 1);
        return b;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = delegate.read(b, off, len);
        count(n);
        return n;
      }

      @Override
      public boolean isFinished() {
        return delegate.isFinished();
      }

      @Override
      public boolean isReady() {
        return delegate.isReady();
      }

      @Override
      public void setReadListener(ReadListener listener) {
        delegate.setReadListener(listener);
      }
    }
  }
}
