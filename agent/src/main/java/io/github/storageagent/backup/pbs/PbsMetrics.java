package io.github.storageagent.backup.pbs;

import io.github.storageagent.backup.pbs.PbsReading.BackupTask;
import io.github.storageagent.backup.pbs.PbsReading.Group;
import io.github.storageagent.backup.pbs.PbsReading.Job;
import io.github.storageagent.backup.pbs.PbsReading.Store;
import io.github.storageagent.backup.pbs.PbsReading.Target;
import io.github.storageagent.collect.Families;
import io.github.storageagent.collect.Family;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.Unit;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Maps PBS readings to the {@code storage_pbs_*} families. A target that is down only has {@code
 * storage_pbs_up 0}: its other series disappear rather than go stale. {@code
 * storage_pbs_group_info}, one series per backup group that only repeats the group's labels and its
 * notes, and {@code storage_pbs_group_newest_snapshot_size_bytes}, one more per backup group, are
 * exported only for the targets that ask for them.
 */
public final class PbsMetrics {

  static final Family UP =
      Family.gauge(
          "storage_pbs_up", "1 if the PBS API answered the agent's token, 0 if not.", "target");

  static final Family DATASTORE_UP =
      Family.gauge(
          "storage_pbs_datastore_up",
          "1 if the datastore could be read, 0 if it is in error, unmounted or its endpoints failed"
              + " (the mount and maintenance labels of storage_pbs_datastore_info tell a chosen"
              + " state from a fault).",
          "datastore",
          "target");
  static final Family DATASTORE_INFO =
      Family.info(
          "storage_pbs_datastore_info",
          "Datastore backend (backend-type: filesystem or s3; PBS 3 has filesystem only), mount"
              + " status (mount-status: mounted or notmounted for removable datastores,"
              + " nonremovable for the others) and maintenance mode (type of its maintenance"
              + " setting, none when not in maintenance), value 1.",
          "backend",
          "datastore",
          "maintenance",
          "mount",
          "target");
  static final Family S3_REQUESTS =
      Family.counter(
          "storage_pbs_datastore_s3_requests_total",
          "Requests the datastore made to its S3 backend, by HTTP method (s3-statistics; reset"
              + " when the PBS daemon restarts).",
          "datastore",
          "method",
          "target");
  static final Family S3_DOWNLOADED =
      Family.counter(
          "storage_pbs_datastore_s3_downloaded_bytes_total",
          Unit.BYTES,
          "Bytes the datastore fetched from its S3 backend (s3-statistics downloaded).",
          "datastore",
          "target");
  static final Family S3_UPLOADED =
      Family.counter(
          "storage_pbs_datastore_s3_uploaded_bytes_total",
          Unit.BYTES,
          "Bytes the datastore sent to its S3 backend (s3-statistics uploaded).",
          "datastore",
          "target");
  static final Family DATASTORE_SIZE =
      Family.gauge(
          "storage_pbs_datastore_size_bytes",
          Unit.BYTES,
          "Datastore size (total).",
          "datastore",
          "target");
  static final Family DATASTORE_USED =
      Family.gauge(
          "storage_pbs_datastore_used_bytes",
          Unit.BYTES,
          "Datastore bytes used.",
          "datastore",
          "target");
  static final Family DATASTORE_AVAILABLE =
      Family.gauge(
          "storage_pbs_datastore_available_bytes",
          Unit.BYTES,
          "Datastore bytes available.",
          "datastore",
          "target");
  static final Family DATASTORE_FULL =
      Family.gauge(
          "storage_pbs_datastore_estimated_full_timestamp_seconds",
          Unit.SECONDS,
          "When PBS estimates the datastore full, from its usage history; only present when that date is in the future.",
          "datastore",
          "target");
  static final Family GC_PENDING =
      Family.gauge(
          "storage_pbs_gc_pending_bytes",
          Unit.BYTES,
          "Bytes the next garbage collection will free (pending-bytes of the last GC).",
          "datastore",
          "target");
  static final Family DEDUP =
      Family.gauge(
          "storage_pbs_datastore_dedup_ratio",
          "Deduplication factor of the last GC: index-data-bytes / disk-bytes.",
          "datastore",
          "target");

  static final Family GROUP_LAST_BACKUP =
      Family.gauge(
          "storage_pbs_group_last_backup_timestamp_seconds",
          Unit.SECONDS,
          "Time of the group's newest snapshot (last-backup).",
          "backup_id",
          "backup_type",
          "datastore",
          "namespace",
          "target");
  static final Family GROUP_SNAPSHOTS =
      Family.gauge(
          "storage_pbs_group_snapshots",
          "Snapshots in the group (backup-count).",
          "backup_id",
          "backup_type",
          "datastore",
          "namespace",
          "target");
  static final Family GROUP_NEWEST_SIZE =
      Family.gauge(
          "storage_pbs_group_newest_snapshot_size_bytes",
          Unit.BYTES,
          "Size of the group's newest snapshot (its size in the snapshot list, read every"
              + " snapshot_interval).",
          "backup_id",
          "backup_type",
          "datastore",
          "namespace",
          "target");
  static final Family GROUP_INFO =
      Family.info(
          "storage_pbs_group_info",
          "Backup group notes (first line), value 1.",
          "backup_id",
          "backup_type",
          "comment",
          "datastore",
          "namespace",
          "target");
  static final Family SNAPSHOT_VERIFY =
      Family.stateSet(
          "storage_pbs_snapshot_verify",
          "Verify state of the group's newest snapshot: 1 for the current state of ok, failed, none (never verified).",
          "state",
          "backup_id",
          "backup_type",
          "datastore",
          "namespace",
          "state",
          "target");

  static final Family TASK_SUCCESS =
      Family.gauge(
          "storage_pbs_backup_last_task_success",
          "1 if the group's newest finished backup task succeeded (OK or WARNINGS), 0 if it failed.",
          "backup_id",
          "backup_type",
          "datastore",
          "target");

  static final Family JOB_SUCCESS =
      Family.gauge(
          "storage_pbs_job_last_run_success",
          "1 if the job's last run succeeded (OK or WARNINGS), 0 if it failed; absent before its first run.",
          "datastore",
          "job_id",
          "job_type",
          "target");
  static final Family JOB_END =
      Family.gauge(
          "storage_pbs_job_last_run_end_timestamp_seconds",
          Unit.SECONDS,
          "End of the job's last finished run.",
          "datastore",
          "job_id",
          "job_type",
          "target");
  static final Family JOB_NEXT =
      Family.gauge(
          "storage_pbs_job_next_run_timestamp_seconds",
          Unit.SECONDS,
          "Next scheduled start of the job (only for jobs with a schedule).",
          "datastore",
          "job_id",
          "job_type",
          "target");

  private static final List<String> VERIFY_STATES =
      Arrays.stream(VerifyState.values()).map(VerifyState::label).toList();

  private PbsMetrics() {}

  /**
   * @param targets the latest reading of every target
   * @param groupInfoTargets names of the targets whose groups get {@code storage_pbs_group_info}
   * @param groupSizeTargets names of the targets whose groups get {@code
   *     storage_pbs_group_newest_snapshot_size_bytes}
   * @param now for dropping estimated-full dates in the past
   */
  public static List<MetricSnapshot> families(
      List<Target> targets,
      Set<String> groupInfoTargets,
      Set<String> groupSizeTargets,
      Instant now) {
    Families out = new Families();
    for (Target t : targets) {
      out.add(UP, t.up() ? 1 : 0, t.target());
      if (!t.up()) {
        continue;
      }
      boolean groupInfo = groupInfoTargets.contains(t.target());
      boolean groupSize = groupSizeTargets.contains(t.target());
      for (Store s : t.stores()) {
        datastore(out, t.target(), s, now);
        for (Group g : s.groups()) {
          group(out, t.target(), s.store(), g, groupInfo, groupSize);
        }
      }
      for (BackupTask task : t.tasks()) {
        out.add(
            TASK_SUCCESS,
            task.success() ? 1 : 0,
            task.backupId(),
            task.backupType(),
            task.datastore(),
            t.target());
      }
      for (Job j : t.jobs()) {
        job(out, t.target(), j);
      }
    }
    return out.build();
  }

  private static void datastore(Families out, String target, Store s, Instant now) {
    String store = s.store();
    out.add(DATASTORE_UP, s.error().isEmpty() ? 1 : 0, store, target);
    out.info(
        DATASTORE_INFO,
        s.condition().backend().label(),
        store,
        s.condition().maintenance().label(),
        s.condition().mount().label(),
        target);
    s.s3()
        .ifPresent(
            s3 -> {
              s3.requests()
                  .forEach((method, count) -> out.add(S3_REQUESTS, count, store, method, target));
              out.add(S3_DOWNLOADED, s3.downloadedBytes(), store, target);
              out.add(S3_UPLOADED, s3.uploadedBytes(), store, target);
            });
    s.usage()
        .ifPresent(
            u -> {
              out.add(DATASTORE_SIZE, u.total(), store, target);
              out.add(DATASTORE_USED, u.used(), store, target);
              out.add(DATASTORE_AVAILABLE, u.avail(), store, target);
              out.add(
                  DATASTORE_FULL,
                  u.estimatedFull().filter(at -> at > now.getEpochSecond()),
                  store,
                  target);
            });
    s.gc()
        .ifPresent(
            gc -> {
              out.add(GC_PENDING, gc.pendingBytes(), store, target);
              out.add(DEDUP, gc.dedupRatio(), store, target);
            });
  }

  private static void group(
      Families out, String target, String store, Group g, boolean withInfo, boolean withSize) {
    Labels group =
        Labels.of(
            "backup_id", g.backupId(),
            "backup_type", g.backupType(),
            "datastore", store,
            "namespace", g.namespace(),
            "target", target);
    out.add(GROUP_LAST_BACKUP, g.lastBackup(), group);
    out.add(GROUP_SNAPSHOTS, g.snapshots(), group);
    if (withSize) {
      g.newestSize().ifPresent(size -> out.add(GROUP_NEWEST_SIZE, size, group));
    }
    if (withInfo) {
      out.info(GROUP_INFO, group.add("comment", g.comment()));
    }
    g.verify().ifPresent(state -> out.states(SNAPSHOT_VERIFY, group, VERIFY_STATES, state.label()));
  }

  private static void job(Families out, String target, Job j) {
    String[] job = {j.datastore(), j.jobId(), j.jobType(), target};
    out.add(JOB_SUCCESS, j.lastSuccess().map(ok -> ok ? 1 : 0), job);
    out.add(JOB_END, j.lastEnd(), job);
    out.add(JOB_NEXT, j.nextRun(), job);
  }
}
