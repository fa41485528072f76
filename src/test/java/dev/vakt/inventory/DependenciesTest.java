package dev.vakt.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vakt.common.InvalidField;
import dev.vakt.common.ServiceType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 32 (ALR-1, ALR-2): which service each service needs, so monitoring checks the parent at
 * once and alerting tells one incident: a declared {@code dependsOn}, else the server's ping; a
 * server's ping depends on its uplink's ping. Unknown references and cycles are ignored.
 */
class DependenciesTest {

  static Server server(String id, String dependsOn) {
    return new Server(
        id,
        "c1",
        null,
        Server.Kind.DEDICATED,
        Server.Ownership.PROVIDER,
        "127.0.0.1",
        null,
        null,
        null,
        dependsOn);
  }

  static Service service(String id, String server, ServiceType type, String dependsOn) {
    return new Service(
        id,
        server,
        type,
        null,
        null,
        type == ServiceType.TCP ? 80 : null,
        null,
        Service.InstalledBy.PROVIDER,
        null,
        null,
        null,
        dependsOn);
  }

  @Test
  void servicesHangOnTheirServersPingOrWhatTheyDeclareAndPingsOnTheUplink_ALR1_ALR2() {
    Map<String, String> parents =
        Dependencies.parents(
            List.of(server("sw", null), server("web1", "sw")),
            List.of(
                service("sw-ping", "sw", ServiceType.PING, null),
                service("web1-ping", "web1", ServiceType.PING, null),
                service("web1-db", "web1", ServiceType.TCP, null),
                service("web1-shop", "web1", ServiceType.TCP, "web1-db"),
                service("web1-lost", "web1", ServiceType.TCP, "not-there")));
    assertThat(parents)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "web1-ping", "sw-ping",
                "web1-db", "web1-ping",
                "web1-shop", "web1-db"));
  }

  @Test
  void aCycleIsBrokenSoWalkingUpEnds_ALR1() {
    Map<String, String> parents =
        Dependencies.parents(
            List.of(server("s", null)),
            List.of(
                service("a", "s", ServiceType.TCP, "b"), service("b", "s", ServiceType.TCP, "a")));
    assertThat(parents).hasSize(1);
  }

  @Test
  void nothingDependsOnItself_ALR1() {
    assertThatThrownBy(() -> service("a", "s", ServiceType.TCP, "a"))
        .isInstanceOf(InvalidField.class)
        .hasMessageContaining("itself");
    assertThatThrownBy(() -> server("s", "s"))
        .isInstanceOf(InvalidField.class)
        .hasMessageContaining("itself");
  }
}
