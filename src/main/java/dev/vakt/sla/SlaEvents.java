package dev.vakt.sla;

import dev.vakt.common.Binder;
import dev.vakt.common.Problem;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;

/**
 * Reads and writes the SLA ledger as JSON Lines: one {@link SlaEvent} per line, {@code type} first,
 * instants in ISO 8601 UTC. Reading never throws on bad input: every problem comes back with the
 * file, line, column and field, like {@code vakt validate} reports documents.
 */
public final class SlaEvents {

  private static final ObjectReader TREE =
      Binder.MAPPER.reader().with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
  private static final ObjectWriter WRITER = Binder.MAPPER.writerFor(SlaEvent.class);
  private static final Set<String> INSTANTS = Set.of("at", "fixedAt", "from", "to");

  private SlaEvents() {}

  /** What reading produced: the events, in file order, or the problems found. */
  public record Result(List<SlaEvent> events, List<Problem> problems) {
    public Result {
      events = List.copyOf(events);
      problems = List.copyOf(problems);
    }

    public boolean ok() {
      return problems.isEmpty();
    }
  }

  /** Reads a JSON Lines file; an unreadable file is a problem, not an exception. */
  public static Result read(Path file) {
    String name = file.toString();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(in, name);
    } catch (MalformedInputException e) {
      return failed(name, "is not UTF-8 text");
    } catch (IOException | UncheckedIOException e) {
      return failed(name, "cannot be read: " + e.getMessage());
    }
  }

  /**
   * Reads JSON Lines from {@code in}; {@code name} names the source in problems. Blank lines are
   * skipped.
   */
  public static Result read(Reader in, String name) {
    List<SlaEvent> events = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    Map<String, Integer> ids = new HashMap<>();
    BufferedReader lines = in instanceof BufferedReader b ? b : new BufferedReader(in);
    int number = 0;
    try {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        Line parsed = new Line(name, number, line);
        SlaEvent event = parsed.bind(problems);
        if (event != null) {
          String id = idOf(event);
          Integer first = id == null ? null : ids.putIfAbsent(id, number);
          if (first != null) {
            problems.add(
                parsed.problem(
                    "/id",
                    "'"
                        + id.substring(id.indexOf(' ') + 1)
                        + "' is already used on line "
                        + first
                        + ": ids are unique per type"));
          } else {
            events.add(event);
          }
        }
      }
    } catch (IOException e) {
      problems.add(new Problem(name, number, 0, "/", "cannot be read: " + e.getMessage()));
    }
    return new Result(problems.isEmpty() ? events : List.of(), problems);
  }

  /** Writes events as JSON Lines, the format {@link #read} takes. */
  public static void write(Iterable<? extends SlaEvent> events, Writer out) throws IOException {
    for (SlaEvent e : events) {
      out.write(line(e));
      out.write('\n');
    }
    out.flush();
  }

  /** One event as one line of JSON, without the line break. */
  public static String line(SlaEvent event) {
    return WRITER.writeValueAsString(event);
  }

  private static String idOf(SlaEvent event) {
    return switch (event) {
      case SlaEvent.Report r -> "report " + r.id();
      case SlaEvent.Maintenance m -> "maintenance " + m.id();
      default -> null;
    };
  }

  private static Result failed(String name, String reason) {
    return new Result(List.of(), List.of(new Problem(name, 0, 0, "/", reason)));
  }

  /** One line of input, with what is needed to point at its fields. */
  private record Line(String file, int number, String text) {

    SlaEvent bind(List<Problem> problems) {
      JsonNode node;
      try {
        node = TREE.readTree(text);
      } catch (JacksonException e) {
        String message = e.getOriginalMessage();
        int nl = message == null ? -1 : message.indexOf('\n');
        problems.add(
            problem("/", "is not a JSON object: " + (nl < 0 ? message : message.substring(0, nl))));
        return null;
      }
      if (node == null || !node.isObject()) {
        problems.add(problem("/", "is not a JSON object: write one event as {...} per line"));
        return null;
      }
      JsonNode type = node.get("type");
      if (type == null || !type.isString() || !SlaEvent.TYPES.contains(type.asString())) {
        problems.add(
            problem(
                "/type",
                (type == null ? "is required" : "'" + type.asString() + "' is not an event type")
                    + "; types: "
                    + String.join(", ", SlaEvent.TYPES)));
        return null;
      }
      for (String field : INSTANTS) {
        JsonNode v = node.get(field);
        if (v != null && !v.isNull() && !isInstant(v)) {
          problems.add(
              problem(
                  "/" + field,
                  "'"
                      + (v.isString() ? v.asString() : v.toString())
                      + "' is not an instant: write ISO 8601 in UTC, e.g."
                      + " 2026-03-01T10:00:00Z"));
          return null;
        }
      }
      return switch (Binder.bind(file, node, SlaEvent.class)) {
        case Binder.Result.Ok<SlaEvent> ok -> ok.value();
        case Binder.Result.Failed<SlaEvent> failed -> {
          problems.add(problem(failed.problem().field(), failed.problem().reason()));
          yield null;
        }
      };
    }

    /** A problem at {@code pointer}, with the column of its top-level field when found. */
    Problem problem(String pointer, String reason) {
      int column = 1;
      String top = pointer.length() > 1 ? pointer.substring(1).split("/", 2)[0] : "";
      if (!top.isEmpty()) {
        // The key, not a value that happens to spell it ({"type":"state","state":...}).
        Matcher m = Pattern.compile("\"" + Pattern.quote(top) + "\"\\s*:").matcher(text);
        column = m.find() ? m.start() + 1 : 1;
      }
      return new Problem(file, number, column, pointer, reason);
    }

    private static boolean isInstant(JsonNode v) {
      if (!v.isString()) {
        return false;
      }
      try {
        Instant.parse(v.asString());
        return true;
      } catch (DateTimeParseException e) {
        return false;
      }
    }
  }
}
