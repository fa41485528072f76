package dev.vakt.contract;

import static dev.vakt.contract.ContractYaml.BASE_TERMS;
import static dev.vakt.contract.ContractYaml.contract;
import static dev.vakt.contract.ContractYaml.product;
import static dev.vakt.contract.ContractYaml.provider;
import static dev.vakt.contract.ContractYaml.resolver;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** K-2: layers that are valid alone but not together are reported with the layer to blame. */
class UnresolvableTermsTest {

  private static final LocalDate DAY = LocalDate.parse("2024-03-01");

  @DisplayName("K-2: provider interval 1m with a contract timeout of 5m is refused")
  @Test
  void timeoutLongerThanInterval() {
    TermsResolver r =
        resolver(
            provider("bdn", 1, "2024-01-01", BASE_TERMS + "monitoring:\n  interval: 1m\n"),
            product("basic", 1, "2024-01-01", null),
            contract(
                "c-1", 1, "2024-01-01", "basic", "2024-01-01", "monitoring:\n  timeout: 5m\n"));
    assertThatThrownBy(() -> r.resolve("c-1", DAY))
        .isInstanceOfSatisfying(
            TermsResolver.UnresolvableTerms.class,
            e -> {
              assertThat(e.problem().field()).isEqualTo("/monitoring/timeout");
              assertThat(e.problem().reason())
                  .isEqualTo("must not be longer than the interval (1m)");
              assertThat(e.problem().file()).isEqualTo("terms of contract c-1 on 2024-03-01");
              assertThat(e.setBy()).contains("Contract c-1 v1");
              assertThat(e.getMessage()).contains("/monitoring/timeout");
            });
  }

  @DisplayName("K-2: the layer blamed is the one that set the offending field")
  @Test
  void blamesTheLayerThatSetTheField() {
    TermsResolver r =
        resolver(
            provider(
                "bdn",
                1,
                "2024-01-01",
                BASE_TERMS + "monitoring:\n  thresholds:\n    diskWarning: 90\n"),
            product("basic", 1, "2024-01-01", "monitoring:\n  thresholds:\n    diskCritical: 85\n"),
            contract("c-1", 1, "2024-01-01", "basic", "2024-01-01", null));
    assertThatThrownBy(() -> r.resolve("c-1", DAY))
        .isInstanceOfSatisfying(
            TermsResolver.UnresolvableTerms.class,
            e -> {
              assertThat(e.problem().field()).isEqualTo("/monitoring/thresholds/diskWarning");
              assertThat(e.problem().reason())
                  .isEqualTo("the warning level (90 %) is above the critical level (85 %)");
              assertThat(e.setBy()).contains("Provider bdn v1");
            });
  }

  @DisplayName("K-1, K-2: the clash exists only from the day the clashing version applies")
  @Test
  void onlyFromTheClashingVersion() {
    TermsResolver r =
        resolver(
            provider("bdn", 1, "2024-01-01", BASE_TERMS + "monitoring:\n  interval: 10m\n"),
            provider("bdn", 2, "2024-07-01", BASE_TERMS + "monitoring:\n  interval: 1m\n"),
            product("basic", 1, "2024-01-01", null),
            contract(
                "c-1", 1, "2024-01-01", "basic", "2024-01-01", "monitoring:\n  timeout: 5m\n"));
    assertThat(r.resolve("c-1", LocalDate.parse("2024-06-30")).orElseThrow().terms().monitoring())
        .satisfies(
            m -> {
              assertThat(m.interval()).isEqualTo(Duration.ofMinutes(10));
              assertThat(m.timeout()).isEqualTo(Duration.ofMinutes(5));
            });
    assertThatThrownBy(() -> r.resolve("c-1", LocalDate.parse("2024-07-01")))
        .isInstanceOf(TermsResolver.UnresolvableTerms.class);
  }

  @DisplayName("K-2: a sub-second timeout set by the provider survives the merge")
  @Test
  void subSecondTimeoutSurvivesMerge() {
    TermsResolver r =
        resolver(
            provider(
                "bdn",
                1,
                "2024-01-01",
                BASE_TERMS + "monitoring:\n  interval: 1m\n  timeout: PT0.5S\n"),
            product("basic", 1, "2024-01-01", null),
            contract("c-1", 1, "2024-01-01", "basic", "2024-01-01", null));
    assertThat(r.resolve("c-1", DAY).orElseThrow().terms().monitoring().timeout())
        .isEqualTo(Duration.ofMillis(500));
  }
}
