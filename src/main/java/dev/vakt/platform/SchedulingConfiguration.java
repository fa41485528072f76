package dev.vakt.platform;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Periodic work (heartbeats, inventory sync) runs on Spring's scheduler; listeners of domain events
 * in other modules run after the commit on their own threads, so a slow listener never holds up the
 * change that raised the event.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableAsync
class SchedulingConfiguration {}
