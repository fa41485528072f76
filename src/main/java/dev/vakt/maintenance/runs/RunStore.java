package dev.vakt.maintenance.runs;

import dev.vakt.common.Binder;
import dev.vakt.common.Paging;
import dev.vakt.maintenance.capacity.CapacityController;
import dev.vakt.maintenance.capacity.PlanStep;
import dev.vakt.maintenance.runs.MaintenanceRun.State;
import dev.vakt.maintenance.runs.MaintenanceRun.StepState;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;

/**
 * SQL for maintenance runs (V10). Each run is owned by the Vakt process that executes it ({@link
 * #owner()}, random per start); every progress write is conditioned on that owner and on the run
 * still running, so a process that lost its run (marked interrupted after a crash) writes nothing.
 */
@Repository
class RunStore {

  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final String owner = UUID.randomUUID().toString();

  RunStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** This process's owner id. */
  String owner() {
    return owner;
  }

  /** What a new run is. */
  record NewRun(
      String cluster,
      String customer,
      MaintenanceRun.Kind kind,
      String reason,
      String requestedBy,
      String server,
      List<String> order,
      Instant at) {}

  /**
   * Stores a run as RUNNING with its steps PENDING; the caller's transaction holds it.
   *
   * @throws org.springframework.dao.DuplicateKeyException when the cluster has a running run
   */
  long create(NewRun r, List<PlanStep> steps) {
    long id =
        jdbc.sql(
                """
                insert into maintenance_run (cluster_id, customer_id, kind, state, reason,
                  requested_by, server_id, owner, node_order, started_at)
                values (:cluster, :customer, :kind, 'RUNNING', :reason, :by, :server, :owner,
                  cast(:order as jsonb), :at)
                returning id
                """)
            .param("cluster", r.cluster())
            .param("customer", r.customer())
            .param("kind", r.kind().name())
            .param("reason", r.reason())
            .param("by", r.requestedBy())
            .param("server", r.server())
            .param("owner", owner)
            .param("order", Binder.MAPPER.writeValueAsString(r.order()))
            .param("at", Timestamp.from(r.at()))
            .query(Long.class)
            .single();
    for (int i = 0; i < steps.size(); i++) {
      PlanStep s = steps.get(i);
      Map<String, Object> view = CapacityController.view(s);
      jdbc.sql(
              """
              insert into maintenance_run_step (run_id, seq, kind, node, vmid, description, plan,
                state)
              values (:run, :seq, :kind, :node, :vmid, :text, cast(:plan as jsonb), 'PENDING')
              """)
          .param("run", id)
          .param("seq", i)
          .param("kind", view.get("step"))
          .param("node", s.node())
          .param("vmid", view.get("vmid"))
          .param("text", s.describe())
          .param("plan", Binder.MAPPER.writeValueAsString(view))
          .update();
    }
    return id;
  }

  /** The id of the cluster's running run, if any. */
  Optional<Long> running(String cluster) {
    return jdbc.sql("select id from maintenance_run where cluster_id = :c and state = 'RUNNING'")
        .param("c", cluster)
        .query(Long.class)
        .optional();
  }

  Optional<MaintenanceRun> get(long id) {
    return jdbc.sql("select * from maintenance_run where id = :id")
        .param("id", id)
        .query((rs, i) -> run(rs))
        .optional();
  }

  /** A page of the cluster's runs, newest first. */
  Paging.Page<MaintenanceRun> page(String cluster, Paging.PageRequest page) {
    long total =
        jdbc.sql("select count(*) from maintenance_run where cluster_id = :c")
            .param("c", cluster)
            .query(Long.class)
            .single();
    List<MaintenanceRun> items =
        jdbc.sql(
                "select * from maintenance_run where cluster_id = :c"
                    + " order by id desc limit :limit offset :offset")
            .param("c", cluster)
            .param("limit", page.size())
            .param("offset", page.offset())
            .query((rs, i) -> run(rs))
            .list();
    return new Paging.Page<>(items, total);
  }

  /**
   * Marks every run still RUNNING but not owned by {@code newOwner} INTERRUPTED: what a Vakt
   * process does at start, for the runs its crashed predecessor left. Returns them as they are now.
   */
  List<MaintenanceRun> interruptOthers(String newOwner, Instant at, MaintenanceRun.Failure why) {
    List<Long> ids =
        jdbc.sql(
                """
                update maintenance_run set state = 'INTERRUPTED', ended_at = :at,
                  failure = cast(:failure as jsonb)
                where state = 'RUNNING' and owner <> :owner
                returning id
                """)
            .param("at", Timestamp.from(at))
            .param("failure", Binder.MAPPER.writeValueAsString(why))
            .param("owner", newOwner)
            .query(Long.class)
            .list();
    for (long id : ids) {
      jdbc.sql(
              "update maintenance_run_step set state = 'INTERRUPTED', ended_at = :at"
                  + " where run_id = :id and state = 'RUNNING'")
          .param("at", Timestamp.from(at))
          .param("id", id)
          .update();
      notRun(id);
    }
    return ids.stream().map(id -> get(id).orElseThrow()).toList();
  }

  /** Replaces a run's failure record (the start-up recovery fills in the step it stopped in). */
  void failure(long id, MaintenanceRun.Failure failure) {
    jdbc.sql("update maintenance_run set failure = cast(:f as jsonb) where id = :id")
        .param("f", Binder.MAPPER.writeValueAsString(failure))
        .param("id", id)
        .update();
  }

  // ---- progress, as the RunJournal writes it ------------------------------------------------

  boolean owned(long run) {
    return jdbc.sql(
                "select count(*) from maintenance_run where id = :id and owner = :o and state ="
                    + " 'RUNNING'")
            .param("id", run)
            .param("o", owner)
            .query(Integer.class)
            .single()
        > 0;
  }

  boolean stepStarted(long run, int index, Instant at) {
    return step(run, index, "state = 'RUNNING', started_at = :at", at, null, null);
  }

  boolean stepTask(long run, int index, String upid) {
    return step(run, index, "upid = :upid", null, upid, null);
  }

  boolean stepEnded(long run, int index, StepState state, Instant at, String detail) {
    return step(
        run,
        index,
        "state = '" + state.name() + "', ended_at = :at, detail = :detail",
        at,
        null,
        detail);
  }

  /**
   * Ends the run, if this process still owns it (steps still pending become NOT_RUN): a run another
   * process already marked interrupted keeps that record.
   *
   * @return whether it was still owned
   */
  boolean runEnded(long run, State state, Instant at, MaintenanceRun.Failure failure) {
    int ended =
        jdbc.sql(
                """
            update maintenance_run set state = :state, ended_at = :at,
              failure = cast(:failure as jsonb)
            where id = :id and owner = :owner and state = 'RUNNING'
            """)
            .param("state", state.name())
            .param("at", Timestamp.from(at))
            .param("failure", failure == null ? null : Binder.MAPPER.writeValueAsString(failure))
            .param("id", run)
            .param("owner", owner)
            .update();
    notRun(run);
    return ended > 0;
  }

  private boolean step(long run, int index, String set, Instant at, String upid, String detail) {
    return jdbc.sql(
                "update maintenance_run_step set "
                    + set
                    + " where run_id = :run and seq = :seq and exists (select 1 from"
                    + " maintenance_run r where r.id = :run and r.owner = :owner and r.state ="
                    + " 'RUNNING')")
            .param("run", run)
            .param("seq", index)
            .param("owner", owner)
            .param("at", at == null ? null : Timestamp.from(at))
            .param("upid", upid)
            .param("detail", detail)
            .update()
        > 0;
  }

  private void notRun(long run) {
    jdbc.sql(
            "update maintenance_run_step set state = 'NOT_RUN' where run_id = :id and state ="
                + " 'PENDING'")
        .param("id", run)
        .update();
  }

  private MaintenanceRun run(ResultSet rs) throws SQLException {
    long id = rs.getLong("id");
    String failure = rs.getString("failure");
    Timestamp ended = rs.getTimestamp("ended_at");
    return new MaintenanceRun(
        id,
        rs.getString("cluster_id"),
        rs.getString("customer_id"),
        MaintenanceRun.Kind.valueOf(rs.getString("kind")),
        State.valueOf(rs.getString("state")),
        rs.getString("reason"),
        rs.getString("requested_by"),
        rs.getString("server_id"),
        rs.getTimestamp("started_at").toInstant(),
        ended == null ? null : ended.toInstant(),
        Binder.MAPPER.readValue(rs.getString("node_order"), new TypeReference<List<String>>() {}),
        failure == null ? null : Binder.MAPPER.readValue(failure, MaintenanceRun.Failure.class),
        steps(id));
  }

  private List<MaintenanceRun.Step> steps(long run) {
    List<MaintenanceRun.Step> out = new ArrayList<>();
    jdbc.sql("select * from maintenance_run_step where run_id = :id order by seq")
        .param("id", run)
        .query(
            (rs, i) -> {
              Timestamp start = rs.getTimestamp("started_at");
              Timestamp end = rs.getTimestamp("ended_at");
              int vmid = rs.getInt("vmid");
              return new MaintenanceRun.Step(
                  rs.getInt("seq"),
                  rs.getString("kind"),
                  rs.getString("node"),
                  rs.wasNull() ? null : vmid,
                  rs.getString("description"),
                  Binder.MAPPER.readValue(rs.getString("plan"), MAP),
                  StepState.valueOf(rs.getString("state")),
                  start == null ? null : start.toInstant(),
                  end == null ? null : end.toInstant(),
                  rs.getString("upid"),
                  rs.getString("detail"));
            })
        .list()
        .forEach(out::add);
    return out;
  }
}
