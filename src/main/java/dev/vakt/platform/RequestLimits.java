package dev.vakt.platform;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How large a request body may be (issue 16, F5), with every default in one place. Small by
 * default, so that no request, not even the unauthenticated login, can fill the heap; larger only
 * for the paths that take whole YAML document sets.
 *
 * @param maxBody the limit for every path but {@code documentPaths}: 64 KiB
 * @param maxDocumentBody the limit for {@code documentPaths}: 8 MiB
 * @param documentPaths paths (exact) that take YAML documents: import and validate
 */
@ConfigurationProperties("vakt.requests")
public record RequestLimits(
    @DefaultValue("64KB") DataSize maxBody,
    @DefaultValue("8MB") DataSize maxDocumentBody,
    @DefaultValue({"/api/import", "/api/validate"}) List<String> documentPaths) {

  /** The limit in bytes for a request to {@code path}. */
  public long limitFor(String path) {
    return (documentPaths.contains(path) ? maxDocumentBody : maxBody).toBytes();
  }
}
