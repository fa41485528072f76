package dev.vakt.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Period;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** K-1: a document is bound to a typed record, and each mistake is reported at its place. */
class DocumentReaderTest {

  /** A stand-in for a terms document, with one field of each value type. */
  public record Sample(
      String id,
      Duration every,
      Period keep,
      Percent target,
      Money price,
      SecretRef key,
      Integer count) {
    public Sample {
      Ids.require("id", id);
      InvalidField.check(count == null || count >= 1, "count", "must be at least 1");
    }
  }

  public record Other(String name) {}

  private static final DocumentReader READER =
      new DocumentReader(
          List.of(
              new DocumentReader.Kind("Sample", Sample.class),
              new DocumentReader.Kind("Other", Other.class)));

  private static final String HEAD = "apiVersion: vakt/v1\nkind: Sample\n";

  @DisplayName("K-1: every value type binds from its document form")
  @Test
  void binds() {
    DocumentReader.Result r =
        READER.read(
            "s.yaml",
            HEAD
                + """
                id: s-1
                every: 15m
                keep: 3 months
                target: 99.995
                price: 35.00 EUR
                key: env:VAKT_KEY
                count: 2
                """);
    assertThat(r.ok()).isTrue();
    assertThat(r.documents())
        .singleElement()
        .satisfies(
            l -> {
              assertThat(l.source().file()).isEqualTo("s.yaml");
              assertThat(l.value())
                  .isEqualTo(
                      new Sample(
                          "s-1",
                          Duration.ofMinutes(15),
                          Period.ofMonths(3),
                          Percent.of(new BigDecimal("99.995")),
                          Money.of("35.00", "EUR"),
                          new SecretRef("env", "VAKT_KEY"),
                          2));
            });
  }

  @DisplayName("K-1: each mistake is one problem at the line and column of its field")
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "every: 10|4|1|/every|'10' has no unit: write a duration such as '15m' (a bare number is"
            + " ambiguous)",
        "every: 3 months|4|1|/every|'3 months' is not a duration such as '15m', '1h', '48h',"
            + " '360d' or ISO 8601 'PT15M'",
        "keep: 3m|4|1|/keep|'3m' is not a period such as '14 days', '3 months', '1 year' or ISO"
            + " 8601 'P3M'",
        "target: 100.5|4|1|/target|must be a percentage from 0 to 100, was 100.5",
        "price: 35.001 EUR|4|1|/price|35.001 has more decimals than EUR allows (2)",
        "key: hunter2|4|1|/key|a secret is given by reference, never in plain text: write"
            + " env:VARIABLE, file:/path or secret:name",
        "count: 0|4|1|/count|must be at least 1",
        "count: 1.5|4|1|/count|'1.5' is not a whole number",
        "colour: red|4|1|/colour|unknown field 'colour'; allowed here: count, every, id, keep,"
            + " key, price, target"
      })
  void problems(String line, int row, int column, String field, String reason) {
    DocumentReader.Result r = READER.read("s.yaml", HEAD + "id: s-1\n" + line + "\n");
    assertThat(r.documents()).isEmpty();
    assertThat(r.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.field()).isEqualTo(field);
              assertThat(p.reason()).startsWith(reason);
              assertThat(p.line()).isEqualTo(row);
              assertThat(p.column()).isEqualTo(column);
              assertThat(p.file()).isEqualTo("s.yaml");
            });
  }

  @DisplayName("K-1: a value refused by a record's constructor points at that field")
  @Test
  void invalidFieldIsPositioned() {
    DocumentReader.Result r = READER.read("s.yaml", HEAD + "count: 2\nid: Not-An-Id\n");
    assertThat(r.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.field()).isEqualTo("/id");
              assertThat(p.line()).isEqualTo(4);
              assertThat(p.reason()).startsWith("'Not-An-Id' is not a valid id");
            });
  }

  @DisplayName("K-1: apiVersion and kind are required and checked")
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "kind: Sample|/apiVersion|1|is required: write apiVersion: vakt/v1",
        "apiVersion: vakt/v2\\nkind: Sample|/apiVersion|1|'vakt/v2' is not supported; this Vakt"
            + " reads vakt/v1",
        "apiVersion: 1\\nkind: Sample|/apiVersion|1|is required: write apiVersion: vakt/v1",
        "apiVersion: vakt/v1\\nname: x|/kind|1|is required; kinds: Sample, Other",
        "apiVersion: vakt/v1\\nkind: Contract|/kind|2|'Contract' is not a kind of document; kinds:"
            + " Sample, Other",
        "- a\\n- b|/|1|a document must be a mapping with apiVersion and kind"
      })
  void header(String yaml, String field, int line, String reason) {
    DocumentReader.Result r = READER.read("h.yaml", yaml.replace("\\n", "\n"));
    assertThat(r.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.field()).isEqualTo(field);
              assertThat(p.line()).isEqualTo(line);
              assertThat(p.reason()).isEqualTo(reason);
            });
  }

  @DisplayName("K-1: every problem of a multi-document file is reported in one run")
  @Test
  void collectsAllProblems() {
    String yaml =
        HEAD
            + "id: a\n---\n"
            + HEAD
            + "id: b\ncount: 0\n---\n---\n"
            + "apiVersion: vakt/v1\nkind: Other\nname: x\n---\n"
            + HEAD
            + "id: c\nevery: 5\n";
    DocumentReader.Result r = READER.read("m.yaml", yaml);
    assertThat(r.documents())
        .extracting(DocumentReader.Located::value)
        .containsExactly(new Sample("a", null, null, null, null, null, null), new Other("x"));
    assertThat(r.documents()).extracting(l -> l.source().index()).containsExactly(0, 3);
    assertThat(r.problems()).extracting(Problem::toString).hasSize(2);
    assertThat(r.problems()).extracting(Problem::line).containsExactly(8, 18);
    assertThat(r.problems()).extracting(Problem::field).containsExactly("/count", "/every");
  }

  @DisplayName("K-1: an empty file holds no document")
  @Test
  void emptyFile() {
    assertThat(READER.read("e.yaml", "# nothing\n").problems())
        .containsExactly(new Problem("e.yaml", 1, 1, "/", "holds no document"));
  }
}
