package dev.vakt.platform;

import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.regex.Matcher;

/**
 * Generated hostile input for the fuzzing tests (issue 16, item 8): what an attacker or a careless
 * author sends. Every value is drawn from a seeded {@link Random}, so a failing run is repeated
 * exactly by its seed, which the tests print.
 */
final class Hostile {

  /** Strings that have broken parsers, path handling, SQL or templates somewhere. */
  static final List<String> ATOMS =
      List.of(
          "",
          " ",
          "\u0000",
          "a\u0000b",
          "../../../../etc/passwd",
          "..%2f..%2fetc%2fpasswd",
          "%00",
          "' or '1'='1",
          "'); drop table audit_log; --",
          "${jndi:ldap://127.0.0.1/x}",
          "#{7*7}",
          "{{7*7}}",
          "<script>alert(1)</script>",
          "\"><img src=x onerror=alert(1)>",
          "javascript:alert(1)",
          "\uFEFF",
          "\uD800",
          "\u202E",
          "𝕍𝕒𝕜𝕥",
          "-1",
          "0",
          "9223372036854775808",
          "1e999999",
          "NaN",
          "-0",
          "+99999-01-01",
          "-999999999-01-01",
          "0000-00-00",
          "2026-02-30",
          "P999999999Y",
          "PT-1S",
          "null",
          "true",
          "[]",
          "{}",
          "\\",
          "\n",
          "\r\n",
          "%",
          "*",
          "~",
          "/",
          ";",
          "|",
          "&&id",
          "$(id)",
          "`id`");

  private final Random random;

  Hostile(long seed) {
    this.random = new Random(seed);
  }

  int below(int n) {
    return random.nextInt(n);
  }

  <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  /** A hostile string: an atom, a long run, or atoms glued together. */
  String text() {
    return switch (random.nextInt(6)) {
      case 0 -> pick(ATOMS).repeat(1 + random.nextInt(3));
      case 1 -> "x".repeat(1 + random.nextInt(20_000));
      case 2 -> pick(ATOMS) + pick(ATOMS) + pick(ATOMS);
      case 3 -> randomCodePoints(1 + random.nextInt(64));
      default -> pick(ATOMS);
    };
  }

  private String randomCodePoints(int n) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < n; i++) {
      int cp = random.nextInt(0x10FFFF);
      if (Character.isDefined(cp)) {
        s.appendCodePoint(cp);
      }
    }
    return s.toString();
  }

  /** A JSON document built to hurt: deep, wide, huge numbers, NUL bytes, wrong types. */
  String json() {
    return switch (random.nextInt(9)) {
      case 0 -> "[".repeat(1 + random.nextInt(100_000));
      case 1 -> "{\"a\":".repeat(1 + random.nextInt(5_000)) + "1" + "}".repeat(random.nextInt(5));
      case 2 -> "{\"id\":\"a\u0000b\",\"name\":\"\\u0000\"}";
      case 3 -> "{\"n\":" + "9".repeat(1 + random.nextInt(100_000)) + "}";
      case 4 -> "{\"reason\":\"" + "r".repeat(1 + random.nextInt(200_000)) + "\"}";
      case 5 -> "{\"id\":" + quoted(text()) + ",\"customer\":" + quoted(text()) + "}";
      case 6 -> "not json at all " + text();
      case 7 -> "{\"from\":" + quoted(pick(ATOMS)) + ",\"to\":" + quoted(pick(ATOMS)) + "}";
      default ->
          "{\"username\":"
              + quoted(text())
              + ",\"password\":"
              + quoted(text())
              + ",\"code\":"
              + quoted(pick(ATOMS))
              + "}";
    };
  }

  /** A YAML text built to hurt the document reader, or a real document with a hostile mutation. */
  String yaml(List<String> realDocuments) {
    return switch (random.nextInt(10)) {
      case 0 -> aliasBomb(2 + random.nextInt(9), 2 + random.nextInt(9));
      case 1 -> "a: &a [*a]\n";
      case 2 -> "a: " + "[".repeat(1 + random.nextInt(50_000)) + "\n";
      case 3 -> "a: " + "{b: ".repeat(1 + random.nextInt(20_000)) + "\n";
      case 4 -> "!!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[]]]\n";
      case 5 -> "apiVersion: vakt/v1\nkind: Provider\nid: x\u0000y\nversion: 1\n";
      case 6 -> "---\n".repeat(1 + random.nextInt(20_000));
      case 7 -> "k: " + quoted("v".repeat(1 + random.nextInt(1_000_000))) + "\n";
      default -> realDocuments.isEmpty() ? aliasBomb(3, 3) + "\0" : mutate(pick(realDocuments));
    };
  }

  /** The billion laughs in YAML: {@code levels} anchors, each a list of {@code width} aliases. */
  static String aliasBomb(int levels, int width) {
    StringBuilder s = new StringBuilder("l0: &l0 [x").append(",x".repeat(width - 1)).append("]\n");
    for (int i = 1; i < levels; i++) {
      String alias = "*l" + (i - 1);
      s.append("l").append(i).append(": &l").append(i).append(" [").append(alias);
      s.append(("," + alias).repeat(width - 1)).append("]\n");
    }
    return s.toString();
  }

  private String mutate(String document) {
    String[] lines = document.split("\n", -1);
    int at = random.nextInt(lines.length);
    Function<String, String> change =
        switch (random.nextInt(5)) {
          case 0 ->
              l -> l.replaceFirst(":\\s.*", Matcher.quoteReplacement(": " + quoted(pick(ATOMS))));
          case 1 -> l -> l + " " + pick(ATOMS);
          case 2 -> l -> "  ".repeat(random.nextInt(8)) + l;
          case 3 -> l -> l.replaceFirst(":\\s.*", Matcher.quoteReplacement(": " + quoted(text())));
          default -> l -> "";
        };
    lines[at] = change.apply(lines[at]);
    return String.join("\n", lines);
  }

  static String quoted(String s) {
    StringBuilder q = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> q.append("\\\"");
        case '\\' -> q.append("\\\\");
        default -> {
          if (c < 0x20) {
            q.append(String.format("\\u%04x", (int) c));
          } else {
            q.append(c);
          }
        }
      }
    }
    return q.append('"').toString();
  }
}
