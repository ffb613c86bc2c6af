package io.github.storageagent.backup.pbs;

import io.github.storageagent.backup.pbs.PbsReading.Condition;
import io.github.storageagent.backup.pbs.PbsReading.Gc;
import io.github.storageagent.backup.pbs.PbsReading.S3Traffic;
import io.github.storageagent.backup.pbs.PbsReading.Usage;
import io.github.storageagent.backup.pbs.PbsRecords.Datastore;
import io.github.storageagent.backup.pbs.PbsRecords.DatastoreUsage;
import io.github.storageagent.backup.pbs.PbsRecords.GcCounters;
import io.github.storageagent.backup.pbs.PbsRecords.S3Statistics;
import io.github.storageagent.collect.Messages;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a datastore's entries in {@code /admin/datastore} and {@code /status/datastore-usage} into
 * its condition, whether it can be read, and its numbers. PBS 3 and PBS 4 answers both fit: keys a
 * server does not send take the value PBS itself assumes for them.
 */
final class DatastorePolicy {

  private DatastorePolicy() {}

  /**
   * @param usage the store's datastore-usage entry, null if it has none
   */
  static Condition condition(Datastore store, DatastoreUsage usage) {
    String mount =
        usage != null && usage.mountStatus() != null ? usage.mountStatus() : store.mountStatus();
    return new Condition(
        MountStatus.of(mount),
        MaintenanceMode.parse(store.maintenance()),
        BackendType.of(store.backendType(), usage == null ? null : usage.backendType()));
  }

  /** Why the store's groups cannot be read, if they cannot. */
  static Optional<String> unreadable(Condition condition, DatastoreUsage usage) {
    if (condition.mount() == MountStatus.NOT_MOUNTED) {
      return Optional.of("datastore not mounted");
    }
    if (usage == null) {
      return Optional.of("missing from datastore-usage");
    }
    if (usage.error() != null && !usage.error().isBlank()) {
      return Optional.of(Messages.oneLine(usage.error(), 200));
    }
    return Optional.empty();
  }

  /** Sizes, when PBS gave all three; the estimate only when it is a date (0 = never full). */
  static Optional<Usage> usage(DatastoreUsage u) {
    if (u == null || u.total() == null || u.used() == null || u.avail() == null) {
      return Optional.empty();
    }
    return Optional.of(
        new Usage(
            u.total(),
            u.used(),
            u.avail(),
            Optional.ofNullable(u.estimatedFullDate()).filter(t -> t > 0)));
  }

  /** GC numbers from a status answer's {@code gc-status}; dedup needs a non-zero disk-bytes. */
  static Optional<Gc> gc(GcCounters c) {
    if (c == null) {
      return Optional.empty();
    }
    Optional<Double> ratio =
        c.indexDataBytes() != null && c.diskBytes() != null && c.diskBytes() > 0
            ? Optional.of((double) c.indexDataBytes() / c.diskBytes())
            : Optional.empty();
    return Optional.of(new Gc(Optional.ofNullable(c.pendingBytes()), ratio));
  }

  /** The S3 counters; a missing counter reads 0, as PBS starts every one at 0. */
  static S3Traffic s3(S3Statistics s) {
    Map<String, Long> requests = new LinkedHashMap<>();
    requests.put("get", orZero(s.get()));
    requests.put("put", orZero(s.put()));
    requests.put("post", orZero(s.post()));
    requests.put("head", orZero(s.head()));
    requests.put("delete", orZero(s.delete()));
    return new S3Traffic(orZero(s.downloaded()), orZero(s.uploaded()), requests);
  }

  private static long orZero(Long v) {
    return v == null || v < 0 ? 0 : v;
  }
}
