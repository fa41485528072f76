package dev.vakt.portal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The pages' files under one version: a hash of every file in {@code classpath:/static/}, so the
 * files can be served under {@code /v/<version>/} and kept by browsers for a year without ever
 * being stale: any change to any file makes a new version, hence new addresses (ADR 0015). Modules
 * import each other by relative paths and the texts are fetched relative to {@code i18n.js}, so
 * only the two HTML pages name the version; {@link #page} writes it into them.
 */
@Component
final class PageAssets {

  static final String LOCATION = "classpath:/static/";

  // The pages' references to their files: the stylesheet, the entry modules, preloads.
  private static final Pattern REFERENCE =
      Pattern.compile("((?:href|src)=\")/((?:app\\.css|app\\.js|login\\.js|js/|i18n/)[^\"]*\")");

  private final String version;
  private final Map<String, String> pages = new TreeMap<>();

  PageAssets(ResourcePatternResolver resolver) {
    try {
      Map<String, byte[]> files = new TreeMap<>();
      for (Resource r : resolver.getResources(LOCATION + "**")) {
        String url = r.getURL().toString();
        int at = url.lastIndexOf("/static/");
        if (at < 0 || url.endsWith("/") || !r.isReadable()) {
          continue; // a folder
        }
        try (InputStream in = r.getInputStream()) {
          files.put(url.substring(at + "/static/".length()), in.readAllBytes());
        }
      }
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      files.forEach(
          (path, bytes) -> {
            sha.update(path.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(bytes);
          });
      version = HexFormat.of().formatHex(sha.digest()).substring(0, 12);
      for (String page : new String[] {"index.html", "login.html"}) {
        byte[] html = files.get(page);
        if (html == null) {
          throw new IllegalStateException(LOCATION + page + " is missing from the build");
        }
        pages.put(page, versioned(new String(html, StandardCharsets.UTF_8)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the pages' files in " + LOCATION, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The hash of all the files, 12 hex digits. */
  String version() {
    return version;
  }

  /** Where the files of this version are served: {@code /v/<version>}. */
  String prefix() {
    return "/v/" + version;
  }

  /** A page ({@code index.html}, {@code login.html}) naming its files under {@link #prefix()}. */
  String page(String name) {
    String html = pages.get(name);
    if (html == null) {
      throw new IllegalArgumentException("no page " + name);
    }
    return html;
  }

  private String versioned(String html) {
    return REFERENCE
        .matcher(html)
        .replaceAll(m -> Matcher.quoteReplacement(m.group(1) + prefix() + "/" + m.group(2)));
  }
}
