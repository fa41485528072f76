/**
 * Audit: the append-only audit log ({@link dev.vakt.audit.AuditLog}) every change is recorded in,
 * inside the change's own transaction, and its read API.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"common"})
package dev.vakt.audit;
