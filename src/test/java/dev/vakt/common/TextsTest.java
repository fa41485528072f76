package dev.vakt.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Issue 16, F12 and F15: one rule for the texts of every JSON request body. */
class TextsTest {

  private static JsonNode json(String text) {
    return Binder.MAPPER.readTree(text);
  }

  @Test
  void namesAndFreeTextsAreBoundedAndNulIsRefusedWithTheField_F12_F15() {
    assertThat(Texts.firstProblem(json("{\"name\":\"%s\"}".formatted("n".repeat(255))), true))
        .isEmpty();
    assertThat(Texts.firstProblem(json("{\"name\":\"%s\"}".formatted("n".repeat(256))), true))
        .get()
        .extracting(java.util.Map.Entry::getKey)
        .isEqualTo("/name");
    assertThat(
            Texts.firstProblem(
                json("{\"a\":[{\"reason\":\"%s\"}]}".formatted("r".repeat(2001))), true))
        .get()
        .extracting(java.util.Map.Entry::getKey)
        .isEqualTo("/a/0/reason");
    assertThat(Texts.firstProblem(json("{\"x\":{\"y\":\"a\\u0000b\"}}"), false))
        .get()
        .extracting(java.util.Map.Entry::getValue)
        .isEqualTo("may not contain the NUL character");
    assertThatThrownBy(() -> Requests.bind(json("{\"note\":\"a\\u0000\"}"), Object.class))
        .isInstanceOf(ApiErrors.InvalidInput.class)
        .hasMessageContaining("NUL");
  }

  @Test
  void dateParametersAreYears1583To9999_F15() {
    assertThat(Requests.date("from", "1583-01-01")).hasYear(1583);
    assertThat(Requests.date("to", "9999-12-31")).hasYear(9999);
    for (String bad : new String[] {"1582-12-31", "+10000-01-01", "0000-01-01", "soon", ""}) {
      assertThatThrownBy(() -> Requests.date("from", bad))
          .as(bad)
          .isInstanceOf(ApiErrors.InvalidInput.class);
    }
    assertThatThrownBy(() -> Requests.instant("to", "+12000-01-01T00:00:00Z"))
        .isInstanceOf(ApiErrors.InvalidInput.class)
        .hasMessageContaining("1583 to 9999");
  }
}
