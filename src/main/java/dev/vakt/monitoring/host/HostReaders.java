package dev.vakt.monitoring.host;

import dev.vakt.contract.MonitoringTerms.HostCheck;
import dev.vakt.contract.MonitoringTerms.ProxmoxPolicy;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The reader of each host check Vakt can carry out over SSH. */
public final class HostReaders {

  private static final Map<HostCheck, HostReader> READERS =
      index(
          List.of(
              new LoadReader(),
              new CpuReader(),
              new MemoryReader(),
              new DiskUsageReader(),
              new RaidReader(),
              new SmartReader(),
              new ZfsReader(),
              new ThinPoolReader(),
              new CephReader(HostCheck.CEPH_OSD),
              new CephReader(HostCheck.CEPH_MON),
              new CephReader(HostCheck.CEPH_MDS),
              new CephReader(HostCheck.CEPH_RGW),
              new QuorumReader(),
              new PendingUpdatesReader(),
              new RebootNeededReader(),
              new PlatformSupportReader()));

  private HostReaders() {}

  /** The reader for {@code check}, or empty when Vakt cannot yet carry it out over SSH. */
  public static Optional<HostReader> of(HostCheck check) {
    return Optional.ofNullable(READERS.get(check));
  }

  /**
   * The reader for {@code check} under the contract's Proxmox VE policy (STW 4.0, MON-12): only
   * platform support depends on it.
   */
  public static Optional<HostReader> of(HostCheck check, ProxmoxPolicy policy) {
    if (check == HostCheck.PLATFORM_SUPPORT && policy != null) {
      return Optional.of(new PlatformSupportReader(policy));
    }
    return of(check);
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
