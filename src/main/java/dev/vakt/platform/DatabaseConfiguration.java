package dev.vakt.platform;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import javax.sql.DataSource;
import org.flywaydb.core.api.callback.Callback;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The zero-setup default: when no {@code spring.datasource.url} is configured, Vakt runs its own
 * PostgreSQL under the data directory. Set {@code spring.datasource.url} (or {@code
 * SPRING_DATASOURCE_URL}) with user and password to use an external PostgreSQL instead; Spring
 * Boot's standard configuration then applies unchanged.
 *
 * <p>The application connects as the role that may only read and write rows; Flyway migrates as the
 * role that owns the schema (ADR 0016).
 */
@Configuration(proxyBeanMethods = false)
@Conditional(DatabaseConfiguration.NoExternalDatabase.class)
class DatabaseConfiguration {

  /**
   * How long a request waits for a connection before it fails with 503 (F10): PostgreSQL answers in
   * milliseconds when it is up, so waiting Hikari's default 30 s only holds threads.
   */
  static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(5);

  @Bean(destroyMethod = "close")
  EmbeddedPostgresServer embeddedPostgres(
      VaktProperties properties, ApplicationEventPublisher events) {
    EmbeddedPostgresServer server = EmbeddedPostgresServer.start(properties.dataDir());
    // Readiness follows the database; liveness breaks only when it cannot be restarted.
    server.onAvailability(
        up -> {
          if (up == null) {
            AvailabilityChangeEvent.publish(events, server, LivenessState.BROKEN);
          } else {
            AvailabilityChangeEvent.publish(
                events,
                server,
                up ? ReadinessState.ACCEPTING_TRAFFIC : ReadinessState.REFUSING_TRAFFIC);
          }
        });
    return server;
  }

  @Bean
  DataSource dataSource(EmbeddedPostgresServer postgres) {
    HikariDataSource ds = new HikariDataSource();
    ds.setJdbcUrl(postgres.jdbcUrl());
    ds.setUsername(postgres.appUser());
    ds.setPassword(postgres.appPassword());
    ds.setMaximumPoolSize(10);
    ds.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
    ds.setValidationTimeout(Math.min(CONNECTION_TIMEOUT.toMillis(), 3000));
    ds.setPoolName("vakt-embedded");
    return ds;
  }

  /** Flyway migrates as the schema's owner (ADR 0016). */
  @Bean
  FlywayConfigurationCustomizer embeddedFlywayAsOwner(EmbeddedPostgresServer postgres) {
    return configuration ->
        configuration.dataSource(
            postgres.jdbcUrl(), postgres.ownerUser(), postgres.ownerPassword());
  }

  /** After each migration: what the application role may do with the tables (ADR 0016). */
  @Bean
  Callback embeddedAppPrivileges() {
    return new PostgresRoles.AppPrivileges();
  }

  /** True when the user has not named a database of their own. */
  static final class NoExternalDatabase implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      String url = context.getEnvironment().getProperty("spring.datasource.url");
      return url == null || url.isBlank();
    }
  }
}
