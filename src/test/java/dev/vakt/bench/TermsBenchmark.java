package dev.vakt.bench;

import dev.vakt.catalog.Catalog;
import dev.vakt.contract.TermsResolver;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * Measures the contract engine on a synthetic provider: reading and validating a whole set of
 * documents (what {@code vakt validate} and {@code vakt import} do), and answering "which terms
 * applied to contract C on day D" for every contract. Run with {@code bench/terms.sh [customers]
 * [runs]}.
 *
 * <p>Not a unit test: timing belongs here, not in the test suite.
 */
public final class TermsBenchmark {

  private TermsBenchmark() {}

  public static void main(String[] args) {
    int customers = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    String yaml = SyntheticProvider.yaml(customers);
    System.out.printf(
        "synthetic provider: %,d customers, %,d documents, %,d KiB of YAML%n",
        customers, SyntheticProvider.documents(customers), yaml.length() / 1024);

    double[] validate = new double[runs];
    double[] resolveAll = new double[runs];
    double[] perContractP99 = new double[runs];
    for (int run = 0; run < runs; run++) {
      long t0 = System.nanoTime();
      Catalog catalog = Catalog.read("synthetic.yaml", yaml);
      validate[run] = (System.nanoTime() - t0) / 1e6;
      if (!catalog.ok()) {
        throw new IllegalStateException("synthetic data invalid: " + catalog.problems().getFirst());
      }
      TermsResolver resolver = new TermsResolver(catalog.terms());
      LocalDate day = LocalDate.of(2025, 6, 1);
      long[] each = new long[customers];
      long t1 = System.nanoTime();
      for (int i = 0; i < customers; i++) {
        long s = System.nanoTime();
        resolver.resolve(SyntheticProvider.contractId(i), day).orElseThrow();
        each[i] = System.nanoTime() - s;
      }
      resolveAll[run] = (System.nanoTime() - t1) / 1e6;
      Arrays.sort(each);
      perContractP99[run] = each[(int) (customers * 0.99)] / 1e3;
      System.out.printf(
          "run %d: read+validate %.0f ms, resolve all %.0f ms (p50 %.0f us, p99 %.0f us per contract)%n",
          run + 1, validate[run], resolveAll[run], each[customers / 2] / 1e3, perContractP99[run]);
    }
    System.out.printf(
        "median of %d runs: read+validate %.0f ms [%.0f-%.0f], resolve all %.0f ms [%.0f-%.0f], p99 %.0f us%n",
        runs,
        median(validate),
        min(validate),
        max(validate),
        median(resolveAll),
        min(resolveAll),
        max(resolveAll),
        median(perContractP99));
  }

  private static double median(double[] v) {
    double[] c = v.clone();
    Arrays.sort(c);
    return c[c.length / 2];
  }

  private static double min(double[] v) {
    return Arrays.stream(v).min().orElse(0);
  }

  private static double max(double[] v) {
    return Arrays.stream(v).max().orElse(0);
  }
}
