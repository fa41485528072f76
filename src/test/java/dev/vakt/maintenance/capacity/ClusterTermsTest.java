package dev.vakt.maintenance.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.common.Percent;
import dev.vakt.contract.CapacityTerms;
import dev.vakt.contract.ResolvedTerms;
import dev.vakt.contract.Terms;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The capacity terms of a cluster whose nodes fall under several contracts (issue 18, K-2). */
class ClusterTermsTest {

  private static ResolvedTerms of(String contract, CapacityTerms c) {
    Terms t =
        new Terms(
            null, null, null, null, null, null, null, null, null, c, null, null, null, null, null,
            null, null, null);
    return new ResolvedTerms(contract, "cust", "p", null, List.of(), t, java.util.Map.of());
  }

  @Test
  void k2_nodesUnderTwoContractsAreHeldToTheStrictestOfEach_MNT8_SLA9() {
    ClusterTerms t =
        ClusterTerms.of(
            Arrays.asList(
                of(
                    "b",
                    new CapacityTerms(
                        true,
                        new BigDecimal("4.0"),
                        new BigDecimal("1.5"),
                        Percent.of("90"),
                        true)),
                of(
                    "a",
                    new CapacityTerms(
                        false,
                        new BigDecimal("2.0"),
                        new BigDecimal("2.0"),
                        Percent.of("80"),
                        false)),
                null));
    assertThat(t.contract()).isEqualTo("a, b");
    assertThat(t.capacity().nMinusOne()).isTrue();
    assertThat(t.capacity().cpuOvercommit()).isEqualByComparingTo("2.0");
    assertThat(t.capacity().ramOvercommit()).isEqualByComparingTo("1.5");
    assertThat(t.capacity().storageMaxUsed()).isEqualTo(Percent.of("80"));
    assertThat(t.capacity().shortfallIsCustomerResponsibility()).isFalse();
  }

  @Test
  void k2_aRatioOneContractLeavesOutMeansNoOvercommit_MNT8() {
    ClusterTerms t =
        ClusterTerms.of(
            List.of(
                of("a", new CapacityTerms(null, new BigDecimal("4.0"), null, null, null)),
                of("b", new CapacityTerms(null, null, new BigDecimal("2.0"), null, null))));
    assertThat(t.capacity().cpuOvercommit()).isNull();
    assertThat(t.capacity().ramOvercommit()).isNull();
    assertThat(t.capacity().nMinusOne()).isNull();
  }

  @Test
  void oneContractsTermsApplyAsTheyAre_MNT8() {
    CapacityTerms c =
        new CapacityTerms(true, new BigDecimal("4.0"), BigDecimal.ONE, Percent.of("80"), true);
    ClusterTerms t = ClusterTerms.of(List.of(of("c", c)));
    assertThat(t.contract()).isEqualTo("c");
    assertThat(t.capacity()).isEqualTo(c);
    assertThat(ClusterTerms.of(List.of()).capacity()).isNull();
  }
}
