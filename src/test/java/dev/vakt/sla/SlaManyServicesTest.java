package dev.vakt.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A report on many services: each service's part is exactly what a report on that service alone
 * says, in the order asked for, whatever the other services' events (SLA-4, SLA-8).
 */
class SlaManyServicesTest {

  @Test
  void eachServiceOfALargeReportIsWhatItsOwnReportSays() {
    SplittableRandom random = new SplittableRandom(7);
    Instant from = Instant.parse("2026-01-01T00:00:00Z");
    List<String> services = new ArrayList<>();
    List<SlaEvent> events = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      String s = "svc-" + i;
      services.add(s);
      events.add(new SlaEvent.StateChange(s, from.minusSeconds(60), SlaEvent.Level.OK, null, null));
      Instant down = from.plus(Duration.ofMinutes(random.nextInt(80_000)));
      events.add(new SlaEvent.StateChange(s, down, SlaEvent.Level.CRITICAL, "x", null));
      events.add(
          new SlaEvent.StateChange(
              s,
              down.plus(Duration.ofMinutes(1 + random.nextInt(600))),
              SlaEvent.Level.OK,
              null,
              null));
    }
    var terms = Fixtures.dg();
    Instant to = from.plus(Duration.ofDays(60));
    SlaReport all =
        SlaCalculator.report(
            new SlaRequest(terms, services, events, from, to, to, null, null, null, null));
    assertThat(all.services()).extracting(SlaReport.ServiceReport::service).isEqualTo(services);
    for (int i = 0; i < services.size(); i += 37) {
      SlaReport alone =
          SlaCalculator.report(
              new SlaRequest(
                  terms, List.of(services.get(i)), events, from, to, to, null, null, null, null));
      assertThat(all.services().get(i)).isEqualTo(alone.services().getFirst());
    }
  }
}
