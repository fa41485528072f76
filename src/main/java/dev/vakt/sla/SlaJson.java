package dev.vakt.sla;

import dev.vakt.common.Binder;
import java.time.Duration;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * An {@link SlaReport} as JSON for programs: instants in ISO 8601 UTC, durations in ISO 8601
 * ({@code PT2H12M28.8S}, exact to the millisecond, where documents use the short forms such as
 * {@code 48h}), percentages as numbers with 4 decimals, absent values left out.
 */
public final class SlaJson {

  private static final JsonMapper MAPPER =
      Binder.MAPPER
          .rebuild()
          .addModule(new SimpleModule("vakt-sla-json").addSerializer(Duration.class, new Iso()))
          .build();

  private SlaJson() {}

  /** The report, pretty-printed. */
  public static String write(SlaReport report) {
    return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report);
  }

  private static final class Iso extends ValueSerializer<Duration> {
    @Override
    public void serialize(Duration value, JsonGenerator gen, SerializationContext ctxt) {
      gen.writeString(value.toString());
    }
  }
}
