package dev.vakt.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.cli.Cli;
import dev.vakt.contract.TermsResolver;
import dev.vakt.inventory.Cluster;
import dev.vakt.inventory.InventoryDocument;
import dev.vakt.inventory.Server;
import dev.vakt.inventory.Service;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The bundled examples: one provider per agreement, valid, and harmless to run anywhere. */
class ExamplesTest {

  static final Path EXAMPLES = Path.of("examples");

  static List<Path> providers() throws Exception {
    try (Stream<Path> dirs = Files.list(EXAMPLES)) {
      return dirs.filter(Files::isDirectory).sorted().toList();
    }
  }

  @Test
  void onePerAgreementAndAllValidTogetherAndAlone_K1_K2_K3() throws Exception {
    assertThat(providers().stream().map(p -> p.getFileName().toString()))
        .containsExactly("bdn", "cfx", "dg", "stw", "swh");
    assertThat(Catalog.read(providers()).problems()).isEmpty();
    for (Path p : providers()) {
      assertThat(Catalog.read(List.of(p)).problems()).as(p.toString()).isEmpty();
    }
  }

  @Test
  void vaktValidateAcceptsThemAndExitsZero() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<String> args = new ArrayList<>(List.of("validate"));
    providers().forEach(p -> args.add(p.toString()));
    int code = Cli.run(args.toArray(String[]::new), new PrintStream(out), new PrintStream(err));
    assertThat(err.toString()).isEmpty();
    assertThat(code).isZero();
    assertThat(out.toString()).startsWith("ok: ");
  }

  @Test
  void everyCustomerHasTermsInForceToday_K2() throws Exception {
    Catalog c = Catalog.read(providers());
    TermsResolver resolver = new TermsResolver(c.terms());
    for (InventoryDocument inv : c.inventories()) {
      inv.customers()
          .forEach(
              cust ->
                  assertThat(resolver.forCustomer(cust.id(), LocalDate.of(2026, 11, 22)))
                      .as(cust.id())
                      .isNotEmpty());
    }
  }

  @Test
  void everyAddressIsLoopbackSoTheDemoSendsNoTrafficElsewhere() throws Exception {
    Catalog c = Catalog.read(providers());
    List<String> hosts = new ArrayList<>();
    for (InventoryDocument inv : c.inventories()) {
      for (Server s : inv.servers()) {
        hosts.add(s.address());
        if (s.access() != null && s.access().outOfBand() != null) {
          hosts.add(s.access().outOfBand().address());
        }
      }
      for (Service s : inv.services()) {
        if (s.host() != null) {
          hosts.add(s.host());
        }
        if (s.url() != null) {
          hosts.add(URI.create(s.url()).getHost());
        }
      }
      for (Cluster cl : inv.clusters()) {
        if (cl.apiUrl() != null) {
          hosts.add(URI.create(cl.apiUrl()).getHost());
        }
      }
    }
    assertThat(hosts).isNotEmpty();
    for (String h : hosts) {
      // Literal addresses only: a name would need DNS, which the demo must not depend on either.
      assertThat(h).as(h).matches("127(\\.[0-9]{1,3}){3}|\\[?::1]?");
      assertThat(InetAddress.getByName(h.replace("[", "").replace("]", "")).isLoopbackAddress())
          .isTrue();
    }
  }
}
