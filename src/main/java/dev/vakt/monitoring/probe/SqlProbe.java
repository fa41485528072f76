package dev.vakt.monitoring.probe;

import static dev.vakt.monitoring.probe.Banners.quote;

import dev.vakt.common.SecretRef;
import dev.vakt.monitoring.CheckResult;
import dev.vakt.monitoring.CheckSpec;
import dev.vakt.monitoring.CheckSpec.Sql.Engine;
import dev.vakt.monitoring.CheckState;
import dev.vakt.monitoring.Probe;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Function;

/**
 * MON-6: a PostgreSQL or MySQL/MariaDB server accepts a login and, when a query is given, answers
 * it; the first column of the first row is shown in the reason. Failures are named: refused
 * connection, failed authentication, missing database, timeout, failed query.
 *
 * <p>Connections go through {@link DriverManager} with the drivers' own connect, socket and login
 * timeouts set from the spec's timeout, so a hung server frees the thread soon after the deadline;
 * MySQL and MariaDB are both reached with the MariaDB driver.
 */
public final class SqlProbe implements Probe<CheckSpec.Sql> {

  private final Function<SecretRef, String> secrets;

  /**
   * @param secrets resolves the password reference; the password is never logged nor shown
   */
  public SqlProbe(Function<SecretRef, String> secrets) {
    this.secrets = Objects.requireNonNull(secrets, "secrets");
  }

  @Override
  public CheckResult check(CheckSpec.Sql spec) {
    Properties properties;
    try {
      properties = properties(spec);
    } catch (RuntimeException e) {
      return CheckResult.unknown(
          "cannot read the password " + spec.password() + ": " + Banners.oneLine(e), null);
    }
    String url = url(spec);
    return Banners.converse(
        spec.timeout(),
        talk -> login(spec, url, properties, talk),
        (failure, talk) -> explain(spec, failure, talk));
  }

  private static CheckResult login(
      CheckSpec.Sql spec, String url, Properties properties, Banners.Conversation talk)
      throws SQLException {
    // No socket to close from outside here: the driver's own timeouts end a hung attempt, and
    // try-with-resources closes a connection that arrives after the deadline.
    talk.step("logging in as " + quote(spec.user()));
    try (Connection connection = DriverManager.getConnection(url, properties)) {
      String server =
          connection.getMetaData().getDatabaseProductName()
              + " "
              + connection.getMetaData().getDatabaseProductVersion();
      String done =
          Banners.clean(server)
              + " accepted the login as "
              + quote(spec.user())
              + (spec.database() == null ? "" : " on " + quote(spec.database()));
      if (spec.query() == null || spec.query().isBlank()) {
        return talk.result(CheckState.OK, talk.took(done), Map.of());
      }
      talk.step("waiting for the query's answer");
      try (Statement statement = readOnly(connection, spec.engine())) {
        statement.setQueryTimeout(seconds(talk.remaining().toMillis()));
        statement.setMaxRows(1);
        try (ResultSet rows = statement.executeQuery(spec.query())) {
          String answer =
              rows.next() ? "query returned " + quote(rows.getString(1)) : "query returned no rows";
          return talk.result(CheckState.OK, talk.took(done + ", " + answer), Map.of());
        }
      } catch (SQLException e) {
        if (e instanceof SQLTimeoutException || causedBy(e, SocketTimeoutException.class)) {
          throw e;
        }
        return talk.critical(done + ", but the query failed: " + Banners.oneLine(e));
      } finally {
        rollback(connection);
      }
    }
  }

  /**
   * A statement inside a read-only transaction (F2): whatever the query is, it cannot change the
   * checked database, and the transaction is rolled back afterwards. PostgreSQL is read only from
   * the session's start too ({@code default_transaction_read_only}, see {@link #properties}).
   */
  private static Statement readOnly(Connection connection, Engine engine) throws SQLException {
    connection.setAutoCommit(false);
    connection.setReadOnly(true); // pgjdbc: BEGIN READ ONLY before the first statement
    Statement statement = connection.createStatement();
    if (engine == Engine.MYSQL) {
      statement.execute("START TRANSACTION READ ONLY");
    }
    return statement;
  }

  private static void rollback(Connection connection) {
    try {
      if (!connection.getAutoCommit()) {
        connection.rollback();
      }
    } catch (SQLException e) {
      // The connection is closed next; the server rolls back what is left.
    }
  }

  /**
   * Driver settings: credentials, the database (a property, never pasted into the URL: F18), and
   * timeouts in the units each driver expects.
   */
  private Properties properties(CheckSpec.Sql spec) {
    Properties properties = new Properties();
    properties.setProperty("user", spec.user());
    if (spec.password() != null) {
      String password = secrets.apply(spec.password());
      if (password == null) {
        throw new IllegalStateException("the secret is not set");
      }
      properties.setProperty("password", password);
    }
    long millis = spec.timeout().toMillis();
    if (spec.engine() == Engine.POSTGRESQL) {
      // pgjdbc counts in whole seconds and reads 0 as "no timeout": round up, never down to 0.
      String seconds = Integer.toString(seconds(millis));
      properties.setProperty("connectTimeout", seconds);
      properties.setProperty("socketTimeout", seconds);
      properties.setProperty("loginTimeout", seconds);
      properties.setProperty("ApplicationName", "vakt-monitoring");
      // Server side, from the session's first moment: read only, and no statement outlives the
      // check (F2).
      properties.setProperty(
          "options", "-c default_transaction_read_only=on -c statement_timeout=" + millis);
      if (spec.database() != null) {
        properties.setProperty("PGDBNAME", spec.database());
      }
    } else {
      if (spec.database() != null) {
        properties.setProperty("database", spec.database());
      }
      // The MariaDB driver counts in milliseconds.
      properties.setProperty("connectTimeout", Long.toString(millis));
      properties.setProperty("socketTimeout", Long.toString(millis));
    }
    return properties;
  }

  /**
   * The URL names the server only; the database and everything else go to the driver as properties,
   * so no setting can add URL parameters (F18).
   */
  static String url(CheckSpec.Sql spec) {
    String host = spec.host().contains(":") ? "[" + spec.host() + "]" : spec.host();
    return (spec.engine() == Engine.POSTGRESQL ? "jdbc:postgresql://" : "jdbc:mariadb://")
        + host
        + ":"
        + spec.port()
        + "/";
  }

  private static int seconds(long millis) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (millis + 999) / 1000));
  }

  private static CheckResult explain(
      CheckSpec.Sql spec, Throwable failure, Banners.Conversation talk) {
    if (!(failure instanceof SQLException e)) {
      return talk.failed(failure);
    }
    // The network cause first: drivers wrap it in SQLExceptions with long messages.
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof ConnectException
          || cause instanceof SocketTimeoutException
          || cause instanceof UnknownHostException
          || cause instanceof NoRouteToHostException) {
        return talk.failed(cause);
      }
    }
    String state = String.valueOf(e.getSQLState());
    String message = Banners.oneLine(e);
    if (state.startsWith("28") || e.getErrorCode() == 1045) {
      return talk.critical("login as " + quote(spec.user()) + " refused: " + message);
    }
    if ("3D000".equals(state) || e.getErrorCode() == 1049) {
      return talk.critical(
          "database " + quote(String.valueOf(spec.database())) + " does not exist: " + message);
    }
    if (e instanceof SQLTimeoutException || timedOut(e)) {
      return talk.timedOut();
    }
    if (state.startsWith("08") && message.toLowerCase(Locale.ROOT).contains("refused")) {
      return talk.critical("connection refused");
    }
    return talk.critical("connection failed: " + message + " [SQLState " + state + "]");
  }

  /** pgjdbc reports its login timeout with its own message, not a SocketTimeoutException. */
  private static boolean timedOut(SQLException e) {
    String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
    return message.contains("timed out") || message.contains("timeout");
  }

  private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }
}
