package io.github.storageagent.disk;

/**
 * The value columns of a /proc/diskstats line, in the kernel's order (after major, minor, name).
 */
public enum DiskStatField {
  READS_COMPLETED,
  READS_MERGED,
  SECTORS_READ,
  READ_TIME_MS,
  WRITES_COMPLETED,
  WRITES_MERGED,
  SECTORS_WRITTEN,
  WRITE_TIME_MS,
  IO_IN_PROGRESS,
  IO_TIME_MS,
  WEIGHTED_IO_TIME_MS,
  /** Since Linux 4.18. */
  DISCARDS_COMPLETED,
  DISCARDS_MERGED,
  SECTORS_DISCARDED,
  DISCARD_TIME_MS,
  /** Since Linux 5.5. */
  FLUSHES_COMPLETED,
  FLUSH_TIME_MS;

  /** Value columns in the three kernel layouts: 11 (before 4.18), 15 (4.18+), 17 (5.5+). */
  static boolean isKnownLayout(int valueColumns) {
    return valueColumns == 11 || valueColumns == 15 || valueColumns == 17;
  }
}
