package dev.vakt.bench;

/**
 * A provider set-up of any size for benchmarks: one provider with full terms, three products, one
 * contract per customer (every fourth with a second version), a special agreement for every tenth,
 * and the inventory (a server and two services per customer, all on loopback).
 */
final class SyntheticProvider {

  private SyntheticProvider() {}

  static String contractId(int i) {
    return "c-" + i;
  }

  static int documents(int customers) {
    return 1 + 3 + customers + customers / 4 + customers / 10 + 1;
  }

  static String yaml(int customers) {
    StringBuilder y = new StringBuilder(customers * 900);
    y.append(
        """
        apiVersion: vakt/v1
        kind: Provider
        id: bench
        version: 1
        effectiveFrom: 2024-01-01
        name: Bench Hosting AS
        country: NO
        terms:
          timeZone: Europe/Oslo
          currency: NOK
          language: nb
          holidays: NO
          openingHours: [{ days: every-day, from: "00:00", to: "24:00" }]
          sla:
            uptime: { target: 99.9, measurement: { period: consecutive-months, length: 3 }, basis: always, credit: { kind: none } }
            minimumMtbf: 360d
            maxRestoreTime: 48h
            excluded: [customer-caused, customer-software, manufacturer, external-attack, planned-maintenance, security-disconnect, unmonitored]
          monitoring: { interval: 1m, timeout: 10s, maxAttempts: 3, retryInterval: 20s, services: [http, ssh, smtp] }
          maintenance:
            windows:
              - { name: service-window, kind: scheduled, schedule: [{ days: [sat], from: "00:00", to: "09:00" }] }
              - { name: unscheduled, kind: unscheduled, notice: 0s, schedule: [{ days: every-day, from: "20:00", to: "06:00", endsNextDay: true }] }
          support:
            hours: [{ days: mon-thu, from: "08:00", to: "21:00" }, { days: fri, from: "08:00", to: "15:00" }]
            rates: [{ name: standard, price: 1000.00 NOK, per: 1h, increment: 15m, freeUpTo: 5m }]
          billing: { minimumTerm: 12 months, autoRenew: true, rounding: { increment: 1.00, mode: half-up } }
        """);
    for (String p : new String[] {"basic", "standard", "plus"}) {
      y.append(
          """
          ---
          apiVersion: vakt/v1
          kind: Product
          id: bench-%1$s
          version: 1
          effectiveFrom: 2024-01-01
          provider: bench
          name: Managed %1$s
          prices: { NOK: 1295.00 NOK, EUR: 115.00 EUR }
          terms:
            sla: { availability: { target: 99.995, measurement: { period: trailing-days, length: 30 }, credit: { kind: whole-days-until-met } } }
          """
              .formatted(p));
    }
    String[] products = {"bench-basic", "bench-standard", "bench-plus"};
    for (int i = 0; i < customers; i++) {
      String start = "2024-%02d-%02d".formatted(1 + i % 12, 1 + i % 28);
      y.append(
          """
          ---
          apiVersion: vakt/v1
          kind: Contract
          id: %s
          version: 1
          effectiveFrom: %s
          provider: bench
          customer: cust-%d
          product: %s
          start: %s
          terms: { sla: { uptime: { target: 99.95 } } }
          """
              .formatted(contractId(i), start, i, products[i % 3], start));
      if (i % 4 == 0) {
        y.append(
            """
            ---
            apiVersion: vakt/v1
            kind: Contract
            id: %s
            version: 2
            effectiveFrom: 2025-%02d-01
            provider: bench
            customer: cust-%d
            product: %s
            start: %s
            terms: { sla: { uptime: { target: 99.99 } }, support: { rates: [{ name: standard, price: 900.00 NOK, per: 1h, increment: 15m }] } }
            """
                .formatted(contractId(i), 1 + i % 12, i, products[i % 3], start));
      }
      if (i % 10 == 0) {
        y.append(
            """
            ---
            apiVersion: vakt/v1
            kind: SpecialAgreement
            id: sa-%d
            version: 1
            effectiveFrom: 2024-12-01
            contract: %s
            reference: "e-mail of 2024-11-20"
            terms: { maintenance: { windows: [{ name: evening, kind: scheduled, schedule: [{ days: working-days, from: "18:00", to: "22:00" }] }] } }
            """
                .formatted(i, contractId(i)));
      }
    }
    y.append("---\napiVersion: vakt/v1\nkind: Inventory\nprovider: bench\ncustomers:\n");
    for (int i = 0; i < customers; i++) {
      y.append(
          "  - { id: cust-%d, name: Customer %d AS, contacts: [{ name: Ops, email: ops@c%d.example, emergency: true }] }\n"
              .formatted(i, i, i));
    }
    y.append("servers:\n");
    for (int i = 0; i < customers; i++) {
      y.append(
          "  - { id: srv-%d, customer: cust-%d, kind: vps, ownership: provider, address: 127.0.0.1 }\n"
              .formatted(i, i));
    }
    y.append("services:\n");
    for (int i = 0; i < customers; i++) {
      y.append(
          "  - { id: http-%d, server: srv-%d, type: http, url: \"http://127.0.0.1:%d/\", installedBy: provider }\n"
              .formatted(i, i, 10000 + i % 50000));
      y.append(
          "  - { id: ssh-%d, server: srv-%d, type: ssh, port: 22, installedBy: provider }\n"
              .formatted(i, i));
    }
    return y.toString();
  }
}
