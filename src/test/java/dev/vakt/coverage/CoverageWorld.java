package dev.vakt.coverage;

/**
 * A small provider in Oslo, as documents: customer {@code acme} with a hosting and a colocation
 * contract, customer {@code solo} with one contract and no lines. Tests replace pieces of it.
 */
final class CoverageWorld {

  private CoverageWorld() {}

  static final String TERMS =
      """
      apiVersion: vakt/v1
      kind: Provider
      id: p
      version: 1
      effectiveFrom: 2024-01-01
      name: Provider
      country: "NO"
      terms:
        timeZone: Europe/Oslo
        currency: NOK
        language: nb
        holidays: "NO"
        monitoring: { interval: 60s, timeout: 10s, maxAttempts: 3, retryInterval: 10s }
      ---
      apiVersion: vakt/v1
      kind: Product
      id: hosting
      version: 1
      effectiveFrom: 2024-01-01
      provider: p
      name: Hosting
      prices: { NOK: 1000.00 NOK }
      ---
      apiVersion: vakt/v1
      kind: Product
      id: colo
      version: 1
      effectiveFrom: 2024-01-01
      provider: p
      name: Colocation
      prices: { NOK: 500.00 NOK }
      ---
      apiVersion: vakt/v1
      kind: Contract
      id: acme-hosting
      version: 1
      effectiveFrom: 2024-01-01
      provider: p
      customer: acme
      product: hosting
      start: 2024-01-01
      lines:
        - { id: web, servers: [acme-web], clause: "Hosting 1.1" }
      ---
      apiVersion: vakt/v1
      kind: Contract
      id: acme-colo
      version: 1
      effectiveFrom: 2024-01-01
      provider: p
      customer: acme
      product: colo
      start: 2024-01-01
      lines:
        - { id: box, servers: [acme-box], clause: "Colocation 2" }
      ---
      apiVersion: vakt/v1
      kind: Contract
      id: solo-hosting
      version: 1
      effectiveFrom: 2024-01-01
      provider: p
      customer: solo
      product: hosting
      start: 2024-01-01
      """;

  static final String INVENTORY =
      """
      ---
      apiVersion: vakt/v1
      kind: Inventory
      provider: p
      customers:
        - { id: acme, name: Acme AS, country: "NO", language: nb }
        - { id: solo, name: Solo AS, country: "NO", language: nb }
      servers:
        - { id: acme-web, customer: acme, kind: dedicated, ownership: provider, address: 127.0.0.1 }
        - { id: acme-box, customer: acme, kind: colocation, ownership: customer, address: 127.0.0.2 }
        - { id: solo-web, customer: solo, kind: vps, ownership: provider, address: 127.0.0.3 }
      services:
        - { id: acme-https, server: acme-web, type: tcp, port: 443, installedBy: provider }
        - { id: acme-box-ping, server: acme-box, type: ping, installedBy: customer }
        - { id: solo-https, server: solo-web, type: tcp, port: 443, installedBy: provider }
      """;

  static String world() {
    return TERMS + INVENTORY;
  }

  /** The world with every id prefixed, for tests that share one database. */
  static String world(String prefix) {
    return world()
        .replace("id: p\n", "id: " + prefix + "p\n")
        .replace("provider: p\n", "provider: " + prefix + "p\n")
        .replaceAll("\\b(acme|solo|hosting|colo)\\b", prefix + "$1");
  }
}
