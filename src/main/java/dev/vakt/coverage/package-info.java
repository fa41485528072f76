/**
 * Coverage (issue 18): the one answer to "what governs this service now". {@link
 * dev.vakt.coverage.CoverageService#at} gives, for a service or server at an instant, the customer,
 * provider, contract version and line, the resolved terms, the contract's zone and local date, and
 * whether it is covered and why ({@link dev.vakt.coverage.Coverage}). A pure read model: {@link
 * dev.vakt.coverage.CoverageIndex} is plain Java over the terms documents and the inventory,
 * rebuilt on {@code TermsStored} and {@code InventoryChanged}; it then publishes {@link
 * dev.vakt.coverage.CoverageChanged}. The rules are in docs/coverage.md.
 */
@org.springframework.modulith.ApplicationModule(
    allowedDependencies = {"common", "contract", "inventory"})
package dev.vakt.coverage;
