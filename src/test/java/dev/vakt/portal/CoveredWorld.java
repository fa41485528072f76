package dev.vakt.portal;

import dev.vakt.catalog.Catalog;
import dev.vakt.catalog.CatalogService;

/**
 * A small provider in Oslo for the portal's coverage tests (issue 18), after {@code
 * coverage.CoverageWorld}, every id prefixed so tests sharing the database stay apart:
 *
 * <ul>
 *   <li>{@code P-acme}: a hosting contract (version 2 from 2026-01-01, K-1) whose line {@code web}
 *       covers server {@code P-web}, and a colocation contract whose line {@code box} covers the
 *       customer's own server {@code P-box};
 *   <li>{@code P-solo}: one contract without lines;
 *   <li>{@code P-nina}: a VPS contract covering {@code P-vps} and a domain contract covering no
 *       server (K-2), with a registered e-mail;
 *   <li>{@code P-ended}: one contract that ended on 2026-04-30, with a registered e-mail.
 * </ul>
 */
final class CoveredWorld {

  private CoveredWorld() {}

  static String yaml(String p) {
    return """
        apiVersion: vakt/v1
        kind: Provider
        id: $P
        version: 1
        effectiveFrom: 2024-01-01
        name: Provider $P
        country: "NO"
        terms:
          timeZone: Europe/Oslo
          currency: NOK
          language: nb
          holidays: "NO"
          sla: { uptime: { target: 99.9, measurement: { period: calendar-months, length: 1 } } }
        ---
        apiVersion: vakt/v1
        kind: Product
        id: $P-hosting
        version: 1
        effectiveFrom: 2024-01-01
        provider: $P
        name: Hosting
        prices: { NOK: 1000.00 NOK }
        ---
        apiVersion: vakt/v1
        kind: Product
        id: $P-colo
        version: 1
        effectiveFrom: 2024-01-01
        provider: $P
        name: Colocation
        prices: { NOK: 500.00 NOK }
        ---
        apiVersion: vakt/v1
        kind: Product
        id: $P-domain
        version: 1
        effectiveFrom: 2024-01-01
        provider: $P
        name: Domain
        prices: { NOK: 149.00 NOK }
        ---
        apiVersion: vakt/v1
        kind: Contract
        id: $P-acme-hosting
        version: 1
        effectiveFrom: 2024-01-01
        provider: $P
        customer: $P-acme
        product: $P-hosting
        start: 2024-01-01
        lines:
          - { id: web, servers: [$P-web], price: 900.00 NOK, clause: "Hosting 1.1" }
        ---
        apiVersion: vakt/v1
        kind: Contract
        id: $P-acme-hosting
        version: 2
        effectiveFrom: 2026-01-01
        provider: $P
        customer: $P-acme
        product: $P-hosting
        start: 2024-01-01
        lines:
          - { id: web, servers: [$P-web], quantity: 2, price: 950.00 NOK, clause: "Hosting 1.1, 2026" }
        ---
        apiVersion: vakt/v1
        kind: Contract
        id: $P-acme-colo
        version: 1
        effectiveFrom: 2024-01-01
        provider: $P
        customer: $P-acme
        product: $P-colo
        start: 2024-01-01
        lines:
          - { id: box, servers: [$P-box], clause: "Colocation 2" }
        ---
        apiVersion: vakt/v1
        kind: Contract
        id: $P-solo-hosting
        version: 1
        effectiveFrom: 2024-01-01
        provider: $P
        customer: $P-solo
        product: $P-hosting
        start: 2024-01-01
        ---
        apiVersion: vakt/v1
        kind: Contract
        id: $P-nina-vps
        version: 1
        effectiveFrom: 2024-01-01
        provider: $P
        customer: $P-nina
        product: $P-hosting
        start: 2024-01-01
        lines:
          - { id: vps, servers: [$P-vps], clause: "VPS" }
        ---
        apiVersion: vakt/v1
        kind: Contract
        id: $P-nina-domain
        version: 1
        effectiveFrom: 2024-01-01
        provider: $P
        customer: $P-nina
        product: $P-domain
        start: 2024-01-01
        lines:
          - { id: domain, clause: "One .no name" }
        ---
        apiVersion: vakt/v1
        kind: Contract
        id: $P-ended-hosting
        version: 1
        effectiveFrom: 2024-01-01
        provider: $P
        customer: $P-ended
        product: $P-hosting
        start: 2024-01-01
        end: 2026-04-30
        ---
        apiVersion: vakt/v1
        kind: Inventory
        provider: $P
        customers:
          - { id: $P-acme, name: Acme AS, country: "NO", language: nb }
          - { id: $P-solo, name: Solo AS, country: "NO", language: nb }
          - { id: $P-nina, name: Nina Hansen, country: "NO", language: nb, email: nina@p.example }
          - { id: $P-ended, name: Ended AS, country: "NO", language: nb, email: post@ended.example }
        servers:
          - { id: $P-web, customer: $P-acme, kind: dedicated, ownership: provider, address: 127.0.0.1 }
          - { id: $P-box, customer: $P-acme, kind: colocation, ownership: customer, address: 127.0.0.1 }
          - { id: $P-solo1, customer: $P-solo, kind: vps, ownership: provider, address: 127.0.0.1 }
          - { id: $P-vps, customer: $P-nina, kind: vps, ownership: provider, address: 127.0.0.1 }
          - { id: $P-old, customer: $P-ended, kind: vps, ownership: provider, address: 127.0.0.1 }
        services:
          - { id: $P-https, server: $P-web, type: tcp, port: 443, installedBy: provider }
          - { id: $P-box-ping, server: $P-box, type: ping, installedBy: customer }
          - { id: $P-solo-https, server: $P-solo1, type: tcp, port: 443, installedBy: provider }
          - { id: $P-vps-ping, server: $P-vps, type: ping, installedBy: provider }
          - { id: $P-old-ping, server: $P-old, type: ping, installedBy: provider }
        """
        .replace("$P", p);
  }

  /** Imports the world of prefix {@code p} (again: unchanged). */
  static void importWorld(CatalogService catalog, String p) {
    Catalog c = catalog.read(p + ".yaml", yaml(p));
    if (!c.ok()) {
      throw new AssertionError(c.problems().toString());
    }
    catalog.importCatalog(c, "test");
  }
}
