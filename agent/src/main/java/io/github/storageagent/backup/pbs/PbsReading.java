package io.github.storageagent.backup.pbs;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
   * @param condition mount status, maintenance mode and backend
   * @param error why it could not be read (not mounted, error in datastore-usage, endpoint failed)
   * @param usage sizes, absent when in error
   * @param gc last garbage collection, if read
   * @param groups backup groups over all namespaces
   * @param s3 request and traffic counters of an S3-backed store, if read
   */
  public record Store(
      String store,
      Condition condition,
      Optional<String> error,
      Optional<Usage> usage,
      Optional<Gc> gc,
      List<Group> groups,
      Optional<S3Traffic> s3) {

    /** A filesystem store without mount status or maintenance (PBS 3 and older). */
    public Store(
        String store,
        Optional<String> error,
        Optional<Usage> usage,
        Optional<Gc> gc,
        List<Group> groups) {
      this(store, Condition.PLAIN, error, usage, gc, groups, Optional.empty());
    }

    /**
     * Whether the store being unreadable is a fault: not when it is a removable store that is not
     * mounted, nor when a maintenance mode refuses reads (both are states someone chose).
     */
    public boolean faulty() {
      return error.isPresent() && !condition.expectedUnreadable();
    }
  }

  /**
   * What PBS says about a datastore besides its numbers.
   *
   * @param mount mount status (removable stores)
   * @param maintenance maintenance mode
   * @param backend where the chunks are
   */
  public record Condition(MountStatus mount, MaintenanceMode maintenance, BackendType backend) {

    public static final Condition PLAIN =
        new Condition(MountStatus.NON_REMOVABLE, MaintenanceMode.NONE, BackendType.FILESYSTEM);

    /** Unreadable by choice: a removable store not mounted, or maintenance that refuses reads. */
    public boolean expectedUnreadable() {
      return mount == MountStatus.NOT_MOUNTED || maintenance.blocksReads();
    }
  }

  /**
   * S3 counters of a datastore (cumulative since the PBS daemon started).
   *
   * @param downloadedBytes bytes fetched from the bucket
   * @param uploadedBytes bytes sent to the bucket
   * @param requests requests by HTTP method (lower case), in a fixed order
   */
  public record S3Traffic(long downloadedBytes, long uploadedBytes, Map<String, Long> requests) {
    public S3Traffic {
      requests = Collections.unmodifiableMap(new LinkedHashMap<>(requests));
    }
  }

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
   * @param newestSize newest snapshot's size in bytes, if its snapshot list was read and PBS gave
   *     it
   */
  public record Group(
      String namespace,
      String backupType,
      String backupId,
      long lastBackup,
      long snapshots,
      String comment,
      Optional<VerifyState> verify,
      Optional<Long> newestSize) {}

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
