package dev.vakt.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vakt.common.Language;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Message templates as data: five languages, provider overrides, precise errors (ALR-2, ALR-5). */
class TemplatesTest {

  private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
  private static final Templates BUILT_IN = Templates.load(null);

  /** A value for every placeholder any kind offers. */
  private static Map<String, Object> values(String kind) {
    Map<String, Object> all = new HashMap<>();
    all.put("customer", "Bryggeriet Ærø & Søn");
    all.put("service", "nettbutikk");
    all.put("server", "web1");
    all.put("since", Instant.parse("2025-11-10T10:00:00Z"));
    all.put("duration", Duration.ofMinutes(185));
    all.put("reason", "HTTP 503 from 10.0.0.5");
    all.put("start", Instant.parse("2025-12-01T22:00:00Z"));
    all.put("end", Instant.parse("2025-12-02T02:00:00Z"));
    all.put("services", List.of("nettbutikk", "e-post"));
    all.put("description", "Oppgradering av PostgreSQL.");
    all.put("title", "Ny prisliste");
    all.put("text", "Fra 1. januar gjelder nye priser.");
    all.put("deadline", Instant.parse("2025-11-10T11:00:00Z"));
    all.put("step", "1.2");
    all.put("ack", "http://localhost:8080/a/aW5jLTE.c2ln");
    all.put("troubleshooting", "http://localhost:8080/a/aW5jLTI.c2ln");
    all.put("period", "2025-10");
    all.put("summary", "- Oppetid (hele døgnet): 99.9512 % (garanti 99.9 %), oppfylt");
    all.put("link", "http://localhost:8080/");
    Map<String, Object> v = new HashMap<>();
    BUILT_IN.kinds().get(kind).forEach(p -> v.put(p, all.get(p)));
    return v;
  }

  @ParameterizedTest
  @EnumSource(Language.class)
  void everyLanguageRendersEveryKindForMailAndSms(Language language) {
    for (String kind : BUILT_IN.kinds().keySet()) {
      for (ChannelKind channel : List.of(ChannelKind.EMAIL, ChannelKind.SMS)) {
        Recipient r =
            new Recipient(
                channel,
                channel == ChannelKind.EMAIL ? "ola@kunde.example" : "+4791234567",
                language,
                OSLO);
        Templates.Rendered m = BUILT_IN.render(kind, r, values(kind));
        assertThat(m.subject()).as(language + " " + kind).isNotBlank().doesNotContain("{", "}");
        assertThat(m.body()).as(language + " " + kind).isNotBlank().doesNotContain("{", "}");
        if (kind.startsWith("service-") || kind.equals("security-disconnect")) {
          assertThat(m.body()).contains("Bryggeriet Ærø & Søn");
        }
      }
    }
  }

  @Test
  void customerMessagesCarryNoInternalDetails_ALR2() {
    // The customer kinds do not even offer a check reason: the data decides what goes out.
    assertThat(BUILT_IN.kinds().get("service-down")).doesNotContain("reason");
    assertThat(BUILT_IN.kinds().get("service-up")).doesNotContain("reason");
    assertThat(BUILT_IN.kinds().get("staff-service-down")).contains("reason");
  }

  @Test
  void timesAreShownInTheRecipientsZoneAndLanguage() {
    var nb = new Recipient(ChannelKind.EMAIL, "ola@kunde.example", Language.NB, OSLO);
    var de =
        new Recipient(
            ChannelKind.EMAIL, "ola@kunde.example", Language.DE, ZoneId.of("Europe/Berlin"));
    var en = new Recipient(ChannelKind.EMAIL, "ola@kunde.example", Language.EN, ZoneId.of("UTC"));
    Instant since = Instant.parse("2025-11-10T10:00:00Z");

    // 11:00 in Oslo and Berlin (UTC+1 in November), 10:00 in UTC.
    assertThat(Templates.show(since, nb)).contains("11:00").contains("2025");
    assertThat(Templates.show(since, de)).isEqualTo("10.11.2025, 11:00:00");
    assertThat(Templates.show(since, en)).contains("10:00").contains("Nov");
    assertThat(Templates.show(LocalDate.of(2025, 12, 24), de)).isEqualTo("24.12.2025");
    assertThat(Templates.show(Duration.ofMinutes(185), nb)).isEqualTo("3 h 5 min");
    assertThat(Templates.show(Duration.ofHours(50), nb)).isEqualTo("2 d 2 h");
  }

  @Test
  void norwegianAndGermanLettersSurviveRendering() {
    var nb = new Recipient(ChannelKind.EMAIL, "ola@kunde.example", Language.NB, OSLO);
    var m = BUILT_IN.render("service-up", nb, values("service-up"));
    assertThat(m.subject()).isEqualTo("Løst: nettbutikk er tilgjengelig igjen");
    var de = new Recipient(ChannelKind.EMAIL, "ola@kunde.example", Language.DE, OSLO);
    assertThat(BUILT_IN.render("security-disconnect", de, values("security-disconnect")).body())
        .contains("Bryggeriet Ærø & Søn")
        .contains("Sicherheitsrisiko");
    assertThat(BUILT_IN.render("notice", de, values("notice")).body()).startsWith("Guten Tag");
  }

  @Test
  void aMissingValueNamesTheKindAndPlaceholder() {
    var r = new Recipient(ChannelKind.EMAIL, "ola@kunde.example", Language.EN, OSLO);
    Map<String, Object> v = values("service-down");
    v.remove("since");
    assertThatThrownBy(() -> BUILT_IN.render("service-down", r, v))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("message service-down needs a value for placeholder {since}");
    Map<String, Object> extra = values("service-down");
    extra.put("ip", "10.0.0.5");
    assertThatThrownBy(() -> BUILT_IN.render("service-down", r, extra))
        .hasMessageContaining("has no placeholder {ip}");
  }

  @Test
  void anOverrideReplacesSingleFieldsOfSingleKeys(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("nb.yaml"),
        """
        service-down:
          sms: "Hei {customer}! {service} er nede. Ring 22 00 00 00 {{døgnåpent}}."
        """);
    Templates t = Templates.load(dir);
    var sms = new Recipient(ChannelKind.SMS, "+47 912 34 567", Language.NB, OSLO);
    var mail = new Recipient(ChannelKind.EMAIL, "ola@kunde.example", Language.NB, OSLO);

    assertThat(t.render("service-down", sms, values("service-down")).body())
        .isEqualTo("Hei Bryggeriet Ærø & Søn! nettbutikk er nede. Ring 22 00 00 00 {døgnåpent}.");
    // The rest of the key, and the other languages, stay built-in.
    assertThat(t.render("service-down", mail, values("service-down")).subject())
        .isEqualTo("Driftsavbrudd: nettbutikk svarer ikke");
    assertThat(t.template("service-down", Language.DA))
        .isEqualTo(BUILT_IN.template("service-down", Language.DA));
  }

  @Test
  void eachProviderMayWordItsOwnMessagesOverTheInstallations(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("nb.yaml"),
        """
        service-down:
          subject: "Avbrudd: {service}"
        """);
    Files.createDirectories(dir.resolve("stw"));
    Files.writeString(
        dir.resolve("stw").resolve("nb.yaml"),
        """
        service-down:
          subject: "STW Drift: {service} er nede"
        """);
    Templates t = Templates.load(dir);
    var mail = new Recipient(ChannelKind.EMAIL, "ola@kunde.example", Language.NB, OSLO);

    assertThat(t.render("service-down", "stw", mail, values("service-down")).subject())
        .isEqualTo("STW Drift: nettbutikk er nede");
    // Another provider, or none, gets the installation's words; the provider's other keys too.
    assertThat(t.render("service-down", "bdn", mail, values("service-down")).subject())
        .isEqualTo("Avbrudd: nettbutikk");
    assertThat(t.render("service-down", mail, values("service-down")).subject())
        .isEqualTo("Avbrudd: nettbutikk");
    assertThat(t.template("service-up", Language.NB, "stw"))
        .isEqualTo(BUILT_IN.template("service-up", Language.NB));
  }

  @Test
  void anUnknownPlaceholderInAnOverrideNamesFileKeyAndPlaceholder(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("de.yaml");
    Files.writeString(
        file,
        """
        service-down:
          body: "{service} ist ausgefallen: {reason} ({ip})"
        """);
    assertThatThrownBy(() -> Templates.load(dir))
        .isInstanceOf(Templates.TemplateException.class)
        .hasMessageStartingWith(file + ": service-down.body uses placeholder {reason}")
        .hasMessageContaining("service-down does not offer")
        .hasMessageContaining("{customer}, {service}, {server}, {since}");
  }

  @Test
  void anUnknownKindOrFieldOrBraceInAnOverrideIsAPreciseError(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("sv.yaml");
    Files.writeString(file, "service-dwn:\n  subject: x\n");
    assertThatThrownBy(() -> Templates.load(dir))
        .hasMessageStartingWith(file + ": service-dwn is not a message kind");

    Files.writeString(file, "service-down:\n  title: x\n");
    assertThatThrownBy(() -> Templates.load(dir))
        .hasMessage(file + ": service-down.title is not a field; use subject, body or sms");

    Files.writeString(file, "notice:\n  subject: \"Viktigt {title\"\n");
    assertThatThrownBy(() -> Templates.load(dir))
        .hasMessageStartingWith(file + ": notice.subject: '{' at character 9");

    Files.writeString(file, "notice: [\n");
    assertThatThrownBy(() -> Templates.load(dir)).hasMessageStartingWith(file + ": not valid YAML");
  }
}
