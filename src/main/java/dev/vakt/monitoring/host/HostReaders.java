package dev.vakt.monitoring.host;

import dev.vakt.contract.MonitoringTerms.HostCheck;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The reader of each host check Vakt can carry out over SSH. */
public final class HostReaders {

  private static final Map<HostCheck, HostReader> READERS = index(List.of());

  private HostReaders() {}

  /** The reader for {@code check}, or empty when Vakt cannot yet carry it out over SSH. */
  public static Optional<HostReader> of(HostCheck check) {
    return Optional.ofNullable(READERS.get(check));
  }

  private static Map<HostCheck, HostReader> index(List<HostReader> readers) {
    Map<HostCheck, HostReader> byCheck = new EnumMap<>(HostCheck.class);
    for (HostReader r : readers) {
      if (byCheck.put(r.check(), r) != null) {
        throw new IllegalStateException("two readers for " + r.check());
      }
    }
    return byCheck;
  }
}
