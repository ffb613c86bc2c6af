package io.github.storageagent.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The node's vzdump jobs, read from local files (no API token needed).
 *
 * @param enabled whether the {@code pve_backup} collector runs
 * @param interval how often the job states and the task index are read
 * @param maxAge how long the last reading is served without a newer one (default 3 × interval)
 * @param jobsDir where pve-manager keeps {@code vzdump-<id>.json} job states
 * @param tasksDir the task index and logs ({@code index}, {@code active}, {@code <hex>/UPID:...})
 * @param jobsCfg the cluster's job definitions (schedules)
 */
public record PveBackupConfig(
    boolean enabled,
    Duration interval,
    Optional<Duration> maxAge,
    Path jobsDir,
    Path tasksDir,
    Path jobsCfg) {

  public static final Path DEFAULT_JOBS_DIR = Path.of("/var/lib/pve-manager/jobs");
  public static final Path DEFAULT_TASKS_DIR = Path.of("/var/log/pve/tasks");
  public static final Path DEFAULT_JOBS_CFG = Path.of("/etc/pve/jobs.cfg");

  public static PveBackupConfig defaults() {
    return new PveBackupConfig((Boolean) null, null, null, null, null, null);
  }

  /** A section with the default {@code max_age}. */
  public PveBackupConfig(
      boolean enabled, Duration interval, Path jobsDir, Path tasksDir, Path jobsCfg) {
    this(enabled, interval, Optional.empty(), jobsDir, tasksDir, jobsCfg);
  }

  /** Its {@code interval} and {@code max_age}. */
  public Schedule schedule() {
    return Schedule.of(interval, maxAge);
  }

  /** The {@code backup.pve} section. */
  static PveBackupConfig from(ConfigNode node) {
    return new PveBackupConfig(
        node.bool("enabled"),
        node.string("interval"),
        node.string("max_age"),
        node.string("jobs_dir"),
        node.string("tasks_dir"),
        node.string("jobs_cfg"));
  }

  /** The section's values as written (null: not set), checked and defaulted. */
  public PveBackupConfig(
      Boolean enabled,
      String interval,
      String maxAge,
      String jobsDir,
      String tasksDir,
      String jobsCfg) {
    this(
        enabled == null || enabled,
        ConfigValues.positiveDuration("interval", interval, Duration.ofSeconds(60)),
        ConfigValues.maxAge(maxAge),
        ConfigValues.path("jobs_dir", jobsDir, DEFAULT_JOBS_DIR),
        ConfigValues.path("tasks_dir", tasksDir, DEFAULT_TASKS_DIR),
        ConfigValues.path("jobs_cfg", jobsCfg, DEFAULT_JOBS_CFG));
  }
}
