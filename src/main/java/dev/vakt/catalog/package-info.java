/**
 * Catalog: a provider's whole set-up read and checked as one set ({@link
 * dev.vakt.catalog.Catalog}), its import and export ({@link dev.vakt.catalog.CatalogService}) and
 * the demo data.
 */
@org.springframework.modulith.ApplicationModule(
    allowedDependencies = {"alerting", "common", "contract", "coverage", "inventory", "platform"})
package dev.vakt.catalog;
