package io.github.storageagent.backup.pve;

import io.github.storageagent.backup.RunOutcome;
import io.github.storageagent.backup.Upid;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

/**
 * A vzdump job's last finished run and its next run, from its state file, its {@code jobs.cfg}
 * section and the task index.
 */
final class VzdumpJobStatus {

  private VzdumpJobStatus() {}

  /**
   * The job as its state file tells it now; a job that is running or never ran has no outcome.
   *
   * @param cfg its {@code jobs.cfg} section, null if none
   * @param tasks the task index by UPID, for the end of the run the state file names
   * @param now for a job whose state file does not say when it last ran
   */
  static PveBackupReading.Job of(
      String jobId,
      VzdumpJobState state,
      JobsCfg.Job cfg,
      Map<String, TaskIndex.Entry> tasks,
      Instant now,
      ZoneId zone) {
    Optional<RunOutcome> outcome = Optional.empty();
    Optional<Long> end = Optional.empty();
    if ("stopped".equals(state.state()) && state.msg() != null) {
      outcome = Optional.of(RunOutcome.of(state.msg()));
      TaskIndex.Entry task = state.upid() == null ? null : tasks.get(state.upid());
      end =
          task != null && task.endTime().isPresent()
              ? task.endTime()
              : Optional.ofNullable(state.time()).filter(t -> t > 0);
    }
    return new PveBackupReading.Job(jobId, outcome, end, nextRun(state, cfg, now, zone));
  }

  /** pve-manager's own rule: the next calendar event after the last run (or schedule change). */
  static Optional<Long> nextRun(VzdumpJobState state, JobsCfg.Job cfg, Instant now, ZoneId zone) {
    String schedule = null;
    boolean enabled = true;
    if (state.config() != null && state.config().schedule() != null) {
      schedule = state.config().schedule();
      enabled = !isFalse(state.config().enabled());
    } else if (cfg != null) {
      schedule = cfg.schedule();
      enabled = cfg.enabled();
    }
    if (!enabled || schedule == null) {
      return Optional.empty();
    }
    long lastRun;
    if (state.updated() != null) {
      lastRun = state.updated();
    } else if (state.upid() != null && Upid.parse(state.upid()).isPresent()) {
      lastRun = Upid.parse(state.upid()).get().startTime();
    } else {
      lastRun = state.time() == null ? 0 : state.time();
    }
    if (lastRun <= 0) {
      lastRun = now.getEpochSecond();
    }
    Instant after = Instant.ofEpochSecond(lastRun);
    return CalendarEvent.parse(schedule)
        .flatMap(e -> e.next(after, zone))
        .map(Instant::getEpochSecond);
  }

  private static boolean isFalse(Object enabled) {
    if (enabled == null) {
      return false;
    }
    String s = enabled.toString();
    return s.equals("0") || s.equalsIgnoreCase("false");
  }
}
