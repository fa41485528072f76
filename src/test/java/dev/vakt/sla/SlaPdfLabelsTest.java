package dev.vakt.sla;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.common.Language;
import dev.vakt.contract.OutageCategory;
import dev.vakt.contract.SlaTerms;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * SLA report delivery: the PDF's fixed labels are data, one file per language Vakt speaks, and each
 * file has every label, so no customer reads an English word or a bare key in its own report.
 */
class SlaPdfLabelsTest {

  private static Properties own(Language language) throws Exception {
    Properties p = new Properties();
    try (InputStream in =
        SlaPdf.class.getResourceAsStream("/sla/pdf/" + language.code() + ".properties")) {
      assertThat(in).as(language.code()).isNotNull();
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return p;
  }

  @Test
  void everyLanguageHasEveryLabel_SlaReportDelivery() throws Exception {
    Properties english = own(Language.EN);
    for (OutageCategory c : OutageCategory.values()) {
      assertThat(english).containsKey("category." + c.code());
    }
    for (SlaReport.Verdict v : SlaReport.Verdict.values()) {
      assertThat(english).containsKey("verdict." + v.code());
    }
    for (SlaTerms.Basis b : SlaTerms.Basis.values()) {
      assertThat(english).containsKey("basis." + b.code());
    }
    // SLA-4: the total says how it is made, in every language (issue 31).
    for (SlaTerms.Scope s : SlaTerms.Scope.values()) {
      assertThat(english).containsKey("scope." + s.code());
    }
    for (Language l : Language.values()) {
      assertThat(own(l).keySet()).as(l.code()).isEqualTo(english.keySet());
    }
  }

  @Test
  void durationsAreExactToTheSecond() {
    assertThat(SlaPdf.duration(java.time.Duration.ofMinutes(90))).isEqualTo("1:30:00");
    assertThat(SlaPdf.duration(java.time.Duration.ofHours(49).plusSeconds(5)))
        .isEqualTo("2d 1:00:05");
  }
}
