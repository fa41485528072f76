package dev.vakt.monitoring;

import java.util.Map;

/** The probe for each kind of check. */
public interface Probes {

  /** Probes keyed by the {@link CheckSpec} record class they check. */
  Map<Class<?>, Probe<?>> byType();
}
