package dev.vakt.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * K-1: for generated dates, the resolver uses the version in effect on the day, and a contract or
 * special agreement only while it runs. Documents are built directly, without YAML.
 */
class TermsResolverVersionProperties {

  private static final LocalDate BASE = LocalDate.of(2020, 1, 1);

  private static LocalDate day(int offset) {
    return BASE.plusDays(offset);
  }

  private static Terms attempts(Integer n) {
    MonitoringTerms m =
        new MonitoringTerms(null, null, n, null, null, null, null, null, null, null, null);
    return new Terms(
        null, null, null, null, null, null, m, null, null, null, null, null, null, null, null, null,
        null, null);
  }

  private static ProviderDocument provider(int version, int from, Integer maxAttempts) {
    return new ProviderDocument(
        "bdn", version, day(from), "BDNORDIC ApS", null, null, attempts(maxAttempts));
  }

  private static ProductDocument product() {
    return new ProductDocument(
        "basic", 1, BASE, "bdn", "Basic", null, null, null, null, Terms.empty());
  }

  private static ContractDocument contract(
      int version, int from, int start, Integer end, Integer maxAttempts) {
    return new ContractDocument(
        "c-1",
        version,
        day(from),
        "bdn",
        "acme",
        "basic",
        null,
        day(start),
        end == null ? null : day(end),
        null,
        null,
        attempts(maxAttempts));
  }

  private static Integer maxAttempts(ResolvedTerms r) {
    return r.terms().monitoring() == null ? null : r.terms().monitoring().maxAttempts();
  }

  private static List<TermsDocument> maybeReversed(List<TermsDocument> docs, boolean reversed) {
    List<TermsDocument> out = new ArrayList<>(docs);
    if (reversed) {
      Collections.reverse(out);
    }
    return out;
  }

  @Property
  @Label("K-1: of two provider versions, the one in effect on the day applies")
  void twoProviderVersions(
      @ForAll @IntRange(min = 0, max = 3000) int first,
      @ForAll @IntRange(min = 1, max = 3000) int gap,
      @ForAll @IntRange(min = 0, max = 7000) int asked,
      @ForAll boolean reversed) {
    int second = first + gap;
    TermsResolver resolver =
        new TermsResolver(
            maybeReversed(
                List.of(
                    provider(1, first, 1),
                    provider(2, second, 2),
                    product(),
                    contract(1, 0, 0, null, null)),
                reversed));
    ResolvedTerms r = resolver.resolve("c-1", day(asked)).orElseThrow();
    Integer expected = asked < first ? null : asked < second ? 1 : 2;
    assertThat(maxAttempts(r)).isEqualTo(expected);
    assertThat(
            r.layers().stream()
                .filter(l -> l.kind().equals("Provider"))
                .map(l -> l.version())
                .toList())
        .isEqualTo(expected == null ? List.of() : List.of(expected));
  }

  @Property
  @Label("K-1: of any number of contract versions, the latest that took effect by the day applies")
  void manyContractVersions(
      @ForAll @Size(min = 1, max = 6) Set<@IntRange(min = 0, max = 2000) Integer> froms,
      @ForAll @IntRange(min = 0, max = 2500) int asked,
      @ForAll boolean reversed) {
    List<Integer> sorted = new ArrayList<>(new TreeSet<>(froms));
    List<TermsDocument> docs = new ArrayList<>(List.of(provider(1, 0, null), product()));
    for (int i = 0; i < sorted.size(); i++) {
      docs.add(contract(i + 1, sorted.get(i), 0, null, i + 1));
    }
    Optional<ResolvedTerms> r =
        new TermsResolver(maybeReversed(docs, reversed)).resolve("c-1", day(asked));
    int inEffect = (int) sorted.stream().filter(f -> f <= asked).count();
    if (inEffect == 0) {
      assertThat(r).isEmpty();
    } else {
      assertThat(maxAttempts(r.orElseThrow())).isEqualTo(inEffect);
      assertThat(r.orElseThrow().layers().getLast().label()).isEqualTo("Contract c-1 v" + inEffect);
    }
  }

  @Property
  @Label("K-1: a later version never changes the terms of a day before it takes effect")
  void neverRewritesHistory(
      @ForAll @IntRange(min = 0, max = 1000) int first,
      @ForAll @IntRange(min = 1, max = 1000) int gap,
      @ForAll @IntRange(min = 0, max = 2000) int asked) {
    int second = first + gap;
    List<TermsDocument> before =
        List.of(provider(1, 0, 1), product(), contract(1, first, 0, null, 5));
    List<TermsDocument> after = new ArrayList<>(before);
    after.add(contract(2, second, 0, null, 6));
    after.add(provider(2, second, 2));
    Optional<ResolvedTerms> old = new TermsResolver(before).resolve("c-1", day(asked));
    Optional<ResolvedTerms> now = new TermsResolver(after).resolve("c-1", day(asked));
    if (asked < second) {
      assertThat(now).isEqualTo(old);
    } else {
      assertThat(now.map(TermsResolverVersionProperties::maxAttempts)).contains(6);
    }
  }

  @Property
  @Label("K-1: a contract has terms exactly from its start to its end")
  void contractRuns(
      @ForAll @IntRange(min = 0, max = 1000) int start,
      @ForAll @IntRange(min = -1, max = 1000) int length,
      @ForAll @IntRange(min = 0, max = 2500) int asked) {
    Integer end = length < 0 ? null : start + length;
    TermsResolver resolver =
        new TermsResolver(
            List.of(provider(1, 0, 1), product(), contract(1, start, start, end, null)));
    boolean runs = asked >= start && (end == null || asked <= end);
    assertThat(resolver.resolve("c-1", day(asked)).isPresent()).isEqualTo(runs);
    assertThat(resolver.forCustomer("acme", day(asked)).size()).isEqualTo(runs ? 1 : 0);
  }

  @Property
  @Label("K-1, K-2: a special agreement applies from its date to its until, and then wins")
  void specialAgreementWindow(
      @ForAll @IntRange(min = 0, max = 1000) int from,
      @ForAll @IntRange(min = -1, max = 1000) int length,
      @ForAll @IntRange(min = 0, max = 2500) int asked) {
    LocalDate until = length < 0 ? null : day(from + length);
    SpecialAgreementDocument sa =
        new SpecialAgreementDocument("sa-1", 1, day(from), until, "c-1", "e-mail", attempts(9));
    TermsResolver resolver =
        new TermsResolver(List.of(provider(1, 0, 1), product(), contract(1, 0, 0, null, 5), sa));
    boolean applies = asked >= from && (until == null || !day(asked).isAfter(until));
    assertThat(maxAttempts(resolver.resolve("c-1", day(asked)).orElseThrow()))
        .isEqualTo(applies ? 9 : 5);
  }
}
