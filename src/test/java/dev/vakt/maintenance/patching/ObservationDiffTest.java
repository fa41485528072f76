package dev.vakt.maintenance.patching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vakt.monitoring.PackageScan;
import dev.vakt.monitoring.PendingPackage;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How scans accumulate into observations (MNT-5): an update's age counts from the first scan that
 * listed it, as long as the same installed version waits.
 */
class ObservationDiffTest {

  static final Instant DAY1 = Instant.parse("2026-11-01T06:00:00Z");
  static final Instant DAY2 = Instant.parse("2026-11-02T06:00:00Z");

  static PendingPackage pkg(String name, String installed, String candidate, boolean security) {
    return new PendingPackage(
        name, installed, candidate, List.of("Debian"), "Debian:12/stable", security, false);
  }

  static PendingPackage keptBack(String name) {
    return new PendingPackage(name, null, null, List.of(), "", false, true);
  }

  static PackageScan scan(Instant at, PendingPackage... packages) {
    return PackageScan.read("srv", at, PackageScan.Source.SSH, List.of(packages));
  }

  /** The open observations after a first scan, with ids as if stored. */
  static List<Observation> stored(ObservationDiff.Changes c) {
    long[] id = {1};
    return c.opened().stream()
        .map(
            o ->
                new Observation(
                    id[0]++,
                    o.server(),
                    o.name(),
                    o.installed(),
                    o.candidate(),
                    o.origins(),
                    o.release(),
                    o.security(),
                    o.keptBack(),
                    o.source(),
                    o.firstSeen(),
                    o.lastSeen(),
                    null))
        .toList();
  }

  @Test
  void aFirstScanOpensOneObservationPerPackage_MNT5() {
    ObservationDiff.Changes c =
        ObservationDiff.of(List.of(), scan(DAY1, pkg("libssl3", "1", "2", true), keptBack("pve")));

    assertThat(c.opened()).extracting(Observation::name).containsExactly("libssl3", "pve");
    assertThat(c.opened()).allMatch(o -> o.firstSeen().equals(DAY1) && o.resolvedAt() == null);
    assertThat(c.seenAgain()).isEmpty();
    assertThat(c.resolved()).isEmpty();
  }

  @Test
  void theSameInstalledVersionIsTheSameUpdateEvenWithANewerCandidate_MNT5() {
    List<Observation> open =
        stored(ObservationDiff.of(List.of(), scan(DAY1, pkg("libssl3", "1", "2", true))));

    ObservationDiff.Changes c =
        ObservationDiff.of(open, scan(DAY2, pkg("libssl3", "1", "3", false)));

    assertThat(c.opened()).isEmpty();
    Observation again = c.seenAgain().getFirst();
    assertThat(again.firstSeen()).isEqualTo(DAY1);
    assertThat(again.lastSeen()).isEqualTo(DAY2);
    assertThat(again.candidate()).isEqualTo("3");
    assertThat(again.security()).as("once security, always security").isTrue();
  }

  @Test
  void anInstalledUpdateIsResolvedAndAStillNewerOneOpened() {
    List<Observation> open =
        stored(
            ObservationDiff.of(
                List.of(),
                scan(DAY1, pkg("libssl3", "1", "2", true), pkg("tzdata", "a", "b", false))));

    ObservationDiff.Changes c =
        ObservationDiff.of(open, scan(DAY2, pkg("libssl3", "2", "3", true)));

    assertThat(c.resolved())
        .extracting(Observation::name, Observation::resolvedAt)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("libssl3", DAY2),
            org.assertj.core.groups.Tuple.tuple("tzdata", DAY2));
    assertThat(c.opened()).extracting(Observation::installed).containsExactly("2");
    assertThat(c.opened().getFirst().firstSeen()).isEqualTo(DAY2);
  }

  @Test
  void aKeptBackPackageLaterOfferedIsStillTheSameUpdate_MNT4() {
    List<Observation> open =
        stored(ObservationDiff.of(List.of(), scan(DAY1, keptBack("proxmox-ve"))));

    ObservationDiff.Changes c =
        ObservationDiff.of(open, scan(DAY2, pkg("proxmox-ve", "8.2.0", "8.3.0", false)));

    Observation again = c.seenAgain().getFirst();
    assertThat(again.firstSeen()).isEqualTo(DAY1);
    assertThat(again.keptBack()).isFalse();
    assertThat(again.installed()).isEqualTo("8.2.0");
  }

  @Test
  void aScanOlderThanWhatIsKnownChangesNothing() {
    List<Observation> open =
        stored(ObservationDiff.of(List.of(), scan(DAY2, pkg("libssl3", "1", "2", true))));

    assertThat(ObservationDiff.of(open, scan(DAY1)).isEmpty()).isTrue();
  }

  @Test
  void aFailedScanSaysNothingAboutPackages() {
    PackageScan failed = PackageScan.failed("srv", DAY2, PackageScan.Source.SSH, "unreachable");

    assertThatThrownBy(() -> ObservationDiff.of(List.of(), failed))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
