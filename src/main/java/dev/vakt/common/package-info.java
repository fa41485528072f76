/**
 * Common: the shared kernel every module may use: document reading and binding ({@link
 * dev.vakt.common.YamlSource}, {@link dev.vakt.common.Binder}, {@link
 * dev.vakt.common.DocumentReader}), {@link dev.vakt.common.Problem} and value types ({@link
 * dev.vakt.common.Money}, {@link dev.vakt.common.Percent}, {@link dev.vakt.common.SecretRef}, time
 * spans, ids, codes). Depends on nothing (ADR 0006).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
package dev.vakt.common;
