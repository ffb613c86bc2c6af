package io.github.storageagent.backup.pve;

import io.github.storageagent.backup.RunOutcome;
import java.util.List;
import java.util.Optional;

/**
 * What the node's vzdump jobs and task logs say.
 *
 * @param jobs one per job state file
 * @param guests one per guest seen in a vzdump task log
 * @param problems unreadable files or lines
 */
public record PveBackupReading(List<Job> jobs, List<Guest> guests, int problems) {

  /**
   * @param jobId the job id ({@code backup-1a2b3c4d-5e6f})
   * @param lastOutcome outcome of its last finished run
   * @param lastEnd end of that run, Unix seconds
   * @param nextRun next start from its schedule, Unix seconds
   */
  public record Job(
      String jobId,
      Optional<RunOutcome> lastOutcome,
      Optional<Long> lastEnd,
      Optional<Long> nextRun) {

    /** Whether its last finished run backed every guest up (warnings included). */
    public Optional<Boolean> lastSuccess() {
      return lastOutcome.map(RunOutcome::succeeded);
    }
  }

  /**
   * @param vmid guest id
   * @param type qemu or lxc
   * @param lastSuccessTime end of the newest task that backed it up, Unix seconds
   * @param lastAttempt how the newest task that tried to back it up did for it: ok, warnings (it
   *     finished, with warnings logged in its part of the task log) or failed
   */
  public record Guest(
      String vmid, String type, Optional<Long> lastSuccessTime, RunOutcome lastAttempt) {

    /** Whether the newest task that tried to back it up did (warnings included). */
    public boolean lastAttemptSuccess() {
      return lastAttempt.succeeded();
    }
  }
}
