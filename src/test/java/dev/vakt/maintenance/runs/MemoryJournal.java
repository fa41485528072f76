package dev.vakt.maintenance.runs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/** A {@link RunJournal} in memory, for tests of the executor without a database. */
final class MemoryJournal implements RunJournal {

  record StepRecord(MaintenanceRun.StepState state, String upid, String detail) {}

  final List<StepRecord> steps = new ArrayList<>();
  final AtomicBoolean owned = new AtomicBoolean(true);
  volatile MaintenanceRun.State state = MaintenanceRun.State.RUNNING;
  volatile MaintenanceRun.Failure failure;

  MemoryJournal(int size) {
    for (int i = 0; i < size; i++) {
      steps.add(new StepRecord(MaintenanceRun.StepState.PENDING, null, null));
    }
  }

  @Override
  public boolean owned(long run) {
    return owned.get();
  }

  @Override
  public synchronized boolean stepStarted(long run, int index, Instant at) {
    steps.set(index, new StepRecord(MaintenanceRun.StepState.RUNNING, null, null));
    return owned.get();
  }

  @Override
  public synchronized boolean stepTask(long run, int index, String upid) {
    steps.set(index, new StepRecord(steps.get(index).state(), upid, null));
    return owned.get();
  }

  @Override
  public synchronized boolean stepEnded(
      long run, int index, MaintenanceRun.StepState s, Instant at, String detail) {
    if (!owned.get()) {
      return false;
    }
    steps.set(index, new StepRecord(s, steps.get(index).upid(), detail));
    return true;
  }

  @Override
  public synchronized void runEnded(
      long run, MaintenanceRun.State s, Instant at, MaintenanceRun.Failure f) {
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i).state() == MaintenanceRun.StepState.PENDING) {
        steps.set(i, new StepRecord(MaintenanceRun.StepState.NOT_RUN, null, null));
      }
    }
    state = s;
    failure = f;
  }

  synchronized List<MaintenanceRun.StepState> states() {
    return steps.stream().map(StepRecord::state).toList();
  }
}
