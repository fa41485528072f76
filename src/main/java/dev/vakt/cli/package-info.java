/**
 * CLI: the {@code vakt} command ({@link dev.vakt.cli.Cli}): serve, validate, import, check, sla.
 */
@org.springframework.modulith.ApplicationModule(
    allowedDependencies = {
      "access",
      "catalog",
      "common",
      "contract",
      "coverage",
      "inventory",
      "monitoring",
      "secrets",
      "sla"
    })
package dev.vakt.cli;
