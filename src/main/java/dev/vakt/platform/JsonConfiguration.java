package dev.vakt.platform;

import dev.vakt.common.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JacksonModule;

/** The API writes durations and periods as documents do ({@code 15m}, {@code 3 months}). */
@Configuration(proxyBeanMethods = false)
class JsonConfiguration {

  @Bean
  JacksonModule vaktTimeSpans() {
    return Binder.timeSpanModule();
  }
}
