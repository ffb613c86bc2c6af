package io.github.storageagent.backup.pbs;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The PBS API answers the collector reads, as typed records. Keys are PBS's own (kebab-case, the
 * task list snake_case); every optional field is nullable and unknown keys are ignored, so older
 * and newer PBS versions parse alike.
 */
public final class PbsRecords {

  private PbsRecords() {}

  /**
   * {@code GET /admin/datastore} entry. {@code mount-status} (PBS 3.3+), {@code maintenance} (a
   * property string such as {@code type=offline,message=...}) and {@code backend-type} (PBS 4) are
   * absent on older servers.
   */
  public record Datastore(
      @JsonProperty("store") String store,
      @JsonProperty("comment") String comment,
      @JsonProperty("mount-status") String mountStatus,
      @JsonProperty("maintenance") String maintenance,
      @JsonProperty("backend-type") String backendType) {}

  /**
   * {@code GET /status/datastore-usage} entry; sizes are absent when the store is in error or not
   * mounted. {@code gc-status} is the last garbage collection's counters, absent before the first.
   */
  public record DatastoreUsage(
      @JsonProperty("store") String store,
      @JsonProperty("total") Long total,
      @JsonProperty("used") Long used,
      @JsonProperty("avail") Long avail,
      @JsonProperty("estimated-full-date") Long estimatedFullDate,
      @JsonProperty("error") String error,
      @JsonProperty("mount-status") String mountStatus,
      @JsonProperty("backend-type") String backendType,
      @JsonProperty("gc-status") GcCounters gcStatus) {}

  /** The {@code gc-status} object of the datastore status answers (the counters of the last GC). */
  public record GcCounters(
      @JsonProperty("index-data-bytes") Long indexDataBytes,
      @JsonProperty("disk-bytes") Long diskBytes,
      @JsonProperty("pending-bytes") Long pendingBytes) {}

  /**
   * {@code GET /admin/datastore/{store}/status}: PBS 4 adds {@code backend-type} and, for S3
   * stores, {@code s3-statistics}.
   */
  public record DatastoreStatus(
      @JsonProperty("total") Long total,
      @JsonProperty("used") Long used,
      @JsonProperty("avail") Long avail,
      @JsonProperty("gc-status") GcCounters gcStatus,
      @JsonProperty("backend-type") String backendType,
      @JsonProperty("s3-statistics") S3Statistics s3Statistics) {}

  /**
   * S3 request and traffic counters of a datastore with an S3 backend (cumulative, reset when the
   * PBS daemon restarts).
   */
  public record S3Statistics(
      @JsonProperty("downloaded") Long downloaded,
      @JsonProperty("uploaded") Long uploaded,
      @JsonProperty("get") Long get,
      @JsonProperty("post") Long post,
      @JsonProperty("put") Long put,
      @JsonProperty("head") Long head,
      @JsonProperty("delete") Long delete) {}

  /** {@code GET /admin/datastore/{store}/namespace} entry; "" is the root namespace. */
  public record Namespace(@JsonProperty("ns") String ns, @JsonProperty("comment") String comment) {}

  /** {@code GET /admin/datastore/{store}/groups} entry. */
  public record BackupGroup(
      @JsonProperty("backup-type") String backupType,
      @JsonProperty("backup-id") String backupId,
      @JsonProperty("last-backup") Long lastBackup,
      @JsonProperty("backup-count") Long backupCount,
      @JsonProperty("owner") String owner,
      @JsonProperty("comment") String comment) {}

  /** The {@code verification} object of a snapshot. */
  public record Verification(
      @JsonProperty("state") String state, @JsonProperty("upid") String upid) {}

  /** {@code GET /admin/datastore/{store}/snapshots} entry (only the fields the agent uses). */
  public record SnapshotEntry(
      @JsonProperty("backup-type") String backupType,
      @JsonProperty("backup-id") String backupId,
      @JsonProperty("backup-time") Long backupTime,
      @JsonProperty("comment") String comment,
      @JsonProperty("verification") Verification verification,
      @JsonProperty("size") Long size,
      @JsonProperty("protected") Boolean isProtected) {}

  /** {@code GET /admin/datastore/{store}/gc}: the last garbage collection and its job state. */
  public record GcStatus(
      @JsonProperty("store") String store,
      @JsonProperty("upid") String upid,
      @JsonProperty("index-file-count") Long indexFileCount,
      @JsonProperty("index-data-bytes") Long indexDataBytes,
      @JsonProperty("disk-bytes") Long diskBytes,
      @JsonProperty("disk-chunks") Long diskChunks,
      @JsonProperty("removed-bytes") Long removedBytes,
      @JsonProperty("pending-bytes") Long pendingBytes,
      @JsonProperty("schedule") String schedule,
      @JsonProperty("next-run") Long nextRun,
      @JsonProperty("last-run-endtime") Long lastRunEndtime,
      @JsonProperty("last-run-state") String lastRunState) {}

  /** {@code GET /admin/verify}, {@code /admin/sync}, {@code /admin/prune} entry. */
  public record JobStatus(
      @JsonProperty("id") String id,
      @JsonProperty("store") String store,
      @JsonProperty("ns") String ns,
      @JsonProperty("schedule") String schedule,
      @JsonProperty("next-run") Long nextRun,
      @JsonProperty("last-run-state") String lastRunState,
      @JsonProperty("last-run-upid") String lastRunUpid,
      @JsonProperty("last-run-endtime") Long lastRunEndtime) {}

  /** {@code GET /nodes/localhost/tasks} entry (snake_case keys). */
  public record Task(
      @JsonProperty("upid") String upid,
      @JsonProperty("node") String node,
      @JsonProperty("starttime") Long starttime,
      @JsonProperty("endtime") Long endtime,
      @JsonProperty("worker_type") String workerType,
      @JsonProperty("worker_id") String workerId,
      @JsonProperty("user") String user,
      @JsonProperty("status") String status) {}

  /** {@code GET /version}. */
  public record Version(
      @JsonProperty("version") String version,
      @JsonProperty("release") String release,
      @JsonProperty("repoid") String repoid) {}
}
