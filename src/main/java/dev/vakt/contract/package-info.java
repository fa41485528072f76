/**
 * Contract: terms documents, their layering and versions ({@link
 * dev.vakt.contract.ContractService}, {@link dev.vakt.contract.TermsResolver}; ADR 0003,
 * docs/contract-format.md).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"access", "audit", "common"})
package dev.vakt.contract;
