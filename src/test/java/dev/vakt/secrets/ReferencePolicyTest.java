package dev.vakt.secrets;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vakt.common.SecretRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16 (no path from a login to the host): a technician's document may not make a check send
 * Vakt's own secrets to a host of its choosing, through {@code file:} or {@code env:} references.
 * DPA-3.
 */
class ReferencePolicyTest {

  @TempDir Path tmp;
  Path keys;
  Path data;
  ReferencePolicy policy;

  @BeforeEach
  void setUp() throws Exception {
    keys = Files.createDirectories(tmp.resolve("keys"));
    data = Files.createDirectories(tmp.resolve("data"));
    Files.writeString(keys.resolve("id_ed25519"), "key");
    Files.writeString(data.resolve("master.key"), "master");
    policy = new ReferencePolicy(List.of(keys, tmp), data, List.of("VAKT_", "SPRING_"));
  }

  @Test
  void filesInTheSecretDirectoriesAndOrdinaryVariablesAreAllowed() {
    assertThatCode(() -> policy.check(SecretRef.parse("file:" + keys.resolve("id_ed25519"))))
        .doesNotThrowAnyException();
    assertThatCode(() -> policy.check(SecretRef.parse("env:BDN_SSH_KEY")))
        .doesNotThrowAnyException();
    assertThatCode(() -> policy.check(SecretRef.parse("secret:pve-token")))
        .doesNotThrowAnyException();
  }

  @Test
  void theDataDirectoryIsNeverReadEvenInsideAnAllowedDirectory_DPA3() {
    // data lies inside tmp, which is allowed: the master key stays out all the same.
    assertThatThrownBy(() -> policy.check(SecretRef.parse("file:" + data.resolve("master.key"))))
        .hasMessageContaining("data directory");
  }

  @Test
  void filesOutsideTheSecretDirectoriesAreRefused_DPA3() {
    for (String path : List.of("/proc/self/environ", "/etc/shadow", "/root/.ssh/id_rsa")) {
      assertThatThrownBy(() -> policy.check(SecretRef.parse("file:" + path)))
          .hasMessageContaining("outside the secret directories");
    }
    assertThatThrownBy(
            () -> policy.check(SecretRef.parse("file:" + keys + "/../../../../etc/shadow")))
        .hasMessageContaining("outside");
  }

  @Test
  void aSymbolicLinkCannotLeadOut_DPA3() throws Exception {
    Path link = Files.createSymbolicLink(keys.resolve("innocent"), data.resolve("master.key"));
    assertThatThrownBy(() -> policy.check(SecretRef.parse("file:" + link)))
        .hasMessageContaining("data directory");
  }

  @Test
  void vaktsOwnVariablesAreRefused_DPA3() {
    for (String name : List.of("VAKT_MASTER_KEY", "SPRING_DATASOURCE_PASSWORD")) {
      assertThatThrownBy(() -> policy.check(SecretRef.parse("env:" + name)))
          .hasMessageContaining("Vakt's own configuration");
    }
  }
}
