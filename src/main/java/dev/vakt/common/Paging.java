package dev.vakt.common;

import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Pagination of the API's lists, one convention for all (ADR 0014): {@code ?page=} (from 0) and
 * {@code ?size=} (1 to {@link #MAX_SIZE}, default {@link #DEFAULT_SIZE}); the body stays a JSON
 * array, the total is in {@code X-Total-Count} and the neighbouring pages in an RFC 8288 {@code
 * Link} header ({@code first}, {@code prev}, {@code next}, {@code last}), as GitHub's API does.
 */
public final class Paging {

  public static final int DEFAULT_SIZE = 100;
  public static final int MAX_SIZE = 1000;
  public static final String TOTAL_HEADER = "X-Total-Count";

  /** The longest {@code Link} header sent; longer ones (from long queries) are left out. */
  static final int MAX_LINK_HEADER = 4096;

  private Paging() {}

  /** A page asked for: which one and how many per page, validated. */
  public record PageRequest(int page, int size) {
    public PageRequest {
      if (page < 0) {
        throw new ApiErrors.InvalidInput("page", "must be 0 or more, not " + page);
      }
      if (size < 1 || size > MAX_SIZE) {
        throw new ApiErrors.InvalidInput(
            "size", "must be between 1 and " + MAX_SIZE + ", not " + size);
      }
    }

    /** The request's page, with the defaults for parameters not given. */
    public static PageRequest of(Integer page, Integer size) {
      return new PageRequest(page == null ? 0 : page, size == null ? DEFAULT_SIZE : size);
    }

    /** The first index of the page. */
    public long offset() {
      return (long) page * size;
    }
  }

  /**
   * A page cut by its source (e.g. the database, with {@code limit}/{@code offset}) and the total
   * of all items.
   */
  public record Page<T>(List<T> items, long total) {
    public Page {
      items = List.copyOf(items);
    }

    /** No items at all. */
    public static <T> Page<T> empty() {
      return new Page<>(List.of(), 0);
    }
  }

  /** A page as its source cut it, with the headers that say where the others are. */
  public static <T> ResponseEntity<List<T>> page(Page<T> page, PageRequest request) {
    return page(page.items(), page.total(), request);
  }

  /**
   * One page of {@code all}, cut in memory, with the headers that say where the others are: for
   * lists that are computed or already held, not for tables that grow.
   */
  public static <T> ResponseEntity<List<T>> page(List<T> all, PageRequest request) {
    int from = (int) Math.min(all.size(), request.offset());
    int to = (int) Math.min(all.size(), request.offset() + request.size());
    return page(List.copyOf(all.subList(from, to)), all.size(), request);
  }

  /** A page already cut (e.g. by the database), with the headers for {@code total} items. */
  public static <T> ResponseEntity<List<T>> page(List<T> items, long total, PageRequest request) {
    return ResponseEntity.ok().headers(headers(total, request)).body(items);
  }

  static HttpHeaders headers(long total, PageRequest request) {
    HttpHeaders headers = new HttpHeaders();
    headers.set(TOTAL_HEADER, Long.toString(total));
    int last = total == 0 ? 0 : (int) ((total - 1) / request.size());
    List<String> links = new ArrayList<>();
    links.add(link(request.size(), 0, "first"));
    if (request.page() > 0) {
      links.add(link(request.size(), Math.min(request.page() - 1, last), "prev"));
    }
    if (request.page() < last) {
      links.add(link(request.size(), request.page() + 1, "next"));
    }
    links.add(link(request.size(), last, "last"));
    String link = String.join(", ", links);
    // Each link repeats the request's query: a hostile query of kilobytes would make four copies
    // overflow the response headers (a 500 from Tomcat). The pages follow from X-Total-Count alone.
    if (link.length() <= MAX_LINK_HEADER) {
      headers.set(HttpHeaders.LINK, link);
    }
    headers.setAccessControlExposeHeaders(List.of(TOTAL_HEADER, HttpHeaders.LINK));
    return headers;
  }

  private static String link(int size, int page, String rel) {
    UriComponentsBuilder uri =
        ServletUriComponentsBuilder.fromCurrentRequest()
            .replaceQueryParam("page", page)
            .replaceQueryParam("size", size);
    return "<" + uri.build().toUriString() + ">; rel=\"" + rel + "\"";
  }
}
