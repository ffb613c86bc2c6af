package io.github.storageagent.backup.pbs;

import java.util.Optional;

/**
 * What the agent keeps of a group's (possibly long) snapshot list: the newest snapshot's time,
 * verify state and size, and how many snapshots the list had.
 *
 * @param backupTime newest snapshot's backup-time, Unix seconds (0 if the list was empty)
 * @param verify its verify state
 * @param count number of snapshots in the list
 * @param size its size in bytes, if PBS gave it (absent in old manifests)
 */
public record NewestSnapshot(long backupTime, VerifyState verify, long count, Optional<Long> size) {

  public NewestSnapshot(long backupTime, VerifyState verify, long count) {
    this(backupTime, verify, count, Optional.empty());
  }
}
