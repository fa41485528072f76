package dev.vakt.platform;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
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
 */
@Configuration(proxyBeanMethods = false)
@Conditional(DatabaseConfiguration.NoExternalDatabase.class)
class DatabaseConfiguration {

  @Bean(destroyMethod = "close")
  EmbeddedPostgresServer embeddedPostgres(VaktProperties properties) {
    return EmbeddedPostgresServer.start(properties.dataDir());
  }

  @Bean
  DataSource dataSource(EmbeddedPostgresServer postgres) {
    HikariDataSource ds = new HikariDataSource();
    ds.setJdbcUrl(postgres.jdbcUrl());
    ds.setUsername("postgres");
    ds.setPassword("postgres");
    ds.setMaximumPoolSize(10);
    ds.setPoolName("vakt-embedded");
    return ds;
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
