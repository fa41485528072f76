package dev.vakt.coverage;

/**
 * The head of the small worlds the coverage tests of several engines share (issue 18): a provider
 * in Oslo with a hosting and a colocation product, ids prefixed so tests can share one database.
 * Each test adds its own contracts and inventory.
 */
public final class OsloHosting {

  private OsloHosting() {}

  /**
   * @param p the provider id, also the prefix of the products' ids
   * @param terms the provider's terms as a YAML flow mapping
   * @return the provider and the products {@code p-hosting} and {@code p-colo}, ending with a
   *     document separator
   */
  public static String head(String p, String terms) {
    return """
        apiVersion: vakt/v1
        kind: Provider
        id: %1$s
        version: 1
        effectiveFrom: 2024-01-01
        name: Drift AS
        country: "NO"
        terms: %2$s
        ---
        apiVersion: vakt/v1
        kind: Product
        id: %1$s-hosting
        version: 1
        effectiveFrom: 2024-01-01
        provider: %1$s
        name: Hosting
        ---
        apiVersion: vakt/v1
        kind: Product
        id: %1$s-colo
        version: 1
        effectiveFrom: 2024-01-01
        provider: %1$s
        name: Colocation
        ---
        """
        .formatted(p, terms);
  }
}
