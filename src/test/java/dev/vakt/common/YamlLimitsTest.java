package dev.vakt.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.cli.Cli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, F6 and F15: no YAML text can exhaust memory or the stack. An alias bomb under the alias
 * limit, a structure that contains itself and very deep nesting are each one clear problem with
 * line and column, from the reader and from {@code vakt validate} (exit 1), within a second.
 */
public class YamlLimitsTest {

  /**
   * A "billion laughs" of 8 aliased levels with 6 aliases each: 48 aliases (under the limit of 50),
   * about 300 bytes, 2.5 million nodes once expanded.
   */
  public static final String BOMB = bomb();

  static String bomb() {
    StringBuilder y = new StringBuilder("a: &a [x,x,x,x,x,x,x,x,x]\n");
    char prev = 'a';
    for (char c = 'b'; c <= 'i'; c++) {
      y.append(c).append(": &").append(c).append(" [");
      for (int i = 0; i < 6; i++) {
        y.append(i == 0 ? "" : ",").append('*').append(prev);
      }
      y.append("]\n");
      prev = c;
    }
    return y.toString();
  }

  static final String RECURSIVE = "apiVersion: vakt/v1\nkind: Provider\nloop: &l [1, *l]\n";

  static final String DEEP = "apiVersion: vakt/v1\nkind: Provider\nx: " + "[".repeat(20_000);

  @Test
  @Timeout(10)
  void anAliasBombUnderTheAliasLimitIsRefusedWithItsPlace_F6() {
    assertThat(BOMB.length()).isLessThan(330);
    assertThat(BOMB.chars().filter(c -> c == '*').count()).isLessThanOrEqualTo(50);
    YamlSource.Parsed parsed = YamlSource.read("bomb.yaml", BOMB);
    assertThat(parsed.documents()).isEmpty();
    assertThat(parsed.problems())
        .singleElement()
        .asString()
        .contains("bomb.yaml:1:1: /: aliases expand");
  }

  @Test
  void manyAliasesAreRefused_F6() {
    String many = "a: &a x\nb: [" + "*a,".repeat(60) + "*a]\n";
    assertThat(YamlSource.read("many.yaml", many).problems())
        .singleElement()
        .asString()
        .contains("many.yaml:2:")
        .contains("too many aliases");
  }

  @Test
  @Timeout(10)
  void aStructureThatContainsItselfIsAProblemNotAStackOverflow_F15() {
    YamlSource.Parsed parsed = YamlSource.read("loop.yaml", RECURSIVE);
    assertThat(parsed.problems())
        .singleElement()
        .asString()
        .contains("loop.yaml:3:")
        .contains("recursive structures are not allowed");
  }

  @Test
  @Timeout(10)
  void deepNestingIsAProblemNotAStackOverflow_F15() {
    YamlSource.Parsed parsed = YamlSource.read("deep.yaml", DEEP);
    assertThat(parsed.problems())
        .singleElement()
        .asString()
        .contains("deep.yaml:3:")
        .contains("nested more than 64 levels");
  }

  @Test
  void aNulInADocumentIsAProblemAtItsField_F15() {
    DocumentReader.Result r =
        new DocumentReader(java.util.List.of(new DocumentReader.Kind("Note", Note.class)))
            .read("nul.yaml", "apiVersion: vakt/v1\nkind: Note\ntext: \"a\\0b\"\n");
    assertThat(r.problems())
        .singleElement()
        .asString()
        .isEqualTo("nul.yaml:3:1: /text: may not contain the NUL character");
  }

  record Note(String text) {}

  @Test
  void ordinaryDocumentsStillRead() {
    assertThat(YamlSource.read("ok.yaml", "a: [1, 2]\nb: {c: d}\n").problems()).isEmpty();
    // A small shared list is still allowed: the limit is on expansion, not on aliases as such.
    assertThat(YamlSource.read("ok.yaml", "a: &a [1, 2]\nb: *a\n").problems()).isEmpty();
  }

  @Test
  @Timeout(30)
  void vaktValidateReportsEachAndExitsOne_F6_F15(@TempDir Path tmp) throws Exception {
    for (String[] c :
        new String[][] {
          {"bomb.yaml", BOMB, "aliases expand"},
          {"loop.yaml", RECURSIVE, "recursive"},
          {"deep.yaml", DEEP, "nested more than"}
        }) {
      Path file = tmp.resolve(c[0]);
      Files.writeString(file, c[1]);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      long start = System.nanoTime();
      int code =
          Cli.run(
              new String[] {"validate", file.toString()},
              new PrintStream(out, true),
              new PrintStream(err, true));
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
      assertThat(code).as(err.toString()).isEqualTo(1);
      assertThat(err.toString())
          .startsWith(file + ":")
          .contains(c[2])
          .doesNotContain("Exception")
          .doesNotContain("\tat ");
    }
  }
}
