package io.github.storageagent.backup.pve;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.storageagent.backup.TaskStatus;
import io.github.storageagent.backup.Upid;
import io.github.storageagent.collect.Collector;
import io.github.storageagent.collect.Snapshot;
import io.github.storageagent.config.PveBackupConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code pve_backup} collector: the node's vzdump jobs from pve-manager's job state files, and
 * per guest the outcome of the newest vzdump task from the task index and logs. Local files only,
 * no API token. A node without these folders (not a Proxmox VE node) yields no series.
 */
public final class PveBackupCollector implements Collector {

  private static final Logger log = LoggerFactory.getLogger(PveBackupCollector.class);
  private static final Pattern STATE_FILE = Pattern.compile("vzdump-(.+)\\.json");

  /** A vzdump log is a few KiB per guest; stop reading a runaway one. */
  private static final long MAX_LOG_BYTES = 32L * 1024 * 1024;

  private final PveBackupConfig config;
  private final Clock clock;
  private final ZoneId zone;
  // Finished task logs never change: parse each once.
  private final Cache<String, Map<String, VzdumpLog.Guest>> logs =
      Caffeine.newBuilder().maximumSize(4096).build();
  private final Map<String, PveBackupReading.Job> lastFinished = new HashMap<>();
  private boolean loggedAbsent;

  public PveBackupCollector(PveBackupConfig config, Clock clock) {
    this(config, clock, ZoneId.systemDefault());
  }

  PveBackupCollector(PveBackupConfig config, Clock clock, ZoneId zone) {
    this.config = config;
    this.clock = clock;
    this.zone = zone;
  }

  @Override
  public String name() {
    return "pve_backup";
  }

  @Override
  public Duration interval() {
    return config.interval();
  }

  @Override
  public synchronized Snapshot collect() throws IOException {
    if (!Files.isDirectory(config.jobsDir()) && !Files.isDirectory(config.tasksDir())) {
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
    int[] problems = {0};
    Map<String, TaskIndex.Entry> tasks = readTasks(problems);
    List<PveBackupReading.Guest> guests = guests(tasks, problems);
    List<PveBackupReading.Job> jobs = jobs(tasks, problems);
    return new PveBackupReading(jobs, guests, problems[0]);
  }

  private Map<String, TaskIndex.Entry> readTasks(int[] problems) throws IOException {
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
      int[] bad = {0};
      for (TaskIndex.Entry e : TaskIndex.parse(text, bad)) {
        TaskIndex.Entry known = byUpid.get(e.upid());
        if (known == null || (!known.finished() && e.finished())) {
          byUpid.put(e.upid(), e);
        }
      }
      if (bad[0] > 0) {
        log.debug("{} unreadable lines in {}", bad[0], config.tasksDir().resolve(file));
        problems[0] += bad[0];
      }
    }
    return byUpid;
  }

  private List<PveBackupReading.Guest> guests(Map<String, TaskIndex.Entry> tasks, int[] problems) {
    List<TaskIndex.Entry> vzdump =
        tasks.values().stream()
            .filter(e -> e.parsed().type().equals("vzdump") && e.finished())
            .sorted(Comparator.comparingLong(e -> e.parsed().startTime()))
            .toList();
    Map<String, String> types = new HashMap<>();
    Map<String, Long> lastSuccess = new HashMap<>();
    Map<String, Boolean> lastAttempt = new TreeMap<>(Comparator.comparingLong(Long::parseLong));
    for (TaskIndex.Entry task : vzdump) {
      Map<String, VzdumpLog.Guest> result = logs.getIfPresent(task.upid());
      if (result == null) {
        Path file = config.tasksDir().resolve(TaskIndex.logPath(task.upid(), task.parsed()));
        try {
          result = readLog(file);
          logs.put(task.upid(), result);
        } catch (NoSuchFileException e) {
          continue; // rotated away; the index outlives old logs
        } catch (IOException e) {
          problems[0]++;
          log.debug("cannot read task log {}: {}", file, e.getMessage());
          continue;
        }
      }
      long end = task.endTime().orElseThrow();
      for (var g : result.entrySet()) {
        String vmid = g.getKey();
        if (!g.getValue().type().isEmpty()) {
          types.put(vmid, g.getValue().type());
        }
        lastAttempt.put(vmid, g.getValue().success());
        if (g.getValue().success()) {
          lastSuccess.put(vmid, end);
        }
      }
    }
    List<PveBackupReading.Guest> out = new ArrayList<>();
    lastAttempt.forEach(
        (vmid, ok) ->
            out.add(
                new PveBackupReading.Guest(
                    vmid,
                    types.getOrDefault(vmid, ""),
                    Optional.ofNullable(lastSuccess.get(vmid)),
                    ok)));
    return out;
  }

  private static Map<String, VzdumpLog.Guest> readLog(Path file) throws IOException {
    StringBuilder relevant = new StringBuilder();
    long read = 0;
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = r.readLine()) != null && read < MAX_LOG_BYTES) {
        read += line.length() + 1;
        if (line.contains("Backup of VM")) {
          relevant.append(line).append('\n');
        }
      }
    } catch (java.nio.charset.MalformedInputException e) {
      throw new IOException("not UTF-8 text", e);
    }
    return VzdumpLog.parse(relevant.toString());
  }

  private List<PveBackupReading.Job> jobs(Map<String, TaskIndex.Entry> tasks, int[] problems)
      throws IOException {
    List<PveBackupReading.Job> out = new ArrayList<>();
    if (!Files.isDirectory(config.jobsDir())) {
      return out;
    }
    Map<String, JobsCfg.Job> cfg = Map.of();
    try {
      cfg = JobsCfg.parse(Files.readString(config.jobsCfg(), StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      // older nodes, or /etc/pve not mounted: schedules from the state files only
    } catch (IOException e) {
      problems[0]++;
      log.debug("cannot read {}: {}", config.jobsCfg(), e.getMessage());
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(config.jobsDir())) {
      files =
          s.filter(p -> STATE_FILE.matcher(p.getFileName().toString()).matches()).sorted().toList();
    }
    for (Path file : files) {
      Matcher m = STATE_FILE.matcher(file.getFileName().toString());
      m.matches();
      String id = m.group(1);
      VzdumpJobState state;
      try {
        state = VzdumpJobState.parse(Files.readString(file, StandardCharsets.UTF_8));
      } catch (IOException e) {
        problems[0]++;
        log.debug("cannot read job state {}: {}", file, e.getMessage());
        continue;
      }
      out.add(job(id, state, cfg.get(id), tasks));
    }
    return out;
  }

  PveBackupReading.Job job(
      String id, VzdumpJobState state, JobsCfg.Job cfg, Map<String, TaskIndex.Entry> tasks) {
    Optional<Boolean> success = Optional.empty();
    Optional<Long> end = Optional.empty();
    if ("stopped".equals(state.state()) && state.msg() != null) {
      success = Optional.of(TaskStatus.isSuccess(state.msg()));
      TaskIndex.Entry task = state.upid() == null ? null : tasks.get(state.upid());
      end =
          task != null && task.endTime().isPresent()
              ? task.endTime()
              : Optional.ofNullable(state.time()).filter(t -> t > 0);
    }
    PveBackupReading.Job job = new PveBackupReading.Job(id, success, end, nextRun(state, cfg));
    if (success.isPresent()) {
      lastFinished.put(id, job);
      return job;
    }
    PveBackupReading.Job previous = lastFinished.get(id);
    return previous == null
        ? job
        : new PveBackupReading.Job(id, previous.lastSuccess(), previous.lastEnd(), job.nextRun());
  }

  /** pve-manager's own rule: the next calendar event after the last run (or schedule change). */
  private Optional<Long> nextRun(VzdumpJobState state, JobsCfg.Job cfg) {
    String schedule = null;
    boolean enabled = true;
    if (state.config() != null && state.config().schedule() != null) {
      schedule = state.config().schedule();
      enabled = !isFalse(state.config().enabled());
    } else if (cfg != null) {
      schedule = cfg.schedule();
      enabled = cfg.enabled();
    }
    if (!enabled || schedule == null) {
      return Optional.empty();
    }
    long lastRun;
    if (state.updated() != null) {
      lastRun = state.updated();
    } else if (state.upid() != null && Upid.parse(state.upid()).isPresent()) {
      lastRun = Upid.parse(state.upid()).get().startTime();
    } else {
      lastRun = state.time() == null ? 0 : state.time();
    }
    if (lastRun <= 0) {
      lastRun = clock.instant().getEpochSecond();
    }
    Instant after = Instant.ofEpochSecond(lastRun);
    return CalendarEvent.parse(schedule)
        .flatMap(e -> e.next(after, zone))
        .map(Instant::getEpochSecond);
  }

  private static boolean isFalse(Object enabled) {
    if (enabled == null) {
      return false;
    }
    String s = enabled.toString();
    return s.equals("0") || s.equalsIgnoreCase("false");
  }
}
