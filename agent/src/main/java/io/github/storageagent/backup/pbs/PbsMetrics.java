package io.github.storageagent.backup.pbs;

import io.github.storageagent.backup.GaugeFamily;
import io.github.storageagent.backup.pbs.PbsReading.BackupTask;
import io.github.storageagent.backup.pbs.PbsReading.Group;
import io.github.storageagent.backup.pbs.PbsReading.Job;
import io.github.storageagent.backup.pbs.PbsReading.Store;
import io.github.storageagent.backup.pbs.PbsReading.Target;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.Unit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Maps PBS readings to the {@code storage_pbs_*} families. A target that is down only has {@code
 * storage_pbs_up 0}: its other series disappear rather than go stale. {@code
 * storage_pbs_group_info}, one series per backup group that only repeats the group's labels and its
 * notes, is exported only for the targets that ask for it.
 */
public final class PbsMetrics {

  private PbsMetrics() {}

  /**
   * @param targets the latest reading of every target
   * @param groupInfoTargets names of the targets whose groups get {@code storage_pbs_group_info}
   * @param now for dropping estimated-full dates in the past
   */
  public static List<MetricSnapshot> families(
      List<Target> targets, Set<String> groupInfoTargets, Instant now) {
    var up =
        new GaugeFamily("storage_pbs_up", "1 if the PBS API answered the agent's token, 0 if not.");
    var storeUp =
        new GaugeFamily(
            "storage_pbs_datastore_up",
            "1 if the datastore could be read, 0 if it is in error, unmounted or its endpoints failed.");
    var size =
        new GaugeFamily("storage_pbs_datastore_size_bytes", "Datastore size (total).", Unit.BYTES);
    var used =
        new GaugeFamily("storage_pbs_datastore_used_bytes", "Datastore bytes used.", Unit.BYTES);
    var avail =
        new GaugeFamily(
            "storage_pbs_datastore_available_bytes", "Datastore bytes available.", Unit.BYTES);
    var full =
        new GaugeFamily(
            "storage_pbs_datastore_estimated_full_timestamp_seconds",
            "When PBS estimates the datastore full, from its usage history; only present when that date is in the future.",
            Unit.SECONDS);
    var gcPending =
        new GaugeFamily(
            "storage_pbs_gc_pending_bytes",
            "Bytes the next garbage collection will free (pending-bytes of the last GC).",
            Unit.BYTES);
    var dedup =
        new GaugeFamily(
            "storage_pbs_datastore_dedup_ratio",
            "Deduplication factor of the last GC: index-data-bytes / disk-bytes.");
    var lastBackup =
        new GaugeFamily(
            "storage_pbs_group_last_backup_timestamp_seconds",
            "Time of the group's newest snapshot (last-backup).",
            Unit.SECONDS);
    var count =
        new GaugeFamily("storage_pbs_group_snapshots", "Snapshots in the group (backup-count).");
    var info =
        new GaugeFamily("storage_pbs_group_info", "Backup group notes (first line), value 1.");
    var verify =
        new GaugeFamily(
            "storage_pbs_snapshot_verify",
            "Verify state of the group's newest snapshot: 1 for the current state of ok, failed, none (never verified).");
    var taskSuccess =
        new GaugeFamily(
            "storage_pbs_backup_last_task_success",
            "1 if the group's newest finished backup task succeeded (OK or WARNINGS), 0 if it failed.");
    var jobSuccess =
        new GaugeFamily(
            "storage_pbs_job_last_run_success",
            "1 if the job's last run succeeded (OK or WARNINGS), 0 if it failed; absent before its first run.");
    var jobEnd =
        new GaugeFamily(
            "storage_pbs_job_last_run_end_timestamp_seconds",
            "End of the job's last finished run.",
            Unit.SECONDS);
    var jobNext =
        new GaugeFamily(
            "storage_pbs_job_next_run_timestamp_seconds",
            "Next scheduled start of the job (only for jobs with a schedule).",
            Unit.SECONDS);

    for (Target t : targets) {
      up.add(Labels.of("target", t.target()), t.up() ? 1 : 0);
      if (!t.up()) {
        continue;
      }
      for (Store s : t.stores()) {
        Labels store = Labels.of("datastore", s.store(), "target", t.target());
        storeUp.add(store, s.error().isEmpty() ? 1 : 0);
        s.usage()
            .ifPresent(
                u -> {
                  size.add(store, u.total());
                  used.add(store, u.used());
                  avail.add(store, u.avail());
                  u.estimatedFull()
                      .filter(at -> at > now.getEpochSecond())
                      .ifPresent(at -> full.add(store, at));
                });
        s.gc()
            .ifPresent(
                gc -> {
                  gc.pendingBytes().ifPresent(v -> gcPending.add(store, v));
                  gc.dedupRatio().ifPresent(v -> dedup.add(store, v));
                });
        boolean withInfo = groupInfoTargets.contains(t.target());
        for (Group g : s.groups()) {
          Labels group =
              Labels.of(
                  "backup_id", g.backupId(),
                  "backup_type", g.backupType(),
                  "datastore", s.store(),
                  "namespace", g.namespace(),
                  "target", t.target());
          lastBackup.add(group, g.lastBackup());
          count.add(group, g.snapshots());
          if (withInfo) {
            info.add(group.add("comment", g.comment()), 1);
          }
          g.verify()
              .ifPresent(
                  state -> {
                    for (VerifyState candidate : VerifyState.values()) {
                      verify.add(group.add("state", candidate.label()), candidate == state ? 1 : 0);
                    }
                  });
        }
      }
      for (BackupTask task : t.tasks()) {
        taskSuccess.add(
            Labels.of(
                "backup_id", task.backupId(),
                "backup_type", task.backupType(),
                "datastore", task.datastore(),
                "target", t.target()),
            task.success() ? 1 : 0);
      }
      for (Job j : t.jobs()) {
        Labels job =
            Labels.of(
                "datastore", j.datastore(),
                "job_id", j.jobId(),
                "job_type", j.jobType(),
                "target", t.target());
        j.lastSuccess().ifPresent(ok -> jobSuccess.add(job, ok ? 1 : 0));
        j.lastEnd().ifPresent(end -> jobEnd.add(job, end));
        j.nextRun().ifPresent(next -> jobNext.add(job, next));
      }
    }
    List<MetricSnapshot> out = new ArrayList<>();
    for (GaugeFamily f :
        List.of(
            up,
            storeUp,
            size,
            used,
            avail,
            full,
            gcPending,
            dedup,
            lastBackup,
            count,
            info,
            verify,
            taskSuccess,
            jobSuccess,
            jobEnd,
            jobNext)) {
      f.addTo(out);
    }
    return out;
  }
}
