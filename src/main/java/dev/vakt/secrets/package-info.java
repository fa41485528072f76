/**
 * Secrets: references resolved to values ({@link dev.vakt.secrets.Secrets}) and the encrypted store
 * under a master key kept outside the database (ADR 0005). Values are never returned or logged.
 */
@org.springframework.modulith.ApplicationModule(
    allowedDependencies = {"audit", "common", "platform"})
package dev.vakt.secrets;
