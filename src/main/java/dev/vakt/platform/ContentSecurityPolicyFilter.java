package dev.vakt.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A Content-Security-Policy on every response (issue 16, F17): scripts, styles, images and requests
 * only from Vakt itself, no plugins, no framing, forms posting only to Vakt. The one inline script
 * of the pages (index.html's early data requests, kept inline so they start before the modules
 * load) is allowed by its SHA-256 hash, computed here from the page as built, so an edit to it can
 * never be forgotten in the policy. The session data block ({@code type="application/json"}) is not
 * executed and needs no hash. Styles: no inline style anywhere ({@code el()} sets style through
 * CSSOM), so no {@code 'unsafe-inline'}. Swagger UI runs inline scripts and styles: its paths get a
 * looser policy of their own. Set before the chain runs, so errors and redirects carry it too.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class ContentSecurityPolicyFilter extends OncePerRequestFilter {

  static final String HEADER = "Content-Security-Policy";

  private static final Pattern INLINE_SCRIPT =
      Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL);

  /** Swagger UI's pages and files: its index page runs inline scripts. */
  static final String SWAGGER =
      "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
          + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; "
          + "frame-ancestors 'none'; form-action 'self'";

  private final String policy;

  ContentSecurityPolicyFilter() {
    this.policy = policy(hashes("static/index.html", "static/login.html"));
  }

  /** The policy of Vakt's own pages, allowing the inline scripts with {@code hashes}. */
  static String policy(List<String> hashes) {
    StringBuilder scripts = new StringBuilder("'self'");
    hashes.forEach(h -> scripts.append(" '").append(h).append('\''));
    return "default-src 'self'; script-src "
        + scripts
        + "; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; "
        + "base-uri 'self'; frame-ancestors 'none'; form-action 'self'";
  }

  /** The policy for Vakt's own pages. */
  String policy() {
    return policy;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI();
    boolean swagger = path.startsWith("/swagger-ui") || path.startsWith("/v3/api-docs");
    response.setHeader(HEADER, swagger ? SWAGGER : policy);
    chain.doFilter(request, response);
  }

  /** {@code sha256-...} of each inline script of the pages on the class path. */
  static List<String> hashes(String... pages) {
    List<String> out = new ArrayList<>();
    for (String page : pages) {
      ClassPathResource resource = new ClassPathResource(page);
      if (!resource.exists()) {
        continue;
      }
      try (InputStream in = resource.getInputStream()) {
        Matcher m = INLINE_SCRIPT.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        while (m.find()) {
          byte[] digest =
              MessageDigest.getInstance("SHA-256")
                  .digest(m.group(1).getBytes(StandardCharsets.UTF_8));
          out.add("sha256-" + Base64.getEncoder().encodeToString(digest));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + page, e);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
    return out;
  }
}
