package dev.vakt.maintenance;

import java.time.Instant;

/**
 * A small Oslo provider for maintenance's coverage tests (issue 18), after {@code
 * coverage.CoverageWorld}, every id prefixed with {@code P} so tests sharing the database stay
 * apart. Customer {@code P-acme} has two contracts; their ids sort so that the colocation contract
 * comes first, as the old "first contract that sets it" rules took it:
 *
 * <ul>
 *   <li>{@code P-a-colo}: line {@code box} covers the customer's own server {@code P-box} (service
 *       {@code P-box-ping}); 7 days' maintenance notice, no patch management, no self-service
 *       restart;
 *   <li>{@code P-b-hosting}: line {@code web} covers the dedicated server {@code P-web} (service
 *       {@code P-https}); patch management and self-service restart; version 1: 2 days' notice,
 *       postponing updates not allowed; version 2 from 2026-01-01 (K-1): 1 day's notice, postponing
 *       allowed.
 * </ul>
 */
public final class CoveredMaintenanceWorld {

  /** 00:30 on 2026-01-01 in Oslo, still 2025-12-31 in UTC. */
  public static final Instant OSLO_NEW_YEAR = Instant.parse("2025-12-31T23:30:00Z");

  private CoveredMaintenanceWorld() {}

  /** The documents for prefix {@code p}. */
  public static String yaml(String p) {
    return dev.vakt.coverage.OsloHosting.head(
            p, "{ timeZone: Europe/Oslo, currency: NOK, language: nb, holidays: \"NO\" }")
        + """
        apiVersion: vakt/v1
        kind: Contract
        id: %1$s-a-colo
        version: 1
        effectiveFrom: 2024-01-01
        provider: %1$s
        customer: %1$s-acme
        product: %1$s-colo
        start: 2024-01-01
        lines:
          - { id: box, servers: [%1$s-box], clause: "Colocation 2" }
        terms:
          alerting: { maintenanceNotice: 7d }
        ---
        apiVersion: vakt/v1
        kind: Contract
        id: %1$s-b-hosting
        version: 1
        effectiveFrom: 2024-01-01
        provider: %1$s
        customer: %1$s-acme
        product: %1$s-hosting
        start: 2024-01-01
        lines:
          - { id: web, servers: [%1$s-web], clause: "Hosting 1.1" }
        terms:
          alerting: { maintenanceNotice: 2d }
          maintenance:
            patching: { stableAfter: 3d, postponementAllowed: false }
            restart: { selfService: true }
        ---
        apiVersion: vakt/v1
        kind: Contract
        id: %1$s-b-hosting
        version: 2
        effectiveFrom: 2026-01-01
        provider: %1$s
        customer: %1$s-acme
        product: %1$s-hosting
        start: 2024-01-01
        lines:
          - { id: web, servers: [%1$s-web], clause: "Hosting 1.1" }
        terms:
          alerting: { maintenanceNotice: 1d }
          maintenance:
            patching: { stableAfter: 3d, postponementAllowed: true }
            restart: { selfService: true }
        ---
        apiVersion: vakt/v1
        kind: Inventory
        provider: %1$s
        customers:
          - id: %1$s-acme
            name: Acme AS
            language: nb
            contacts: [{ name: Kari Nordmann, email: kari@acme.example }]
        servers:
          - { id: %1$s-web, customer: %1$s-acme, kind: dedicated, ownership: provider, address: 127.0.0.1 }
          - { id: %1$s-box, customer: %1$s-acme, kind: colocation, ownership: customer, address: 127.0.0.2 }
        services:
          - { id: %1$s-https, server: %1$s-web, type: tcp, port: 443, installedBy: provider, monitored: false }
          - { id: %1$s-box-ping, server: %1$s-box, type: ping, installedBy: customer, monitored: false }
        """
            .formatted(p);
  }
}
