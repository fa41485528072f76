package dev.vakt.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** K-1, K-2: the ids documents use to refer to one another. */
class IdsTest {

  @DisplayName("lower-case letters, digits, '.', '_' and '-', 1 to 63 long")
  @ParameterizedTest(name = "''{0}''")
  @ValueSource(
      strings = {
        "a",
        "0",
        "c-1001",
        "managed-hosting.plus_2",
        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
      })
  void accepts(String id) {
    assertThat(Ids.require("id", id)).isEqualTo(id);
  }

  @DisplayName("anything else is refused at its field")
  @ParameterizedTest(name = "''{0}''")
  @ValueSource(
      strings = {
        "",
        "A",
        "-a",
        ".a",
        "_a",
        "a b",
        "a/b",
        "æøå",
        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
      })
  void refuses(String id) {
    assertThatThrownBy(() -> Ids.require("product", id))
        .isInstanceOfSatisfying(
            InvalidField.class,
            e -> {
              assertThat(e.field()).isEqualTo("product");
              assertThat(e.reason()).startsWith("'" + id + "' is not a valid id");
            });
  }

  @DisplayName("required, unless optional")
  @Test
  void nulls() {
    assertThatThrownBy(() -> Ids.require("id", null))
        .isInstanceOf(InvalidField.class)
        .hasMessage("id: is required");
    assertThat(Ids.optional("category", null)).isNull();
    assertThat(Ids.optional("category", "vps")).isEqualTo("vps");
  }
}
