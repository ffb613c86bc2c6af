package io.github.storageagent.backup.pbs;

import java.util.List;
import java.util.Optional;

/** What one read of a PBS target found, before it becomes metric families. */
public final class PbsReading {

  private PbsReading() {}

  /**
   * One target.
   *
   * @param target configured name
   * @param up whether the API answered with the token (datastore list and usage read)
   * @param error why not, for the log
   * @param stores every datastore the token can see
   * @param jobs verify, sync, prune and gc jobs with a known outcome or schedule
   * @param tasks newest finished backup task per group
   * @param problems partial failures (one store, one endpoint, skipped entries)
   */
  public record Target(
      String target,
      boolean up,
      Optional<String> error,
      List<Store> stores,
      List<Job> jobs,
      List<BackupTask> tasks,
      int problems) {

    public static Target down(String target, String error) {
      return new Target(target, false, Optional.of(error), List.of(), List.of(), List.of(), 1);
    }
  }

  /**
   * One datastore.
   *
   * @param store name
   * @param error why it could not be read (unmounted, error in datastore-usage, endpoint failed)
   * @param usage sizes, absent when in error
   * @param gc last garbage collection, if read
   * @param groups backup groups over all namespaces
   */
  public record Store(
      String store,
      Optional<String> error,
      Optional<Usage> usage,
      Optional<Gc> gc,
      List<Group> groups) {}

  /**
   * @param total bytes
   * @param used bytes
   * @param avail bytes
   * @param estimatedFull Unix seconds, only when PBS gives a date (0 = never full)
   */
  public record Usage(long total, long used, long avail, Optional<Long> estimatedFull) {}

  /**
   * @param pendingBytes bytes GC will free on its next run
   * @param dedupRatio index-data-bytes / disk-bytes, absent before the first GC
   */
  public record Gc(Optional<Long> pendingBytes, Optional<Double> dedupRatio) {}

  /**
   * A backup group (guest or host) in one namespace.
   *
   * @param namespace "" for the root
   * @param backupType vm, ct or host
   * @param backupId vmid or host name
   * @param lastBackup newest snapshot, Unix seconds
   * @param snapshots backup-count
   * @param comment group notes' first line, "" if none
   * @param verify newest snapshot's verify state, if its snapshot list was read
   */
  public record Group(
      String namespace,
      String backupType,
      String backupId,
      long lastBackup,
      long snapshots,
      String comment,
      Optional<VerifyState> verify) {}

  /**
   * A verify, sync, prune or gc job.
   *
   * @param jobType verify, sync, prune, gc
   * @param jobId job id (the datastore for gc)
   * @param datastore the job's (local) datastore
   * @param lastSuccess outcome of its last finished run, if any
   * @param lastEnd end of its last finished run, Unix seconds
   * @param nextRun next scheduled start, Unix seconds
   */
  public record Job(
      String jobType,
      String jobId,
      String datastore,
      Optional<Boolean> lastSuccess,
      Optional<Long> lastEnd,
      Optional<Long> nextRun) {}

  /** The newest finished backup task of a group (task list has no namespace). */
  public record BackupTask(
      String datastore, String backupType, String backupId, long endTime, boolean success) {}
}
