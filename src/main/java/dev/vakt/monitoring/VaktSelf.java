package dev.vakt.monitoring;

import dev.vakt.platform.VaktProperties;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Where this Vakt listens, for {@link SelfEndpoints}: the database from {@code
 * spring.datasource.url} or the data source itself (the embedded PostgreSQL), and the HTTP and
 * management ports as the running server reports them ({@code local.server.port}, so a random port
 * in tests is known too).
 */
@Component
final class VaktSelf {

  private final Environment environment;
  private final ObjectProvider<DataSource> dataSource;
  private final VaktProperties vakt;
  private volatile SelfEndpoints.Endpoint database;

  VaktSelf(Environment environment, ObjectProvider<DataSource> dataSource, VaktProperties vakt) {
    this.environment = environment;
    this.dataSource = dataSource;
    this.vakt = vakt;
  }

  /** Vakt's endpoints now; cheap after the first call. */
  SelfEndpoints endpoints() {
    List<SelfEndpoints.Endpoint> endpoints = new ArrayList<>();
    database().ifPresent(endpoints::add);
    port("local.server.port", "server.port", 8080)
        .ifPresent(
            p -> endpoints.add(new SelfEndpoints.Endpoint("Vakt's HTTP port", List.of(), p)));
    port("local.management.port", "management.server.port", -1)
        .ifPresent(
            p -> endpoints.add(new SelfEndpoints.Endpoint("Vakt's management port", List.of(), p)));
    return new SelfEndpoints(endpoints, List.of(vakt.dataDir()));
  }

  private Optional<Integer> port(String running, String configured, int fallback) {
    Integer p = environment.getProperty(running, Integer.class);
    if (p == null) {
      p = environment.getProperty(configured, Integer.class, fallback);
    }
    return p != null && p > 0 ? Optional.of(p) : Optional.empty();
  }

  private Optional<SelfEndpoints.Endpoint> database() {
    SelfEndpoints.Endpoint known = database;
    if (known != null) {
      return Optional.of(known);
    }
    String url = environment.getProperty("spring.datasource.url");
    if (url == null || url.isBlank()) {
      url = urlOf(dataSource.getIfAvailable());
    }
    Optional<SelfEndpoints.Endpoint> found = SelfEndpoints.database(url);
    found.ifPresent(e -> database = e);
    return found;
  }

  private static String urlOf(DataSource ds) {
    if (ds == null) {
      return null;
    }
    if (ds instanceof com.zaxxer.hikari.HikariDataSource hikari && hikari.getJdbcUrl() != null) {
      return hikari.getJdbcUrl();
    }
    try (Connection c = ds.getConnection()) {
      return c.getMetaData().getURL();
    } catch (SQLException e) {
      return null; // not reachable now: asked again at the next check
    }
  }
}
