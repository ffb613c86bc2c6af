package io.github.storageagent.backup.pve;

import java.util.HashMap;
import java.util.Map;

/**
 * The last finished run of each vzdump job, kept across collections: while a job runs, its state
 * file names only the new task, and the previous run's outcome should stay exported until the new
 * one ends.
 */
final class LastFinishedRuns {

  private final Map<String, PveBackupReading.Job> byJobId = new HashMap<>();

  /**
   * Remembers {@code job} if it has an outcome; otherwise returns it with the outcome and end of
   * its last finished run seen before, if any.
   */
  PveBackupReading.Job carryOver(PveBackupReading.Job job) {
    if (job.lastOutcome().isPresent()) {
      byJobId.put(job.jobId(), job);
      return job;
    }
    PveBackupReading.Job previous = byJobId.get(job.jobId());
    return previous == null
        ? job
        : new PveBackupReading.Job(
            job.jobId(), previous.lastOutcome(), previous.lastEnd(), job.nextRun());
  }
}
