package dev.vakt.alerting;

import dev.vakt.common.Language;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Message templates as data: {@code templates/kinds.yaml} declares each kind of message and the
 * placeholders it offers; {@code templates/<lang>.yaml} (nb, da, sv, de, en) gives each kind a
 * {@code subject}, a {@code body} and a short {@code sms} text. A provider overrides single keys,
 * or single fields of a key, in {@code <override-dir>/<lang>.yaml}.
 *
 * <p>Everything is checked when loaded: a missing kind or field, a kind or field that does not
 * exist, an unclosed brace or a placeholder the kind does not offer fails with the file, key and
 * placeholder. {@code {{} and {@code }}} write literal braces.
 */
final class Templates {

  static final List<String> FIELDS = List.of("subject", "body", "sms");
  private static final String BASE = "dev/vakt/alerting/templates/";
  private static final YAMLMapper YAML =
      YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  /** One kind's texts in one language. */
  record Template(String subject, String body, String sms) {}

  /** The texts a channel sends. */
  record Rendered(String subject, String body) {}

  private final Map<String, List<String>> kinds;
  private final Map<Language, Map<String, Template>> byLanguage;
  private final Map<String, Map<Language, Map<String, Template>>> byProvider;

  private Templates(
      Map<String, List<String>> kinds,
      Map<Language, Map<String, Template>> t,
      Map<String, Map<Language, Map<String, Template>>> byProvider) {
    this.kinds = kinds;
    this.byLanguage = t;
    this.byProvider = byProvider;
  }

  /**
   * The built-in templates, with the installation's overrides in {@code overrideDir/<lang>.yaml}
   * and each provider's in {@code overrideDir/<provider>/<lang>.yaml} (over the installation's).
   */
  static Templates load(Path overrideDir) {
    Map<String, List<String>> kinds = new LinkedHashMap<>();
    String kindsFile = "classpath:" + BASE + "kinds.yaml";
    JsonNode declared = parse(kindsFile, resource(BASE + "kinds.yaml"));
    for (var e : declared.properties()) {
      List<String> placeholders = new ArrayList<>();
      e.getValue().path("placeholders").forEach(p -> placeholders.add(p.asString()));
      kinds.put(e.getKey(), List.copyOf(placeholders));
    }
    Map<Language, Map<String, Map<String, String>>> installation = new EnumMap<>(Language.class);
    for (Language language : Language.values()) {
      String file = "classpath:" + BASE + language.code() + ".yaml";
      Map<String, Map<String, String>> texts = new LinkedHashMap<>();
      read(file, parse(file, resource(BASE + language.code() + ".yaml")), kinds, texts);
      for (String kind : kinds.keySet()) {
        for (String field : FIELDS) {
          if (texts.getOrDefault(kind, Map.of()).get(field) == null) {
            throw new TemplateException(file + ": " + kind + " has no " + field);
          }
        }
      }
      override(overrideDir, language, kinds, texts);
      installation.put(language, texts);
    }
    Map<String, Map<Language, Map<String, Template>>> byProvider = new LinkedHashMap<>();
    for (Path dir : providerDirs(overrideDir)) {
      Map<Language, Map<String, Template>> own = new EnumMap<>(Language.class);
      for (Language language : Language.values()) {
        Map<String, Map<String, String>> texts = deepCopy(installation.get(language));
        override(dir, language, kinds, texts);
        own.put(language, templates(texts));
      }
      byProvider.put(dir.getFileName().toString(), own);
    }
    Map<Language, Map<String, Template>> all = new EnumMap<>(Language.class);
    installation.forEach((language, texts) -> all.put(language, templates(texts)));
    return new Templates(Map.copyOf(kinds), all, Map.copyOf(byProvider));
  }

  /** Applies {@code dir/<lang>.yaml} to {@code texts} when the file exists. */
  private static void override(
      Path dir,
      Language language,
      Map<String, List<String>> kinds,
      Map<String, Map<String, String>> texts) {
    if (dir == null) {
      return;
    }
    Path override = dir.resolve(language.code() + ".yaml");
    if (Files.isRegularFile(override)) {
      try {
        read(
            override.toString(),
            parse(override.toString(), Files.readString(override)),
            kinds,
            texts);
      } catch (IOException e) {
        throw new TemplateException(override + ": cannot be read: " + e.getMessage());
      }
    }
  }

  /** The sub-directories of {@code dir} named like a provider id. */
  private static List<Path> providerDirs(Path dir) {
    if (dir == null || !Files.isDirectory(dir)) {
      return List.of();
    }
    try (var entries = Files.list(dir)) {
      return entries
          .filter(Files::isDirectory)
          .filter(d -> d.getFileName().toString().matches("[a-z0-9][a-z0-9._-]{0,62}"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new TemplateException(dir + ": cannot be listed: " + e.getMessage());
    }
  }

  private static Map<String, Map<String, String>> deepCopy(Map<String, Map<String, String>> m) {
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(k, new LinkedHashMap<>(v)));
    return out;
  }

  private static Map<String, Template> templates(Map<String, Map<String, String>> texts) {
    Map<String, Template> templates = new LinkedHashMap<>();
    texts.forEach(
        (kind, f) ->
            templates.put(kind, new Template(f.get("subject"), f.get("body"), f.get("sms"))));
    return Map.copyOf(templates);
  }

  /** Reads one file's keys into {@code texts}, checking every key, field and placeholder. */
  private static void read(
      String file,
      JsonNode root,
      Map<String, List<String>> kinds,
      Map<String, Map<String, String>> texts) {
    if (root == null || root.isNull() || root.isMissingNode()) {
      return;
    }
    if (!root.isObject()) {
      throw new TemplateException(file + ": expected a mapping of message kinds");
    }
    for (var e : root.properties()) {
      String kind = e.getKey();
      if (!kinds.containsKey(kind)) {
        throw new TemplateException(
            file
                + ": "
                + kind
                + " is not a message kind; known kinds: "
                + String.join(", ", kinds.keySet()));
      }
      if (!e.getValue().isObject()) {
        throw new TemplateException(file + ": " + kind + ": expected subject, body and sms");
      }
      for (var f : e.getValue().properties()) {
        if (!FIELDS.contains(f.getKey())) {
          throw new TemplateException(
              file + ": " + kind + "." + f.getKey() + " is not a field; use subject, body or sms");
        }
        if (!f.getValue().isString()) {
          throw new TemplateException(file + ": " + kind + "." + f.getKey() + " must be text");
        }
        String text = f.getValue().asString();
        for (String p : placeholders(text, file, kind + "." + f.getKey())) {
          if (!kinds.get(kind).contains(p)) {
            throw new TemplateException(
                file
                    + ": "
                    + kind
                    + "."
                    + f.getKey()
                    + " uses placeholder {"
                    + p
                    + "}, which "
                    + kind
                    + " does not offer; it offers "
                    + kinds.get(kind).stream()
                        .map(x -> "{" + x + "}")
                        .collect(Collectors.joining(", ")));
          }
        }
        texts.computeIfAbsent(kind, k -> new LinkedHashMap<>()).put(f.getKey(), text);
      }
    }
  }

  private static JsonNode parse(String file, String text) {
    try {
      return YAML.readTree(text);
    } catch (JacksonException e) {
      throw new TemplateException(
          file + ": not valid YAML: " + SmtpChannel.oneLine(e.getOriginalMessage()));
    }
  }

  private static String resource(String name) {
    try (InputStream in = Templates.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new TemplateException("classpath:" + name + " is missing");
      }
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new TemplateException("classpath:" + name + ": " + e.getMessage());
    }
  }

  /** The placeholders a text uses, in order. */
  static Set<String> placeholders(String text, String file, String where) {
    Set<String> found = new LinkedHashSet<>();
    scan(text, file, where, found::add, null);
    return found;
  }

  /** Walks a text: literal runs go to {@code out}, placeholder names to {@code onPlaceholder}. */
  private static void scan(
      String text,
      String file,
      String where,
      java.util.function.Consumer<String> onPlaceholder,
      StringBuilder out) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c == '{' || c == '}') && i + 1 < text.length() && text.charAt(i + 1) == c) {
        if (out != null) {
          out.append(c);
        }
        i++;
      } else if (c == '{') {
        int end = text.indexOf('}', i);
        String name = end < 0 ? null : text.substring(i + 1, end);
        if (name == null || !name.matches("[a-z][a-z0-9-]*")) {
          throw new TemplateException(
              file
                  + ": "
                  + where
                  + ": '{' at character "
                  + (i + 1)
                  + " does not start a placeholder such as {customer}; write {{ for a brace");
        }
        onPlaceholder.accept(name);
        i = end;
      } else if (out != null) {
        out.append(c);
      }
    }
  }

  /** The kinds of message and the placeholders each offers. */
  Map<String, List<String>> kinds() {
    return kinds;
  }

  /** The texts for {@code kind} in {@code language} (built-in with overrides). */
  Template template(String kind, Language language) {
    return template(kind, language, null);
  }

  /** The same, with the provider's own overrides where it has any. */
  Template template(String kind, Language language, String provider) {
    Map<Language, Map<String, Template>> own = provider == null ? null : byProvider.get(provider);
    Template t = (own != null ? own : byLanguage).get(language).get(kind);
    if (t == null) {
      throw new IllegalArgumentException(
          "no message kind " + kind + "; known kinds: " + String.join(", ", kinds.keySet()));
    }
    return t;
  }

  /**
   * The message for a recipient: e-mail and webhooks get subject and body, SMS the short text.
   * Every placeholder the kind offers needs a value, so the caller's data never depends on which
   * texts a provider wrote; values for placeholders the kind does not offer are refused too.
   */
  Rendered render(String kind, Recipient recipient, Map<String, ?> values) {
    return render(kind, null, recipient, values);
  }

  /** The same in the words of {@code provider}'s own templates, where it has any. */
  Rendered render(String kind, String provider, Recipient recipient, Map<String, ?> values) {
    Template t = template(kind, recipient.language(), provider);
    List<String> offered = kinds.get(kind);
    for (String p : offered) {
      if (values.get(p) == null) {
        throw new IllegalArgumentException(
            "message " + kind + " needs a value for placeholder {" + p + "}");
      }
    }
    for (String given : values.keySet()) {
      if (!offered.contains(given)) {
        throw new IllegalArgumentException(
            "message " + kind + " has no placeholder {" + given + "}; it offers " + offered);
      }
    }
    Map<String, String> shown = new LinkedHashMap<>();
    values.forEach((k, v) -> shown.put(k, show(v, recipient)));
    String where = recipient.language().code() + ":" + kind;
    String subject = fill(t.subject(), where, shown);
    String body =
        recipient.channel() == ChannelKind.SMS
            ? fill(t.sms(), where, shown)
            : fill(t.body(), where, shown);
    return new Rendered(subject.strip(), body.strip());
  }

  private static String fill(String text, String where, Map<String, String> values) {
    StringBuilder out = new StringBuilder();
    scan(text, "template", where, p -> out.append(values.get(p)), out);
    return out.toString();
  }

  /** A value as the recipient reads it: times in their zone and language. */
  static String show(Object value, Recipient recipient) {
    ZoneId zone = recipient.zone();
    var locale = recipient.language().locale();
    DateTimeFormatter dateTime =
        DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withLocale(locale);
    return switch (value) {
      case Instant i -> dateTime.format(i.atZone(zone));
      case ZonedDateTime z -> dateTime.format(z.withZoneSameInstant(zone));
      case OffsetDateTime o -> dateTime.format(o.atZoneSameInstant(zone));
      case LocalDate d ->
          DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale).format(d);
      case Duration d -> duration(d);
      case Collection<?> c ->
          c.stream().map(x -> show(x, recipient)).collect(Collectors.joining(", "));
      default -> value.toString();
    };
  }

  /** A duration in whole minutes: {@code 45 min}, {@code 3 h 5 min}, {@code 2 d 4 h}. */
  static String duration(Duration d) {
    long minutes = Math.max(0, d.toMinutes());
    long days = minutes / (24 * 60);
    long hours = minutes / 60 % 24;
    long mins = minutes % 60;
    List<String> parts = new ArrayList<>();
    if (days > 0) {
      parts.add(days + " d");
    }
    if (hours > 0) {
      parts.add(hours + " h");
    }
    if (mins > 0 && days == 0) {
      parts.add(mins + " min");
    }
    return parts.isEmpty() ? "0 min" : String.join(" ", parts);
  }

  /** A template file that cannot be used: the message names the file, key and placeholder. */
  static final class TemplateException extends IllegalStateException {
    TemplateException(String message) {
      super(message);
    }
  }
}
