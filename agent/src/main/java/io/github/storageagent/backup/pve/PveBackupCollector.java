package io.github.storageagent.backup.pve;

import io.github.storageagent.collect.Collector;
import io.github.storageagent.collect.Snapshot;
import io.github.storageagent.config.PveBackupConfig;
import io.github.storageagent.config.Schedule;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code pve_backup} collector: the node's vzdump jobs from pve-manager's job state files, and
 * per guest the outcome of the newest vzdump task from the task index and logs. Local files only,
 * no API token. A node without these folders (not a Proxmox VE node) yields no series.
 */
public final class PveBackupCollector implements Collector {

  private static final Logger log = LoggerFactory.getLogger(PveBackupCollector.class);

  private final PveBackupConfig config;
  private final Clock clock;
  private final ZoneId zone;
  private final PveBackupFiles files;
  private final LastFinishedRuns lastFinished = new LastFinishedRuns();
  private boolean loggedAbsent;

  public PveBackupCollector(PveBackupConfig config, Clock clock) {
    this(config, clock, ZoneId.systemDefault());
  }

  PveBackupCollector(PveBackupConfig config, Clock clock, ZoneId zone) {
    this.config = config;
    this.clock = clock;
    this.zone = zone;
    this.files = new PveBackupFiles(config);
  }

  @Override
  public String name() {
    return "pve_backup";
  }

  @Override
  public Schedule schedule() {
    return config.schedule();
  }

  @Override
  public synchronized Snapshot collect() throws IOException {
    if (!files.present()) {
      if (!loggedAbsent) {
        log.info(
            "no vzdump job states in {} and no task logs in {}: not a Proxmox VE node, no backup series",
            config.jobsDir(),
            config.tasksDir());
        loggedAbsent = true;
      }
      return Snapshot.of(List.of());
    }
    PveBackupReading reading = read();
    return new Snapshot(PveBackupMetrics.families(reading), reading.problems());
  }

  PveBackupReading read() throws IOException {
    PveBackupFiles.Contents contents = files.read();
    Instant now = clock.instant();
    List<PveBackupReading.Job> jobs = new ArrayList<>();
    for (PveBackupFiles.JobStateFile file : contents.jobStates()) {
      JobsCfg.Job cfg = contents.jobsCfg().get(file.jobId());
      PveBackupReading.Job job =
          VzdumpJobStatus.of(file.jobId(), file.state(), cfg, contents.tasks(), now, zone);
      jobs.add(lastFinished.carryOver(job));
    }
    List<PveBackupReading.Guest> guests = GuestBackups.of(contents.vzdumpTasks());
    return new PveBackupReading(jobs, guests, contents.problems());
  }
}
