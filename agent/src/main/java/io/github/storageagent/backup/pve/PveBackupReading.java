package io.github.storageagent.backup.pve;

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
   * @param lastSuccess outcome of its last finished run
   * @param lastEnd end of that run, Unix seconds
   * @param nextRun next start from its schedule, Unix seconds
   */
  public record Job(
      String jobId,
      Optional<Boolean> lastSuccess,
      Optional<Long> lastEnd,
      Optional<Long> nextRun) {}

  /**
   * @param vmid guest id
   * @param type qemu or lxc
   * @param lastSuccessTime end of the newest task that backed it up, Unix seconds
   * @param lastAttemptSuccess whether the newest task that tried to back it up succeeded
   */
  public record Guest(
      String vmid, String type, Optional<Long> lastSuccessTime, boolean lastAttemptSuccess) {}
}
