/**
 * Platform: the embedded PostgreSQL and its setup (ADR 0002, ADR 0016), configuration ({@link
 * dev.vakt.platform.VaktProperties}), the clock, JSON, request filters and the mapping of errors to
 * problem+json.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"common"})
package dev.vakt.platform;
