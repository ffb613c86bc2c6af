package io.github.storageagent.backup.pbs;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;

/**
 * Newest snapshot per group, so that each group's snapshot list (PBS reads every manifest to answer
 * it) is fetched at most once per {@code refresh} however often the collector runs.
 */
final class SnapshotCache {

  /** A group in a datastore namespace. */
  record GroupKey(String store, String namespace, String backupType, String backupId) {}

  private final Cache<GroupKey, NewestSnapshot> cache;

  SnapshotCache(Duration refresh) {
    this.cache = Caffeine.newBuilder().expireAfterWrite(refresh).maximumSize(200_000).build();
  }

  Optional<NewestSnapshot> get(GroupKey key) {
    return Optional.ofNullable(cache.getIfPresent(key));
  }

  void put(GroupKey key, NewestSnapshot newest) {
    cache.put(key, newest);
  }

  long size() {
    return cache.estimatedSize();
  }

  /**
   * The verify state to report for a group whose newest backup is {@code lastBackup}: a snapshot
   * newer than the cached list was not looked at yet, and a fresh snapshot has not been verified
   * until a verify job (or verify-new) ran, so it counts as never verified until the next refresh.
   */
  static VerifyState stateFor(NewestSnapshot cached, long lastBackup) {
    return lastBackup > cached.backupTime() ? VerifyState.NONE : cached.verify();
  }
}
