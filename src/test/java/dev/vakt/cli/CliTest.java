package dev.vakt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.IntegrationTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code vakt} command end to end. The commands that need the database start their own
 * application context, which joins the embedded PostgreSQL the test application already runs, just
 * as {@code vakt import} joins a running {@code vakt serve}.
 */
class CliTest extends IntegrationTest {

  record Run(int code, String out, String err) {}

  static Run vakt(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Cli.run(args, new PrintStream(out, true), new PrintStream(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void importThenAskWhichTermsAppliedThenExport_K1_K2(@TempDir Path tmp) throws Exception {
    Run imported = vakt("import", "examples/bdn");
    assertThat(imported.code()).as(imported.err()).isZero();
    assertThat(imported.out()).contains("Contract bdn-c-1001 v2");

    Run again = vakt("import", "examples/bdn");
    assertThat(again.code()).isZero();
    assertThat(again.out()).contains("unchanged Contract bdn-c-1001 v2").doesNotContain("stored ");

    Run before = vakt("terms", "bdn-skovly", "2025-06-01");
    assertThat(before.code()).as(before.err()).isZero();
    assertThat(before.out()).contains("contract: \"bdn-c-1001\"").contains("version: 1");
    Run after = vakt("terms", "bdn-skovly", "2026-06-01");
    assertThat(after.out()).contains("version: 2");

    Path file = tmp.resolve("export.yaml");
    Run export = vakt("export", "--out", file.toString());
    assertThat(export.code()).isZero();
    assertThat(Files.readString(file)).contains("kind: \"Provider\"").contains("id: \"bdn\"");
  }

  @Test
  void badInputIsReportedWithoutAStackTrace(@TempDir Path tmp) throws Exception {
    Path bad = tmp.resolve("bad.yaml");
    Files.writeString(
        bad,
        "apiVersion: vakt/v1\nkind: Provider\nid: x\nversion: 1\neffectiveFrom: 2024-13-01\nname: X\n");
    Run validate = vakt("validate", bad.toString());
    assertThat(validate.code()).isEqualTo(1);
    assertThat(validate.err())
        .startsWith(bad + ":5:1: /effectiveFrom: ")
        .doesNotContain("Exception")
        .doesNotContain("\tat ");

    Run imported = vakt("import", bad.toString());
    assertThat(imported.code()).isEqualTo(1);
    assertThat(imported.err()).contains("nothing was imported").doesNotContain("\tat ");

    assertThat(vakt("validate", tmp.resolve("missing.yaml").toString()).err())
        .contains("no such file or directory");
    assertThat(vakt("frobnicate").code()).isEqualTo(2);
    assertThat(vakt("terms", "bdn-skovly", "June").err()).contains("is not a date");
  }

  @Test
  void joinsTheRunningDatabaseOnlyWithTheGeneratedPassword_F3_DPA3(@TempDir Path tmp)
      throws Exception {
    // The embedded PostgreSQL trusts no one (ADR 0016): a command joining it authenticates with
    // the password kept in the data directory, and a wrong one is refused.
    Path file =
        Path.of(System.getProperty("vakt.data-dir", "data"), "pg-secrets", "vakt_app.password");
    String right = Files.readString(file);
    try {
      Files.writeString(file, "not-the-password");
      Run refused = vakt("export", "--out", tmp.resolve("refused.yaml").toString());
      assertThat(refused.code()).isNotZero();
      assertThat(refused.err()).contains("password authentication failed");
    } finally {
      Files.writeString(file, right);
    }
    Run joined = vakt("export", "--out", tmp.resolve("joined.yaml").toString());
    assertThat(joined.code()).as(joined.err()).isZero();
  }
}
