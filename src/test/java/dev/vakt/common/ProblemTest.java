package dev.vakt.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Issue 16 (F6, F12): an error names the place, and never echoes a huge input back whole. */
class ProblemTest {

  @Test
  void aLongQuotedValueIsShortenedWithItsLength_F12() {
    String value = "x".repeat(2_800);
    Problem p = new Problem("f.yaml", 3, 5, "/servers/1/address", "'" + value + "' is not a host");
    assertThat(p.reason())
        .isEqualTo("'" + "x".repeat(60) + "…' (2800 characters) is not a host")
        .hasSizeLessThan(200);
  }

  @Test
  void shortReasonsStayAsTheyAre() {
    assertThat(new Problem(null, 0, 0, null, "'abc' is not an id").reason())
        .isEqualTo("'abc' is not an id");
  }

  @Test
  void anyReasonIsCappedAtAThousandCharacters_F12() {
    assertThat(new Problem(null, 0, 0, null, "y".repeat(5_000)).reason()).hasSize(1_000);
  }
}
