/**
 * Inventory: customers, clusters, servers and services as documents ({@link
 * dev.vakt.inventory.InventoryService}).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"access", "audit", "common"})
package dev.vakt.inventory;
