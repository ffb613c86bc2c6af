package io.github.storageagent.backup.pbs;

import static io.github.storageagent.backup.JsonFields.bool;
import static io.github.storageagent.backup.JsonFields.object;
import static io.github.storageagent.backup.JsonFields.text;
import static io.github.storageagent.backup.JsonFields.wholeNumber;

import com.fasterxml.jackson.jr.stree.JrsObject;
import io.github.storageagent.backup.JsonFields.BadValueException;

/**
 * The PBS API answers the collector reads, as typed records. Keys are PBS's own (kebab-case, the
 * task list snake_case); every optional field is nullable and unknown keys are ignored, so older
 * and newer PBS versions parse alike. Each record's {@code from} names the keys it reads and is
 * what {@link PbsJson} is handed to read it; {@link io.github.storageagent.backup.JsonFields} says
 * which values fit which component.
 */
public final class PbsRecords {

  private PbsRecords() {}

  /**
   * {@code GET /admin/datastore} entry. {@code mount-status} (PBS 3.3+), {@code maintenance} (a
   * property string such as {@code type=offline,message=...}) and {@code backend-type} (PBS 4) are
   * absent on older servers.
   */
  public record Datastore(
      String store, String comment, String mountStatus, String maintenance, String backendType) {

    public static Datastore from(JrsObject o) throws BadValueException {
      return new Datastore(
          text(o, "store"),
          text(o, "comment"),
          text(o, "mount-status"),
          text(o, "maintenance"),
          text(o, "backend-type"));
    }
  }

  /**
   * {@code GET /status/datastore-usage} entry; sizes are absent when the store is in error or not
   * mounted. {@code gc-status} is the last garbage collection's counters, absent before the first.
   */
  public record DatastoreUsage(
      String store,
      Long total,
      Long used,
      Long avail,
      Long estimatedFullDate,
      String error,
      String mountStatus,
      String backendType,
      GcCounters gcStatus) {

    public static DatastoreUsage from(JrsObject o) throws BadValueException {
      return new DatastoreUsage(
          text(o, "store"),
          wholeNumber(o, "total"),
          wholeNumber(o, "used"),
          wholeNumber(o, "avail"),
          wholeNumber(o, "estimated-full-date"),
          text(o, "error"),
          text(o, "mount-status"),
          text(o, "backend-type"),
          object(o, "gc-status", GcCounters::from));
    }
  }

  /** The {@code gc-status} object of the datastore status answers (the counters of the last GC). */
  public record GcCounters(Long indexDataBytes, Long diskBytes, Long pendingBytes) {

    public static GcCounters from(JrsObject o) throws BadValueException {
      return new GcCounters(
          wholeNumber(o, "index-data-bytes"),
          wholeNumber(o, "disk-bytes"),
          wholeNumber(o, "pending-bytes"));
    }
  }

  /**
   * {@code GET /admin/datastore/{store}/status}: PBS 4 adds {@code backend-type} and, for S3
   * stores, {@code s3-statistics}.
   */
  public record DatastoreStatus(
      Long total,
      Long used,
      Long avail,
      GcCounters gcStatus,
      String backendType,
      S3Statistics s3Statistics) {

    public static DatastoreStatus from(JrsObject o) throws BadValueException {
      return new DatastoreStatus(
          wholeNumber(o, "total"),
          wholeNumber(o, "used"),
          wholeNumber(o, "avail"),
          object(o, "gc-status", GcCounters::from),
          text(o, "backend-type"),
          object(o, "s3-statistics", S3Statistics::from));
    }
  }

  /**
   * S3 request and traffic counters of a datastore with an S3 backend (cumulative, reset when the
   * PBS daemon restarts).
   */
  public record S3Statistics(
      Long downloaded, Long uploaded, Long get, Long post, Long put, Long head, Long delete) {

    public static S3Statistics from(JrsObject o) throws BadValueException {
      return new S3Statistics(
          wholeNumber(o, "downloaded"),
          wholeNumber(o, "uploaded"),
          wholeNumber(o, "get"),
          wholeNumber(o, "post"),
          wholeNumber(o, "put"),
          wholeNumber(o, "head"),
          wholeNumber(o, "delete"));
    }
  }

  /** {@code GET /admin/datastore/{store}/namespace} entry; "" is the root namespace. */
  public record Namespace(String ns, String comment) {

    public static Namespace from(JrsObject o) throws BadValueException {
      return new Namespace(text(o, "ns"), text(o, "comment"));
    }
  }

  /** {@code GET /admin/datastore/{store}/groups} entry. */
  public record BackupGroup(
      String backupType,
      String backupId,
      Long lastBackup,
      Long backupCount,
      String owner,
      String comment) {

    public static BackupGroup from(JrsObject o) throws BadValueException {
      return new BackupGroup(
          text(o, "backup-type"),
          text(o, "backup-id"),
          wholeNumber(o, "last-backup"),
          wholeNumber(o, "backup-count"),
          text(o, "owner"),
          text(o, "comment"));
    }
  }

  /** The {@code verification} object of a snapshot. */
  public record Verification(String state, String upid) {

    public static Verification from(JrsObject o) throws BadValueException {
      return new Verification(text(o, "state"), text(o, "upid"));
    }
  }

  /** {@code GET /admin/datastore/{store}/snapshots} entry (only the fields the agent uses). */
  public record SnapshotEntry(
      String backupType,
      String backupId,
      Long backupTime,
      String comment,
      Verification verification,
      Long size,
      Boolean isProtected) {

    public static SnapshotEntry from(JrsObject o) throws BadValueException {
      return new SnapshotEntry(
          text(o, "backup-type"),
          text(o, "backup-id"),
          wholeNumber(o, "backup-time"),
          text(o, "comment"),
          object(o, "verification", Verification::from),
          wholeNumber(o, "size"),
          bool(o, "protected"));
    }
  }

  /** {@code GET /admin/datastore/{store}/gc}: the last garbage collection and its job state. */
  public record GcStatus(
      String store,
      String upid,
      Long indexFileCount,
      Long indexDataBytes,
      Long diskBytes,
      Long diskChunks,
      Long removedBytes,
      Long pendingBytes,
      String schedule,
      Long nextRun,
      Long lastRunEndtime,
      String lastRunState) {

    public static GcStatus from(JrsObject o) throws BadValueException {
      return new GcStatus(
          text(o, "store"),
          text(o, "upid"),
          wholeNumber(o, "index-file-count"),
          wholeNumber(o, "index-data-bytes"),
          wholeNumber(o, "disk-bytes"),
          wholeNumber(o, "disk-chunks"),
          wholeNumber(o, "removed-bytes"),
          wholeNumber(o, "pending-bytes"),
          text(o, "schedule"),
          wholeNumber(o, "next-run"),
          wholeNumber(o, "last-run-endtime"),
          text(o, "last-run-state"));
    }
  }

  /** {@code GET /admin/verify}, {@code /admin/sync}, {@code /admin/prune} entry. */
  public record JobStatus(
      String id,
      String store,
      String ns,
      String schedule,
      Long nextRun,
      String lastRunState,
      String lastRunUpid,
      Long lastRunEndtime) {

    public static JobStatus from(JrsObject o) throws BadValueException {
      return new JobStatus(
          text(o, "id"),
          text(o, "store"),
          text(o, "ns"),
          text(o, "schedule"),
          wholeNumber(o, "next-run"),
          text(o, "last-run-state"),
          text(o, "last-run-upid"),
          wholeNumber(o, "last-run-endtime"));
    }
  }

  /** {@code GET /nodes/localhost/tasks} entry (snake_case keys). */
  public record Task(
      String upid,
      String node,
      Long starttime,
      Long endtime,
      String workerType,
      String workerId,
      String user,
      String status) {

    public static Task from(JrsObject o) throws BadValueException {
      return new Task(
          text(o, "upid"),
          text(o, "node"),
          wholeNumber(o, "starttime"),
          wholeNumber(o, "endtime"),
          text(o, "worker_type"),
          text(o, "worker_id"),
          text(o, "user"),
          text(o, "status"));
    }
  }

  /** {@code GET /version}. */
  public record Version(String version, String release, String repoid) {

    public static Version from(JrsObject o) throws BadValueException {
      return new Version(text(o, "version"), text(o, "release"), text(o, "repoid"));
    }
  }
}
