package dev.vakt.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns JSON trees into typed, validated records. Every failure (unknown key, wrong type, a value a
 * record's constructor refuses) comes back as one {@link Problem} at the offending field.
 */
public final class Binder {

  /** The mapper for all of Vakt's documents: strict about unknown keys and lossy conversions. */
  public static final JsonMapper MAPPER =
      JsonMapper.builder()
          .addModule(TimeSpanModule.INSTANCE)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
          .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
          .changeDefaultPropertyInclusion(v -> v.withValueInclusion(JsonInclude.Include.NON_NULL))
          .build();

  private Binder() {}

  /** The module that reads and writes durations and periods as Vakt documents write them. */
  public static tools.jackson.databind.JacksonModule timeSpanModule() {
    return TimeSpanModule.INSTANCE;
  }

  /**
   * Binds a tree that has no source file (stored documents, merged terms), naming it {@code label}.
   */
  public static <T> Result<T> bind(String label, JsonNode node, Class<T> type) {
    return bind(new YamlSource.Document(label, 0, node, java.util.Map.of()), "", node, type);
  }

  /** The outcome of binding: the value, or the problem that prevented it. */
  public sealed interface Result<T> {
    record Ok<T>(T value) implements Result<T> {}

    record Failed<T>(Problem problem) implements Result<T> {}
  }

  /**
   * Binds {@code node}, found at {@code pointer} inside {@code document}, to {@code type}.
   *
   * @param document where the node came from, for positions
   * @param pointer the JSON pointer of {@code node} within the document
   */
  public static <T> Result<T> bind(
      YamlSource.Document document, String pointer, JsonNode node, Class<T> type) {
    var nul = Texts.firstProblem(node, false);
    if (nul.isPresent()) {
      // PostgreSQL cannot store a NUL, escaped in YAML or JSON as it may be: refused here (F15).
      return new Result.Failed<>(
          document.problem(pointer + nul.get().getKey(), nul.get().getValue()));
    }
    try {
      return new Result.Ok<>(MAPPER.treeToValue(node, type));
    } catch (JacksonException e) {
      return new Result.Failed<>(toProblem(document, pointer, e));
    } catch (IllegalArgumentException e) {
      return new Result.Failed<>(document.problem(pointer, e.getMessage()));
    }
  }

  static Problem toProblem(YamlSource.Document document, String pointer, JacksonException e) {
    StringBuilder path = new StringBuilder(pointer);
    List<JacksonException.Reference> refs = e.getPath();
    for (JacksonException.Reference ref : refs) {
      if (ref.getPropertyName() != null) {
        path.append('/').append(YamlSource.escape(ref.getPropertyName()));
      } else if (ref.getIndex() >= 0) {
        path.append('/').append(ref.getIndex());
      }
    }
    Throwable cause = rootCause(e);
    if (cause instanceof InvalidField invalid) {
      path.append('/').append(invalid.field());
      return document.problem(path.toString(), invalid.reason());
    }
    return document.problem(path.toString(), reason(e, cause));
  }

  private static String reason(JacksonException e, Throwable cause) {
    if (e instanceof UnrecognizedPropertyException u) {
      return "unknown field '"
          + u.getPropertyName()
          + "'; allowed here: "
          + String.join(
              ", ", u.getKnownPropertyIds().stream().map(Object::toString).sorted().toList());
    }
    if (cause != e && cause instanceof IllegalArgumentException && cause.getMessage() != null) {
      return cause.getMessage();
    }
    if (e instanceof tools.jackson.databind.exc.InvalidTypeIdException t) {
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("known type ids = \\[([^]]*)]").matcher(t.getMessage());
      return (t.getTypeId() == null ? "needs a kind" : "'" + t.getTypeId() + "' is not a kind here")
          + (m.find() ? "; kinds: " + m.group(1) : "");
    }
    if (e instanceof InvalidFormatException f) {
      String target = f.getTargetType() == null ? "value" : describe(f.getTargetType());
      if (f.getTargetType() != null && f.getTargetType().isEnum()) {
        return "'" + f.getValue() + "' is not one of " + enumValues(f.getTargetType());
      }
      if (f.getTargetType() == java.util.Currency.class) {
        return "'" + f.getValue() + "' is not an ISO 4217 currency code (e.g. NOK, DKK, SEK, EUR)";
      }
      if (java.time.ZoneId.class.isAssignableFrom(f.getTargetType())) {
        return "'" + f.getValue() + "' is not a time zone: use an IANA name such as Europe/Oslo";
      }
      return "'" + f.getValue() + "' is not " + target;
    }
    if (e instanceof MismatchedInputException m && m.getTargetType() == Money.class) {
      String value = currentText(e);
      return "'"
          + value
          + "' is not an amount: write the amount and an ISO 4217 currency, e.g. '"
          + value
          + " EUR'";
    }
    if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
      return "expected " + describe(m.getTargetType()) + found(e.getOriginalMessage());
    }
    return clean(e.getOriginalMessage());
  }

  private static String currentText(JacksonException e) {
    if (e.processor() instanceof tools.jackson.core.JsonParser p) {
      try {
        return p.getString();
      } catch (RuntimeException ignored) {
        return "";
      }
    }
    return "";
  }

  /** ", found a list" and the like, from Jackson's message; nothing when it does not say. */
  private static String found(String message) {
    if (message == null) {
      return "";
    }
    if (message.contains("from Array value")) {
      return ", found a list";
    }
    if (message.contains("from Object value")) {
      return ", found a mapping";
    }
    if (message.contains("from String value")) {
      return ", found a text";
    }
    if (message.contains("from Integer value") || message.contains("from Floating-point value")) {
      return ", found a number";
    }
    if (message.contains("from Boolean value")) {
      return ", found true/false";
    }
    return "";
  }

  private static String enumValues(Class<?> type) {
    StringBuilder sb = new StringBuilder();
    for (Object c : type.getEnumConstants()) {
      if (!sb.isEmpty()) {
        sb.append(", ");
      }
      sb.append(MAPPER.valueToTree(c).asString());
    }
    return sb.toString();
  }

  private static String describe(Class<?> type) {
    if (type == Money.class) {
      return "an amount with its currency, e.g. '35.00 EUR'";
    }
    if (type == Percent.class) {
      return "a percentage from 0 to 100";
    }
    if (type == SecretRef.class) {
      return "a secret reference (env:NAME, file:/path or secret:name)";
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "a whole number";
    }
    if (type == java.math.BigDecimal.class || type == Double.class || type == double.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == java.time.LocalDate.class) {
      return "a date (YYYY-MM-DD)";
    }
    if (type == java.time.LocalDateTime.class) {
      return "a local date and time (YYYY-MM-DDTHH:MM), without a zone: the terms' time zone applies";
    }
    if (java.time.ZoneId.class.isAssignableFrom(type)) {
      return "a time zone such as Europe/Oslo";
    }
    if (type == java.util.Currency.class) {
      return "an ISO 4217 currency code";
    }
    if (type == String.class) {
      return "a text";
    }
    if (java.util.Collection.class.isAssignableFrom(type)) {
      return "a list";
    }
    if (type.isRecord() || java.util.Map.class.isAssignableFrom(type)) {
      return "a mapping of fields";
    }
    return "a " + type.getSimpleName();
  }

  private static String clean(String message) {
    if (message == null) {
      return "invalid value";
    }
    String m = message.replaceAll("\\s*\\(for Object starting at.*", "");
    m = m.replaceAll("`[a-z.]+\\.([A-Za-z$]+)`", "$1");
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  private static Throwable rootCause(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    return c;
  }
}
