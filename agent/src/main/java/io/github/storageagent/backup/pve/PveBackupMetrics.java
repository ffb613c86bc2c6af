package io.github.storageagent.backup.pve;

import io.github.storageagent.backup.GaugeFamily;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.ArrayList;
import java.util.List;

/** Maps the node's vzdump jobs and guests to the {@code storage_pve_*} backup families. */
public final class PveBackupMetrics {

  private PveBackupMetrics() {}

  public static List<MetricSnapshot> families(PveBackupReading reading) {
    var jobSuccess =
        new GaugeFamily(
            "storage_pve_backup_job_last_run_success",
            "1 if the vzdump job's last run succeeded (OK or WARNINGS), 0 if it failed (job errors: at least one guest not backed up).");
    var jobEnd =
        new GaugeFamily(
            "storage_pve_backup_job_last_run_end_timestamp_seconds",
            "End of the vzdump job's last finished run.",
            Unit.SECONDS);
    var jobNext =
        new GaugeFamily(
            "storage_pve_backup_job_next_run_timestamp_seconds",
            "Next run of the vzdump job, from its schedule and last run (only for enabled jobs with a schedule the agent understands).",
            Unit.SECONDS);
    var guestTime =
        new GaugeFamily(
            "storage_pve_guest_last_backup_timestamp_seconds",
            "End of the newest vzdump task on this node that backed the guest up successfully.",
            Unit.SECONDS);
    var guestSuccess =
        new GaugeFamily(
            "storage_pve_guest_last_backup_success",
            "1 if the newest vzdump task on this node that included the guest backed it up, 0 if its backup failed.");
    for (PveBackupReading.Job j : reading.jobs()) {
      Labels l = Labels.of("job_id", j.jobId());
      j.lastSuccess().ifPresent(ok -> jobSuccess.add(l, ok ? 1 : 0));
      j.lastEnd().ifPresent(t -> jobEnd.add(l, t));
      j.nextRun().ifPresent(t -> jobNext.add(l, t));
    }
    for (PveBackupReading.Guest g : reading.guests()) {
      Labels l = Labels.of("type", g.type(), "vmid", g.vmid());
      g.lastSuccessTime().ifPresent(t -> guestTime.add(l, t));
      guestSuccess.add(l, g.lastAttemptSuccess() ? 1 : 0);
    }
    List<MetricSnapshot> out = new ArrayList<>();
    for (GaugeFamily f : List.of(jobSuccess, jobEnd, jobNext, guestTime, guestSuccess)) {
      f.addTo(out);
    }
    return out;
  }
}
