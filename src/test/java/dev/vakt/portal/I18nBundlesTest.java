package dev.vakt.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The pages' texts in nb, da, sv, de and en (issue 7): every language has every English key of
 * every bundle and no other, with the same {placeholders}, and every key the pages use exists.
 */
class I18nBundlesTest {

  private static final Path STATIC = Path.of("src/main/resources/static");
  private static final Path I18N = STATIC.resolve("i18n");
  private static final List<String> LANGUAGES = List.of("nb", "da", "sv", "de");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");

  @SuppressWarnings("unchecked")
  private static Map<String, String> bundle(String name, String lang) throws IOException {
    Path file = I18N.resolve(name + "." + lang + ".json");
    assertThat(file).as("bundle %s", file).exists();
    return new TreeMap<>(JsonMapper.builder().build().readValue(file.toFile(), Map.class));
  }

  private static List<String> bundleNames() throws IOException {
    try (Stream<Path> files = Files.list(I18N)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".en.json"))
          .map(n -> n.substring(0, n.length() - ".en.json".length()))
          .sorted()
          .toList();
    }
  }

  private static TreeSet<String> placeholders(String text) {
    TreeSet<String> names = new TreeSet<>();
    Matcher m = PLACEHOLDER.matcher(text);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  @Test
  void everyLanguageHasEveryEnglishKeyWithTheSamePlaceholders() throws IOException {
    List<String> problems = new ArrayList<>();
    for (String name : bundleNames()) {
      Map<String, String> en = bundle(name, "en");
      for (String lang : LANGUAGES) {
        Map<String, String> other = bundle(name, lang);
        for (String key : en.keySet()) {
          if (!other.containsKey(key)) {
            problems.add(name + "." + lang + ": missing " + key);
          } else if (!placeholders(en.get(key)).equals(placeholders(other.get(key)))) {
            problems.add(name + "." + lang + ": " + key + " has other placeholders than English");
          } else if (other.get(key).isBlank()) {
            problems.add(name + "." + lang + ": " + key + " is blank");
          }
        }
        other.keySet().stream()
            .filter(k -> !en.containsKey(k))
            .forEach(k -> problems.add(name + "." + lang + ": " + k + " is not in English"));
      }
    }
    assertThat(problems).isEmpty();
  }

  /** Keys written literally in the pages and scripts ('area.key' in t(…) or data-i18n="…"). */
  @Test
  void everyKeyThePagesNameExistsInEnglish() throws IOException {
    TreeSet<String> known = new TreeSet<>();
    for (String name : bundleNames()) {
      known.addAll(bundle(name, "en").keySet());
    }
    Pattern used =
        Pattern.compile(
            "(?:\\bt\\(\\s*'|data-i18n(?:-[a-z-]+)?=\")([a-z]+\\.[A-Za-z0-9_.-]+)['\"]");
    List<String> missing = new ArrayList<>();
    try (Stream<Path> files = Files.walk(STATIC)) {
      for (Path f :
          files
              .filter(p -> p.toString().endsWith(".js") || p.toString().endsWith(".html"))
              .toList()) {
        Matcher m = used.matcher(Files.readString(f));
        while (m.find()) {
          if (!known.contains(m.group(1))) {
            missing.add(STATIC.relativize(f) + ": " + m.group(1));
          }
        }
      }
    }
    assertThat(missing).isEmpty();
  }
}
