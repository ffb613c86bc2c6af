package io.github.storageagent.backup.pve;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.storageagent.collect.Problems;
import io.github.storageagent.config.PveBackupConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a Proxmox VE node's vzdump files into parsed records: the task index, the logs of finished
 * vzdump tasks, the job state files and {@code jobs.cfg}. All file access of the {@code pve_backup}
 * collector is here; a file that cannot be read is counted as a problem and left out.
 */
final class PveBackupFiles {

  // Log lines carry the logger name as their caller: keep the collector's, which operators know.
  private static final Logger log = LoggerFactory.getLogger(PveBackupCollector.class);
  private static final Pattern STATE_FILE = Pattern.compile("vzdump-(.+)\\.json");

  /** A vzdump log is a few KiB per guest; stop reading a runaway one. */
  private static final long MAX_LOG_BYTES = 32L * 1024 * 1024;

  private final PveBackupConfig config;
  private final Problems problems = new Problems(log, "pve_backup");
  // Finished task logs never change: parse each once.
  private final Cache<String, Map<String, VzdumpLog.Guest>> logs =
      Caffeine.newBuilder().maximumSize(4096).build();

  PveBackupFiles(PveBackupConfig config) {
    this.config = config;
  }

  /**
   * What the files say, parsed, before any judgement.
   *
   * @param tasks every listed task by UPID, a finished entry preferred over a running one
   * @param vzdumpTasks the finished vzdump tasks whose log could be read, in listing order
   * @param jobStates one per job state file, in file name order
   * @param jobsCfg the vzdump jobs defined in {@code jobs.cfg}, by job id
   * @param problems unreadable files or lines
   */
  record Contents(
      Map<String, TaskIndex.Entry> tasks,
      List<VzdumpTask> vzdumpTasks,
      List<JobStateFile> jobStates,
      Map<String, JobsCfg.Job> jobsCfg,
      int problems) {

    Contents {
      tasks = Collections.unmodifiableMap(new LinkedHashMap<>(tasks));
      vzdumpTasks = List.copyOf(vzdumpTasks);
      jobStates = List.copyOf(jobStates);
      jobsCfg = Collections.unmodifiableMap(new LinkedHashMap<>(jobsCfg));
    }
  }

  /**
   * One job state file.
   *
   * @param jobId the id from the file name, {@code vzdump-<id>.json}
   * @param state its content
   */
  record JobStateFile(String jobId, VzdumpJobState state) {}

  /** Whether this looks like a Proxmox VE node: it has job states or task logs. */
  boolean present() {
    return Files.isDirectory(config.jobsDir()) || Files.isDirectory(config.tasksDir());
  }

  /**
   * Reads everything.
   *
   * @throws IOException if the task index or the job state folder cannot be listed or read
   */
  Contents read() throws IOException {
    problems.startRun();
    Map<String, TaskIndex.Entry> tasks = readTasks();
    List<VzdumpTask> vzdumpTasks = readVzdumpLogs(tasks);
    Map<String, JobsCfg.Job> jobsCfg = Map.of();
    List<JobStateFile> jobStates = List.of();
    if (Files.isDirectory(config.jobsDir())) {
      jobsCfg = readJobsCfg();
      jobStates = readJobStates();
    }
    return new Contents(tasks, vzdumpTasks, jobStates, jobsCfg, problems.count());
  }

  private Map<String, TaskIndex.Entry> readTasks() throws IOException {
    Map<String, TaskIndex.Entry> byUpid = new LinkedHashMap<>();
    if (!Files.isDirectory(config.tasksDir())) {
      return byUpid;
    }
    for (String file : List.of("index", "active")) {
      String text;
      try {
        text = Files.readString(config.tasksDir().resolve(file), StandardCharsets.UTF_8);
      } catch (NoSuchFileException e) {
        continue;
      }
      TaskIndex.Parsed parsed = TaskIndex.parse(text);
      for (TaskIndex.Entry e : parsed.entries()) {
        TaskIndex.Entry known = byUpid.get(e.upid());
        if (known == null || (!known.finished() && e.finished())) {
          byUpid.put(e.upid(), e);
        }
      }
      if (parsed.badLines() > 0) {
        log.debug("{} unreadable lines in {}", parsed.badLines(), config.tasksDir().resolve(file));
        problems.count(parsed.badLines());
      }
    }
    return byUpid;
  }

  private List<VzdumpTask> readVzdumpLogs(Map<String, TaskIndex.Entry> tasks) {
    List<VzdumpTask> out = new ArrayList<>();
    for (TaskIndex.Entry task : tasks.values()) {
      if (!task.parsed().type().equals("vzdump") || !task.finished()) {
        continue;
      }
      Map<String, VzdumpLog.Guest> guests = logs.getIfPresent(task.upid());
      if (guests == null) {
        Path file = config.tasksDir().resolve(TaskIndex.logPath(task.upid(), task.parsed()));
        try {
          guests = readLog(file);
          logs.put(task.upid(), guests);
        } catch (NoSuchFileException e) {
          continue; // rotated away; the index outlives old logs
        } catch (IOException e) {
          problems.count(1);
          log.debug("cannot read task log {}: {}", file, e.getMessage());
          continue;
        }
      }
      out.add(new VzdumpTask(task, guests));
    }
    return out;
  }

  private static Map<String, VzdumpLog.Guest> readLog(Path file) throws IOException {
    StringBuilder relevant = new StringBuilder();
    long read = 0;
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = r.readLine()) != null && read < MAX_LOG_BYTES) {
        read += line.length() + 1;
        if (VzdumpLog.relevant(line)) {
          relevant.append(line).append('\n');
        }
      }
    } catch (MalformedInputException e) {
      throw new IOException("not UTF-8 text", e);
    }
    return VzdumpLog.parse(relevant.toString());
  }

  private Map<String, JobsCfg.Job> readJobsCfg() {
    try {
      return JobsCfg.parse(Files.readString(config.jobsCfg(), StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      // older nodes, or /etc/pve not mounted: schedules from the state files only
    } catch (IOException e) {
      problems.count(1);
      log.debug("cannot read {}: {}", config.jobsCfg(), e.getMessage());
    }
    return Map.of();
  }

  private List<JobStateFile> readJobStates() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(config.jobsDir())) {
      files =
          s.filter(p -> STATE_FILE.matcher(p.getFileName().toString()).matches()).sorted().toList();
    }
    List<JobStateFile> out = new ArrayList<>();
    for (Path file : files) {
      Matcher m = STATE_FILE.matcher(file.getFileName().toString());
      m.matches();
      try {
        out.add(
            new JobStateFile(
                m.group(1), VzdumpJobState.parse(Files.readString(file, StandardCharsets.UTF_8))));
      } catch (IOException e) {
        problems.count(1);
        log.debug("cannot read job state {}: {}", file, e.getMessage());
      }
    }
    return out;
  }
}
