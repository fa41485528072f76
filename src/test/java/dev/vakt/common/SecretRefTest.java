package dev.vakt.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** K-1: contract and inventory documents hold references to secrets, never the secrets. */
class SecretRefTest {

  private static final String PLAIN_TEXT =
      "a secret is given by reference, never in plain text: write env:VARIABLE, file:/path or"
          + " secret:name";

  @DisplayName("env:, file: and secret: references")
  @ParameterizedTest(name = "''{0}''")
  @CsvSource({
    "env:VAKT_SSH_KEY, env, VAKT_SSH_KEY",
    "env:_x1, env, _x1",
    "file:/etc/vakt/keys/id_ed25519, file, /etc/vakt/keys/id_ed25519",
    "file:/a:b, file, /a:b",
    "secret:bdn-idrac, secret, bdn-idrac",
    "secret:ssh.key_2, secret, ssh.key_2"
  })
  void parses(String text, String scheme, String name) {
    SecretRef ref = SecretRef.parse(text);
    assertThat(ref.scheme()).isEqualTo(scheme);
    assertThat(ref.name()).isEqualTo(name);
    assertThat(ref).hasToString(text);
    assertThat(SecretRef.parse(ref.toString())).isEqualTo(ref);
  }

  @DisplayName("a password written in plain text, or an unknown scheme, is refused")
  @ParameterizedTest(name = "''{0}''")
  @ValueSource(strings = {"hunter2", ":hunter2", "vault:x", "ENV:X", "https://x", "password:x"})
  @NullAndEmptySource
  void refusesPlainText(String text) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> SecretRef.parse(text))
        .withMessage(PLAIN_TEXT);
  }

  @DisplayName("each scheme's own rule")
  @ParameterizedTest(name = "''{0}''")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "env:|the secret reference names nothing after 'env:'",
        "`file:  `|the secret reference names nothing after 'file:'",
        "secret:|the secret reference names nothing after 'secret:'",
        "env:1ABC|'1ABC' is not an environment variable name",
        "env:MY-KEY|'MY-KEY' is not an environment variable name",
        "file:keys/id|file: secrets need an absolute path, e.g. file:/etc/vakt/keys/id_ed25519",
        "secret:Bad|secret: 'Bad' is not a valid id: use 1-63 lower-case letters, digits, '.', '_'"
            + " or '-', starting with a letter or digit"
      })
  void refusesBadNames(String text, String message) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> SecretRef.parse(text))
        .withMessage(message);
  }
}
