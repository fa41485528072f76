package dev.vakt.common;

import java.time.Duration;
import java.time.Period;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.module.SimpleModule;

/** Reads and writes {@link Duration} and {@link Period} in the forms {@link TimeSpans} accepts. */
final class TimeSpanModule extends SimpleModule {

  static final TimeSpanModule INSTANCE = new TimeSpanModule();

  private TimeSpanModule() {
    super("vakt-time-spans");
    addDeserializer(Duration.class, new Reader<>(TimeSpans::duration, "a duration such as '15m'"));
    addDeserializer(Period.class, new Reader<>(TimeSpans::period, "a period such as '3 months'"));
    // Strict: "2024-03-02T22:00:00Z" is a UTC instant, not a local time, and must not pass as one.
    addDeserializer(
        java.time.LocalDateTime.class,
        new Reader<>(
            t -> {
              try {
                return java.time.LocalDateTime.parse(t);
              } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException(
                    "'"
                        + t
                        + "' is not a local date and time (YYYY-MM-DDTHH:MM) without a zone;"
                        + " the terms' time zone applies");
              }
            },
            "a local date and time such as '2025-03-01T22:00'"));
    addSerializer(Duration.class, new Writer<>(TimeSpans::format));
    addSerializer(Period.class, new Writer<>(TimeSpans::format));
  }

  private static final class Reader<T> extends ValueDeserializer<T> {
    private final java.util.function.Function<String, T> parse;
    private final String example;

    Reader(java.util.function.Function<String, T> parse, String example) {
      this.parse = parse;
      this.example = example;
    }

    @Override
    public T deserialize(JsonParser p, DeserializationContext ctxt) {
      if (p.currentToken() != JsonToken.VALUE_STRING) {
        throw new IllegalArgumentException(
            "'"
                + p.getString()
                + "' has no unit: write "
                + example
                + " (a bare number is ambiguous)");
      }
      return parse.apply(p.getString());
    }
  }

  private static final class Writer<T> extends ValueSerializer<T> {
    private final java.util.function.Function<T, String> format;

    Writer(java.util.function.Function<T, String> format) {
      this.format = format;
    }

    @Override
    public void serialize(T value, JsonGenerator gen, SerializationContext ctxt) {
      gen.writeString(format.apply(value));
    }
  }
}
