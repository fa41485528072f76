package dev.vakt.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.vakt.catalog.Catalog;
import dev.vakt.common.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, item 8 (F6, F15): the document reader, the code behind {@code vakt validate}, {@code
 * vakt import} and {@code POST /api/import}, fed generated hostile YAML for a bounded time. Every
 * input must end in documents or in problems naming file, line and reason: never an exception,
 * never a hang, never a Java object made from a tag. Plain Java, no Spring: the same reader runs
 * offline in the command line.
 *
 * <p>The run is bounded by {@link #BUDGET}; the seed is printed so a failure repeats exactly
 * ({@code -Dvakt.fuzz.seed=...}).
 */
class HostileDocumentsFuzzTest {

  private static final Duration BUDGET = Duration.ofSeconds(15);

  /** No single input may take longer: a guard against hangs, not a speed measure (bench/). */
  private static final Duration PER_INPUT = Duration.ofSeconds(10);

  @Test
  void hostileYamlEndsInProblemsNeverInAnExceptionOrAHang_F6_F15_DPA3() throws IOException {
    long seed = Long.getLong("vakt.fuzz.seed", System.nanoTime());
    System.out.println("HostileDocumentsFuzzTest seed " + seed);
    Hostile hostile = new Hostile(seed);
    List<String> real = examples();
    long end = System.nanoTime() + BUDGET.toNanos();
    int runs = 0;
    while (System.nanoTime() < end || runs < 50) {
      String yaml = hostile.yaml(real);
      Catalog catalog =
          assertTimeoutPreemptively(
              PER_INPUT, () -> Catalog.read("fuzz.yaml", yaml), () -> "seed " + seed);
      for (Problem p : catalog.problems()) {
        assertThat(p.file()).isEqualTo("fuzz.yaml");
        assertThat(p.reason()).as("seed %d", seed).isNotBlank().doesNotContain("Exception");
        assertThat(p.reason().length())
            .as(
                "seed %d: %s at %s",
                seed, p.reason().substring(0, Math.min(120, p.reason().length())), p.field())
            .isLessThan(2_000);
      }
      runs++;
    }
    System.out.println("HostileDocumentsFuzzTest: " + runs + " inputs");
  }

  @Test
  void theAliasBombOfTheFindingIsRefusedQuickly_F6() {
    // Nine levels of nine aliases: 315 bytes that expand to 9^9 = 387 million scalars.
    String bomb = Hostile.aliasBomb(9, 9);
    Catalog catalog = assertTimeoutPreemptively(PER_INPUT, () -> Catalog.read("bomb.yaml", bomb));
    assertThat(catalog.ok()).isFalse();
    assertThat(catalog.problems()).allSatisfy(p -> assertThat(p.line()).isPositive());
  }

  @Test
  void javaTagsNeverMakeObjects_F6() {
    Catalog catalog =
        Catalog.read(
            "tag.yaml",
            "apiVersion: vakt/v1\nkind: Provider\nid: !!java.io.File [\"/tmp/vakt-fuzz\"]\n");
    assertThat(catalog.ok()).isFalse();
  }

  private static List<String> examples() throws IOException {
    try (Stream<Path> files = Files.walk(Path.of("examples"))) {
      return files
          .filter(f -> f.toString().endsWith(".yaml"))
          .map(
              f -> {
                try {
                  return Files.readString(f);
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              })
          .toList();
    }
  }
}
