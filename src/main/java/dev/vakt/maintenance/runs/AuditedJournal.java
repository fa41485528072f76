package dev.vakt.maintenance.runs;

import dev.vakt.audit.AuditLog;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The journal of runs executing in this process: progress goes to the {@link RunStore}; a run's end
 * is stored and audited in one transaction (who: "vakt", what: succeeded, failed or interrupted,
 * with the failed step and the reason).
 */
@Component
class AuditedJournal implements RunJournal {

  /** The actor of what Vakt does on its own. */
  static final String VAKT = "vakt";

  private final RunStore store;
  private final AuditLog audit;
  private final TransactionTemplate tx;

  AuditedJournal(RunStore store, AuditLog audit, TransactionTemplate tx) {
    this.store = store;
    this.audit = audit;
    this.tx = tx;
  }

  @Override
  public boolean owned(long run) {
    return store.owned(run);
  }

  @Override
  public boolean stepStarted(long run, int index, Instant at) {
    return store.stepStarted(run, index, at);
  }

  @Override
  public boolean stepTask(long run, int index, String upid) {
    return store.stepTask(run, index, upid);
  }

  @Override
  public boolean stepEnded(
      long run, int index, MaintenanceRun.StepState state, Instant at, String detail) {
    return store.stepEnded(run, index, state, at, detail);
  }

  @Override
  public void runEnded(
      long run, MaintenanceRun.State state, Instant at, MaintenanceRun.Failure failure) {
    tx.executeWithoutResult(
        s -> {
          if (store.runEnded(run, state, at, failure)) {
            store.get(run).ifPresent(r -> auditEnd(audit, VAKT, r));
          }
        });
  }

  /** Audits a run's end: its state, and for a failure the step and the reason. */
  static void auditEnd(AuditLog audit, String actor, MaintenanceRun r) {
    Map<String, Object> after = new LinkedHashMap<>();
    after.put("cluster", r.cluster());
    after.put("kind", r.kind());
    after.put("state", r.state());
    if (r.failure() != null) {
      after.put("step", r.failure().step());
      after.put("stepText", r.failure().stepText());
      after.put("reason", r.failure().reason());
    }
    audit.record(
        actor,
        r.state().name().toLowerCase(java.util.Locale.ROOT),
        "maintenance-run",
        Long.toString(r.id()),
        r.customer(),
        null,
        after);
  }
}
