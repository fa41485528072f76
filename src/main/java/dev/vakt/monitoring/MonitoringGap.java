package dev.vakt.monitoring;

import java.time.Instant;

/**
 * A period in which Vakt did not monitor: for every service it is "unmonitored", never up or down
 * (STW 7.0, MON-9, SLA-11).
 *
 * @param from the last moment monitoring is known to have run
 * @param to when it ran again
 * @param reason why, as far as Vakt can tell
 */
public record MonitoringGap(Instant from, Instant to, String reason) {}
