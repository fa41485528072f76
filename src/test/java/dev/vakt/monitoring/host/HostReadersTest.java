package dev.vakt.monitoring.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vakt.contract.MonitoringTerms.HostCheck;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every host check a contract can list has a reader over SSH, except those that are not read from a
 * server's tools (mail queue and sending limits, traffic), and no reader answers OK to nothing.
 */
class HostReadersTest {

  private static final EnumSet<HostCheck> NOT_OVER_SSH =
      EnumSet.of(HostCheck.MAIL_QUEUE, HostCheck.MAIL_SENDING_LIMITS, HostCheck.TRAFFIC);

  @Test
  void everyHostCheckHasItsReader_MON2_MON3_MON5_MON6_MON12() {
    for (HostCheck check : HostCheck.values()) {
      assertThat(HostReaders.of(check).isPresent())
          .as(check.code())
          .isEqualTo(!NOT_OVER_SSH.contains(check));
      HostReaders.of(check).ifPresent(r -> assertThat(r.check()).isEqualTo(check));
    }
  }

  @Test
  void emptyOutputIsNeverOk() {
    HostContext context = HostContext.defaults(LocalDate.of(2026, 11, 26));
    for (HostCheck check : HostCheck.values()) {
      HostReaders.of(check)
          .ifPresent(
              r -> {
                List<CommandOutput> empty =
                    r.commands().stream().map(c -> CommandOutput.ok("")).toList();
                assertThat(r.read(empty, context).state().code())
                    .as(check.code())
                    .isNotEqualTo("ok");
              });
    }
  }
}
