package dev.vakt.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** The paging convention of the API's lists (ADR 0014), table by table. */
class PagingTest {

  @AfterEach
  void noRequest() {
    RequestContextHolder.resetRequestAttributes();
  }

  private static void requestFor(String query) {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/things");
    request.setServerName("vakt.example");
    request.setServerPort(8080);
    request.setQueryString(query);
    RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
  }

  private static List<Integer> items(int n) {
    return IntStream.range(0, n).boxed().toList();
  }

  private static final String BASE = "http://vakt.example:8080/api/things?";

  @ParameterizedTest(name = "{0} items, page {1} of size {2}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
          # total | page | size | first item | items | prev | next | last
          250     | 0    | 100  | 0          | 100   | -    | 1    | 2
          250     | 1    | 100  | 100        | 100   | 0    | 2    | 2
          250     | 2    | 100  | 200        | 50    | 1    | -    | 2
          250     | 5    | 100  | -          | 0     | 2    | -    | 2
          100     | 0    | 100  | 0          | 100   | -    | -    | 0
          101     | 1    | 100  | 100        | 1     | 0    | -    | 1
          0       | 0    | 100  | -          | 0     | -    | -    | 0
          3       | 0    | 1    | 0          | 1     | -    | 1    | 2
          3       | 2    | 1    | 2          | 1     | 1    | -    | 2
          """)
  void headersAndBody(
      int total,
      int page,
      int size,
      Integer firstItem,
      int count,
      Integer prev,
      Integer next,
      int last) {
    requestFor("customer=c1&page=" + page + "&size=" + size);
    ResponseEntity<List<Integer>> r = Paging.page(items(total), Paging.PageRequest.of(page, size));
    assertThat(r.getBody()).hasSize(count);
    if (firstItem != null) {
      assertThat(r.getBody().getFirst()).isEqualTo(firstItem);
    }
    HttpHeaders h = r.getHeaders();
    assertThat(h.getFirst(Paging.TOTAL_HEADER)).isEqualTo(Integer.toString(total));
    String link = h.getFirst(HttpHeaders.LINK);
    assertThat(link)
        .contains("<" + BASE + "customer=c1&page=0&size=" + size + ">; rel=\"first\"")
        .contains("<" + BASE + "customer=c1&page=" + last + "&size=" + size + ">; rel=\"last\"");
    if (prev == null) {
      assertThat(link).doesNotContain("rel=\"prev\"");
    } else {
      assertThat(link).contains("page=" + prev + "&size=" + size + ">; rel=\"prev\"");
    }
    if (next == null) {
      assertThat(link).doesNotContain("rel=\"next\"");
    } else {
      assertThat(link).contains("page=" + next + "&size=" + size + ">; rel=\"next\"");
    }
    assertThat(h.getAccessControlExposeHeaders()).contains(Paging.TOTAL_HEADER, HttpHeaders.LINK);
  }

  @ParameterizedTest(name = "page={0} size={1} -> {2}")
  @CsvSource(
      nullValues = "-",
      textBlock =
          """
          -1, 10,   page
          0,  0,    size
          0,  1001, size
          0,  -5,   size
          """)
  void badPageOrSizeIsA400NamingTheField(Integer page, Integer size, String field) {
    assertThatThrownBy(() -> Paging.PageRequest.of(page, size))
        .isInstanceOfSatisfying(
            ApiErrors.InvalidInput.class,
            e -> assertThat(e.problems().getFirst().field()).isEqualTo(field));
  }

  @ParameterizedTest(name = "page={0} size={1}")
  @CsvSource(
      nullValues = "-",
      textBlock =
          """
          -, -,    0, 100
          3, -,    3, 100
          -, 1000, 0, 1000
          -, 1,    0, 1
          """)
  void defaults(Integer page, Integer size, int wantPage, int wantSize) {
    Paging.PageRequest r = Paging.PageRequest.of(page, size);
    assertThat(r.page()).isEqualTo(wantPage);
    assertThat(r.size()).isEqualTo(wantSize);
    assertThat(r.offset()).isEqualTo((long) wantPage * wantSize);
  }
}
