package io.github.storageagent.backup.pbs;

/**
 * What the agent keeps of a group's (possibly long) snapshot list: the newest snapshot's time and
 * verify state, and how many snapshots the list had.
 *
 * @param backupTime newest snapshot's backup-time, Unix seconds (0 if the list was empty)
 * @param verify its verify state
 * @param count number of snapshots in the list
 */
public record NewestSnapshot(long backupTime, VerifyState verify, long count) {}
