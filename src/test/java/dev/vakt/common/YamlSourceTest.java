package dev.vakt.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** K-1: contract documents are read exactly, and every problem points at its line and column. */
class YamlSourceTest {

  private static final String NESTED =
      """
      apiVersion: vakt/v1
      terms:
        sla:
          uptime:
            target: 99.995
        monitoring:
          services:
            - http
            - ssh
          host: [load, disk]
        maintenance:
          windows:
            - name: service-window
              schedule:
                - days: sat
                  from: 00:00
      "a/b~c": 1
      """;

  private static YamlSource.Document one(String yaml) {
    YamlSource.Parsed parsed = YamlSource.read("t.yaml", yaml);
    assertThat(parsed.problems()).isEmpty();
    assertThat(parsed.documents()).hasSize(1);
    return parsed.documents().getFirst();
  }

  @DisplayName("K-1: each key and list item is placed at its own line and column")
  @ParameterizedTest(name = "{0} at {1}:{2}")
  @CsvSource({
    "'', 1, 1",
    "/apiVersion, 1, 1",
    "/terms, 2, 1",
    "/terms/sla, 3, 3",
    "/terms/sla/uptime, 4, 5",
    "/terms/sla/uptime/target, 5, 7",
    "/terms/monitoring/services, 7, 5",
    "/terms/monitoring/services/0, 8, 9",
    "/terms/monitoring/services/1, 9, 9",
    "/terms/monitoring/host/0, 10, 12",
    "/terms/monitoring/host/1, 10, 18",
    "/terms/maintenance/windows/0, 13, 9",
    "/terms/maintenance/windows/0/name, 13, 9",
    "/terms/maintenance/windows/0/schedule, 14, 9",
    "/terms/maintenance/windows/0/schedule/0/days, 15, 13",
    "/terms/maintenance/windows/0/schedule/0/from, 16, 13",
    "/a~1b~0c, 17, 1"
  })
  void positions(String pointer, int line, int column) {
    YamlSource.Document doc = one(NESTED);
    assertThat(doc.positions()).containsKey(pointer);
    assertThat(doc.positions().get(pointer)).containsExactly(line, column);
    Problem p = doc.problem(pointer, "r");
    assertThat(p).isEqualTo(new Problem("t.yaml", line, column, pointer, "r"));
  }

  @DisplayName("K-1: a problem at a field that is absent is placed at its nearest parent")
  @Test
  void problemAtAbsentFieldUsesParent() {
    YamlSource.Document doc = one(NESTED);
    Problem p = doc.problem("/terms/sla/uptime/credit/kind", "needs a kind");
    assertThat(p.line()).isEqualTo(4);
    assertThat(p.column()).isEqualTo(5);
    assertThat(p.field()).isEqualTo("/terms/sla/uptime/credit/kind");
    assertThat(p).hasToString("t.yaml:4:5: /terms/sla/uptime/credit/kind: needs a kind");
    assertThat(doc.problem("/nothing/here", "x").line()).isEqualTo(1);
  }

  @DisplayName("K-1: keys are escaped as JSON pointer tokens")
  @Test
  void escape() {
    assertThat(YamlSource.escape("a/b~c")).isEqualTo("a~1b~0c");
    assertThat(one(NESTED).tree().at("/a~1b~0c").asInt()).isEqualTo(1);
  }

  static Stream<Arguments> scalars() {
    return Stream.of(
        Arguments.of("99.995", new BigDecimal("99.995")),
        Arguments.of("99.9950", new BigDecimal("99.9950")),
        Arguments.of("0.1", new BigDecimal("0.1")),
        Arguments.of("-0.0010", new BigDecimal("-0.0010")),
        Arguments.of("+5", new BigDecimal("5")),
        Arguments.of("12345678901234567890", new BigDecimal("12345678901234567890")),
        Arguments.of("1e3", new BigDecimal("1e3")));
  }

  @DisplayName("K-1: numbers keep every digit as a decimal, never a binary double")
  @ParameterizedTest(name = "{0}")
  @MethodSource("scalars")
  void numbersAreExact(String text, BigDecimal expected) {
    JsonNode v = one("v: " + text + "\n").tree().get("v");
    assertThat(v.isNumber()).isTrue();
    assertThat(v.isDouble()).isFalse();
    assertThat(v.decimalValue()).isEqualTo(expected);
  }

  @DisplayName("K-1: YAML 1.2 core schema: no, on, 08:00 and dates stay text")
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "no|no",
        "yes|yes",
        "on|on",
        "off|off",
        "NO|NO",
        "08:00|08:00",
        "24:00|24:00",
        "2024-01-01|2024-01-01",
        "0x1F|0x1F",
        ".inf|.inf",
        "'42'|42",
        "\"99.9\"|99.9"
      })
  void textStaysText(String yaml, String text) {
    JsonNode v = one("v: " + yaml + "\n").tree().get("v");
    assertThat(v.isString()).as("%s is text", yaml).isTrue();
    assertThat(v.asString()).isEqualTo(text);
  }

  @DisplayName("K-1: true/false and null in their core-schema spellings")
  @Test
  void booleansAndNull() {
    JsonNode t = one("a: true\nb: False\nc: TRUE\nd: ~\ne: null\nf:\n").tree();
    assertThat(t.get("a").isBoolean() && t.get("a").booleanValue()).isTrue();
    assertThat(t.get("b").isBoolean() && !t.get("b").booleanValue()).isTrue();
    assertThat(t.get("c").booleanValue()).isTrue();
    assertThat(List.of("d", "e", "f")).allSatisfy(k -> assertThat(t.get(k).isNull()).isTrue());
  }

  @DisplayName("K-1: a file holds several documents, each numbered and positioned on its own")
  @Test
  void multiDocument() {
    String yaml =
        """
        kind: Provider
        id: a
        ---
        kind: Product
        id: b
        ---
        # empty
        ---
        kind: Contract
        """;
    YamlSource.Parsed parsed = YamlSource.read("many.yaml", yaml);
    assertThat(parsed.problems()).isEmpty();
    assertThat(parsed.documents()).hasSize(4);
    assertThat(parsed.documents())
        .extracting(YamlSource.Document::index)
        .containsExactly(0, 1, 2, 3);
    assertThat(parsed.documents()).allSatisfy(d -> assertThat(d.file()).isEqualTo("many.yaml"));
    assertThat(parsed.documents().get(1).tree().get("kind").asString()).isEqualTo("Product");
    assertThat(parsed.documents().get(1).positions().get("/id")).containsExactly(5, 1);
    assertThat(parsed.documents().get(2).tree().isNull()).isTrue();
    assertThat(parsed.documents().get(3).positions().get("/kind")).containsExactly(9, 1);
  }

  @DisplayName("K-1: text that is not YAML gives one positioned problem and no documents")
  @Test
  void invalidYaml() {
    YamlSource.Parsed parsed = YamlSource.read("bad.yaml", "a: [1, 2\nb: 3\n");
    assertThat(parsed.documents()).isEmpty();
    assertThat(parsed.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.file()).isEqualTo("bad.yaml");
              assertThat(p.line()).isEqualTo(2);
              assertThat(p.column()).isPositive();
              assertThat(p.field()).isEqualTo("/");
              assertThat(p.reason()).startsWith("not valid YAML: ");
            });
  }

  @DisplayName("K-1: a badly indented document is positioned too")
  @Test
  void badIndentation() {
    YamlSource.Parsed parsed = YamlSource.read("bad.yaml", "a:\n  b: 1\n c: 2\n");
    assertThat(parsed.documents()).isEmpty();
    assertThat(parsed.problems()).singleElement().satisfies(p -> assertThat(p.line()).isEqualTo(3));
  }

  @DisplayName("K-1: a duplicate key is a problem at the repeated key")
  @Test
  void duplicateKeys() {
    YamlSource.Parsed parsed = YamlSource.read("dup.yaml", "a: 1\nterms:\n  x: 1\n  x: 2\n");
    assertThat(parsed.documents()).isEmpty();
    assertThat(parsed.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.file()).isEqualTo("dup.yaml");
              assertThat(p.line()).isEqualTo(4);
              assertThat(p.column()).isEqualTo(3);
              assertThat(p.reason()).containsIgnoringCase("duplicate");
            });
  }
}
