package io.github.storageagent.backup.pve;

import io.github.storageagent.backup.RunOutcome;
import io.github.storageagent.collect.Families;
import io.github.storageagent.collect.Family;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.Arrays;
import java.util.List;

/** Maps the node's vzdump jobs and guests to the {@code storage_pve_*} backup families. */
public final class PveBackupMetrics {

  static final Family JOB_SUCCESS =
      Family.gauge(
          "storage_pve_backup_job_last_run_success",
          "1 if the vzdump job's last run succeeded (OK or WARNINGS), 0 if it failed (job errors: at least one guest not backed up).",
          "job_id");
  static final Family JOB_STATE =
      Family.stateSet(
          "storage_pve_backup_job_last_run_state",
          "How the vzdump job's last run ended: ok, warnings (WARNINGS: n, every guest backed up) or"
              + " failed; 1 for the current state, absent before its first run.",
          "state",
          "job_id",
          "state");
  static final Family JOB_END =
      Family.gauge(
          "storage_pve_backup_job_last_run_end_timestamp_seconds",
          Unit.SECONDS,
          "End of the vzdump job's last finished run.",
          "job_id");
  static final Family JOB_NEXT =
      Family.gauge(
          "storage_pve_backup_job_next_run_timestamp_seconds",
          Unit.SECONDS,
          "Next run of the vzdump job, from its schedule and last run (only for enabled jobs with a schedule the agent understands).",
          "job_id");

  static final Family GUEST_TIME =
      Family.gauge(
          "storage_pve_guest_last_backup_timestamp_seconds",
          Unit.SECONDS,
          "End of the newest vzdump task on this node that backed the guest up successfully.",
          "type",
          "vmid");
  static final Family GUEST_SUCCESS =
      Family.gauge(
          "storage_pve_guest_last_backup_success",
          "1 if the newest vzdump task on this node that included the guest backed it up (warnings"
              + " included), 0 if its backup failed.",
          "type",
          "vmid");

  private static final List<String> OUTCOMES =
      Arrays.stream(RunOutcome.values()).map(RunOutcome::label).toList();

  private PveBackupMetrics() {}

  public static List<MetricSnapshot> families(PveBackupReading reading) {
    Families out = new Families();
    reading.jobs().forEach(j -> job(out, j));
    reading.guests().forEach(g -> guest(out, g));
    return out.build();
  }

  private static void job(Families out, PveBackupReading.Job j) {
    out.add(JOB_SUCCESS, j.lastSuccess().map(ok -> ok ? 1 : 0), j.jobId());
    j.lastOutcome()
        .ifPresent(
            outcome ->
                out.states(JOB_STATE, Labels.of("job_id", j.jobId()), OUTCOMES, outcome.label()));
    out.add(JOB_END, j.lastEnd(), j.jobId());
    out.add(JOB_NEXT, j.nextRun(), j.jobId());
  }

  private static void guest(Families out, PveBackupReading.Guest g) {
    out.add(GUEST_TIME, g.lastSuccessTime(), g.type(), g.vmid());
    out.add(GUEST_SUCCESS, g.lastAttemptSuccess() ? 1 : 0, g.type(), g.vmid());
  }
}
