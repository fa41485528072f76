package dev.vakt.maintenance.patching;

import dev.vakt.common.Codes;
import dev.vakt.monitoring.PackageScan;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for scans and package observations ({@code V11__patch_compliance.sql}). */
@Repository
class PatchStore {

  private static final String COLUMNS =
      "id, server_id, package, installed_version, candidate_version, origins, release, security,"
          + " kept_back, source, first_seen, last_seen, resolved_at";

  /** The last successful scan at or before an instant, and the failure of any later one. */
  record ScanState(Instant lastOk, String lastFailure) {}

  private final JdbcClient jdbc;

  PatchStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Serialises changes to one server's observations until the transaction ends. */
  void lock(String server) {
    jdbc.sql("select pg_advisory_xact_lock(hashtext('patch:' || :server))")
        .param("server", server)
        .query((rs, i) -> null)
        .list();
  }

  void recordScan(PackageScan scan) {
    jdbc.sql(
            """
            insert into patch_scan (server_id, at, source, ok, packages, error)
            values (:server, :at, :source, :ok, :packages, :error)
            """)
        .param("server", scan.server())
        .param("at", Timestamp.from(scan.at()))
        .param("source", scan.source() == null ? null : Codes.of(scan.source()))
        .param("ok", scan.ok())
        .param("packages", scan.packages().size())
        .param("error", scan.failure())
        .update();
  }

  /** What a scan saw of an observation: the values an insert and an update both write. */
  private static JdbcClient.StatementSpec seen(JdbcClient.StatementSpec q, Observation o) {
    return q.param("installed", o.installed())
        .param("candidate", o.candidate())
        .param("origins", o.origins().toArray(String[]::new))
        .param("release", o.release())
        .param("security", o.security())
        .param("keptBack", o.keptBack())
        .param("source", Codes.of(o.source()))
        .param("lastSeen", Timestamp.from(o.lastSeen()));
  }

  List<Observation> open(String server) {
    return jdbc.sql(
            "select "
                + COLUMNS
                + " from patch_observation where server_id = :server and resolved_at is null")
        .param("server", server)
        .query((rs, i) -> observation(rs))
        .list();
  }

  void apply(ObservationDiff.Changes changes) {
    for (Observation o : changes.opened()) {
      JdbcClient.StatementSpec insert =
          jdbc.sql(
                  """
              insert into patch_observation (server_id, package, installed_version, candidate_version,
                origins, release, security, kept_back, source, first_seen, last_seen)
              values (:server, :package, :installed, :candidate, :origins, :release, :security,
                :keptBack, :source, :firstSeen, :lastSeen)
              """)
              .param("server", o.server())
              .param("package", o.name())
              .param("firstSeen", Timestamp.from(o.firstSeen()));
      seen(insert, o).update();
    }
    for (Observation o : changes.seenAgain()) {
      JdbcClient.StatementSpec update =
          jdbc.sql(
                  """
              update patch_observation set installed_version = :installed,
                candidate_version = :candidate, origins = :origins, release = :release,
                security = :security, kept_back = :keptBack, source = :source, last_seen = :lastSeen
              where id = :id
              """)
              .param("id", o.id());
      seen(update, o).update();
    }
    for (Observation o : changes.resolved()) {
      jdbc.sql("update patch_observation set resolved_at = :at where id = :id")
          .param("id", o.id())
          .param("at", Timestamp.from(o.resolvedAt()))
          .update();
    }
  }

  /** Each server's observations pending at some time in {@code [from, to)}. */
  Map<String, List<Observation>> pendingWithin(
      Collection<String> servers, Instant from, Instant to) {
    Map<String, List<Observation>> out = new HashMap<>();
    if (servers.isEmpty()) {
      return out;
    }
    jdbc.sql(
            "select "
                + COLUMNS
                + " from patch_observation where server_id = any(:servers) and first_seen < :to"
                + " and (resolved_at is null or resolved_at > :from)")
        .param("servers", servers.toArray(String[]::new))
        .param("from", Timestamp.from(from))
        .param("to", Timestamp.from(to))
        .query((rs, i) -> observation(rs))
        .list()
        .forEach(o -> out.computeIfAbsent(o.server(), k -> new java.util.ArrayList<>()).add(o));
    return out;
  }

  /** For each server, its last successful scan at or before {@code at} and any later failure. */
  Map<String, ScanState> scans(Collection<String> servers, Instant at) {
    Map<String, ScanState> out = new HashMap<>();
    if (servers.isEmpty()) {
      return out;
    }
    // Index walks backwards from {@code at} per server: cheap however long the history.
    jdbc.sql(
            """
            select s.id,
              (select at from patch_scan where server_id = s.id and ok and at <= :at
                order by at desc limit 1),
              (select error from patch_scan where server_id = s.id and at <= :at
                order by at desc limit 1)
            from unnest(cast(:servers as text[])) as s(id)
            """)
        .param("servers", servers.toArray(String[]::new))
        .param("at", Timestamp.from(at))
        .query(
            (rs, i) ->
                out.put(
                    rs.getString(1),
                    new ScanState(
                        rs.getTimestamp(2) == null ? null : rs.getTimestamp(2).toInstant(),
                        rs.getString(3))))
        .list();
    return out;
  }

  private static Observation observation(ResultSet rs) throws SQLException {
    Array origins = rs.getArray(6);
    Timestamp resolved = rs.getTimestamp(13);
    return new Observation(
        rs.getLong(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        origins == null ? List.of() : Arrays.asList((String[]) origins.getArray()),
        rs.getString(7),
        rs.getBoolean(8),
        rs.getBoolean(9),
        PackageScan.Source.valueOf(rs.getString(10).toUpperCase(Locale.ROOT).replace('-', '_')),
        rs.getTimestamp(11).toInstant(),
        rs.getTimestamp(12).toInstant(),
        resolved == null ? null : resolved.toInstant());
  }
}
