package dev.vakt.common;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads Vakt's YAML documents: each starts with {@code apiVersion: vakt/v1} and a {@code kind}, and
 * the kind decides the record it is bound to. Problems are collected, never thrown, so a user sees
 * every mistake of a file in one run.
 */
public final class DocumentReader {

  /** The only document format version so far. */
  public static final String API_VERSION = "vakt/v1";

  private final Map<String, Class<?>> kinds = new LinkedHashMap<>();

  /** A kind of document and the record it binds to. */
  public record Kind(String name, Class<?> type) {}

  /** A bound document and where it came from. */
  public record Located(Object value, YamlSource.Document source) {
    /** A problem about this document at {@code pointer}. */
    public Problem problem(String pointer, String reason) {
      return source.problem(pointer, reason);
    }
  }

  /** What reading produced: the documents that bound and the problems found. */
  public record Result(List<Located> documents, List<Problem> problems) {
    public boolean ok() {
      return problems.isEmpty();
    }
  }

  public DocumentReader(List<Kind> kinds) {
    for (Kind k : kinds) {
      this.kinds.put(k.name(), k.type());
    }
  }

  /** Reads a file from disk, reporting unreadable files as problems. */
  public Result read(Path file) {
    String name = file.toString();
    try {
      return read(name, Files.readString(file, StandardCharsets.UTF_8));
    } catch (MalformedInputException e) {
      return failed(name, "is not UTF-8 text");
    } catch (IOException e) {
      return failed(name, "cannot be read: " + e.getClass().getSimpleName() + " " + e.getMessage());
    }
  }

  /** Reads YAML text; {@code file} names it in problems. */
  public Result read(String file, String text) {
    YamlSource.Parsed parsed = YamlSource.read(file, text);
    List<Located> out = new ArrayList<>();
    List<Problem> problems = new ArrayList<>(parsed.problems());
    for (YamlSource.Document doc : parsed.documents()) {
      bind(doc, out, problems);
    }
    if (parsed.problems().isEmpty()
        && parsed.documents().stream().allMatch(d -> d.tree().isNull())) {
      problems.add(new Problem(file, 1, 1, "/", "holds no document"));
    }
    return new Result(out, problems);
  }

  private void bind(YamlSource.Document doc, List<Located> out, List<Problem> problems) {
    JsonNode tree = doc.tree();
    if (tree.isNull()) {
      return; // an empty document between '---' separators
    }
    if (!(tree instanceof ObjectNode object)) {
      problems.add(doc.problem("", "a document must be a mapping with apiVersion and kind"));
      return;
    }
    JsonNode api = object.get("apiVersion");
    if (api == null || !api.isString()) {
      problems.add(doc.problem("/apiVersion", "is required: write apiVersion: " + API_VERSION));
      return;
    }
    if (!API_VERSION.equals(api.asString())) {
      problems.add(
          doc.problem(
              "/apiVersion",
              "'" + api.asString() + "' is not supported; this Vakt reads " + API_VERSION));
      return;
    }
    JsonNode kind = object.get("kind");
    Class<?> type = kind == null ? null : kinds.get(kind.asString());
    if (type == null) {
      String reason =
          kind == null ? "is required" : "'" + kind.asString() + "' is not a kind of document";
      problems.add(doc.problem("/kind", reason + "; kinds: " + String.join(", ", kinds.keySet())));
      return;
    }
    ObjectNode body = object.deepCopy();
    body.remove("apiVersion");
    body.remove("kind");
    switch (Binder.bind(doc, "", body, type)) {
      case Binder.Result.Ok<?> ok -> out.add(new Located(ok.value(), doc));
      case Binder.Result.Failed<?> failed -> problems.add(failed.problem());
    }
  }

  private static Result failed(String file, String reason) {
    return new Result(List.of(), List.of(new Problem(file, 0, 0, "/", reason)));
  }
}
