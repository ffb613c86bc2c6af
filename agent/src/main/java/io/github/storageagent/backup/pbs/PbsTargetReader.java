package io.github.storageagent.backup.pbs;

import io.github.storageagent.backup.TaskStatus;
import io.github.storageagent.backup.Upid;
import io.github.storageagent.backup.pbs.PbsReading.BackupTask;
import io.github.storageagent.backup.pbs.PbsReading.Condition;
import io.github.storageagent.backup.pbs.PbsReading.Gc;
import io.github.storageagent.backup.pbs.PbsReading.Group;
import io.github.storageagent.backup.pbs.PbsReading.Job;
import io.github.storageagent.backup.pbs.PbsReading.S3Traffic;
import io.github.storageagent.backup.pbs.PbsReading.Store;
import io.github.storageagent.backup.pbs.PbsReading.Usage;
import io.github.storageagent.backup.pbs.PbsRecords.BackupGroup;
import io.github.storageagent.backup.pbs.PbsRecords.Datastore;
import io.github.storageagent.backup.pbs.PbsRecords.DatastoreStatus;
import io.github.storageagent.backup.pbs.PbsRecords.DatastoreUsage;
import io.github.storageagent.backup.pbs.PbsRecords.GcCounters;
import io.github.storageagent.backup.pbs.PbsRecords.GcStatus;
import io.github.storageagent.backup.pbs.PbsRecords.JobStatus;
import io.github.storageagent.backup.pbs.PbsRecords.Namespace;
import io.github.storageagent.backup.pbs.PbsRecords.Task;
import io.github.storageagent.collect.Problems;
import io.github.storageagent.config.PbsTargetConfig;
import io.github.storageagent.config.Secret;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one PBS target: datastores and their usage, namespaces, groups, GC, verify/sync/prune jobs
 * and recent backup tasks every run (cheap), and each group's snapshot list only when its cached
 * newest snapshot is older than {@code snapshot_interval}. A failing datastore or endpoint is a
 * problem for that part only; the target is down only when the API does not answer at all.
 */
public final class PbsTargetReader {

  private static final Logger log = LoggerFactory.getLogger(PbsTargetReader.class);
  private static final List<String> JOB_TYPES = List.of("verify", "sync", "prune");

  private final PbsTargetConfig config;
  private final PbsClient client;
  private final Clock clock;
  private final SnapshotCache snapshots;
  private final Map<String, Job> lastFinished = new ConcurrentHashMap<>();
  private final Problems problems;

  /** Thrown through the reading when the run's budget is spent; the run reports the target down. */
  private static final class BudgetSpent extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BudgetSpent() {
      super(null, null, false, false);
    }
  }

  /** When this run's budget ends, on the monotonic clock: wall-clock jumps do not move it. */
  private long budgetEndNanos = Long.MAX_VALUE;

  private <T> T call(
      String path, Map<String, String> query, Secret secret, PbsClient.BodyReader<T> reader)
      throws PbsApiException, InterruptedException {
    if (budgetEndNanos == Long.MAX_VALUE) {
      return client.get(path, query, secret, reader);
    }
    Duration left = Duration.ofNanos(budgetEndNanos - System.nanoTime());
    if (left.isNegative() || left.isZero()) {
      throw new BudgetSpent();
    }
    Duration limit = left.compareTo(config.timeout()) < 0 ? left : config.timeout();
    try {
      return client.get(path, query, secret, reader, limit);
    } catch (PbsApiException e) {
      if (System.nanoTime() - budgetEndNanos >= 0) {
        throw new BudgetSpent();
      }
      throw e;
    }
  }

  public PbsTargetReader(PbsTargetConfig config, PbsClient client, Clock clock) {
    this.config = config;
    this.client = client;
    this.clock = clock;
    this.problems = new Problems(log, "pbs target " + config.name());
    this.snapshots = new SnapshotCache(config.snapshotInterval());
  }

  public PbsTargetConfig config() {
    return config;
  }

  /** Reads the target; never throws for PBS trouble, which is reported in the reading. */
  public PbsReading.Target read() throws InterruptedException {
    return read(null);
  }

  /**
   * Reads the target within {@code budget} (null: no limit beyond each request's timeout): each
   * request gets at most what is left, and a target that cannot answer every request within it is
   * down for this run ("no complete answer within ...").
   */
  public PbsReading.Target read(Duration budget) throws InterruptedException {
    problems.startRun();
    budgetEndNanos = budget == null ? Long.MAX_VALUE : System.nanoTime() + budget.toNanos();
    PbsReading.Target reading;
    try {
      reading = readTarget();
    } catch (BudgetSpent spent) {
      reading =
          PbsReading.Target.down(
              config.name(), "no complete answer within " + budget.toSeconds() + "s");
    }
    if (reading.up()) {
      problems.finishRun((target, what) -> log.info("{}: {} readable again", target, what));
    }
    return reading;
  }

  private PbsReading.Target readTarget() throws InterruptedException {
    Secret secret;
    try {
      secret = config.secret().read();
    } catch (IOException e) {
      return PbsReading.Target.down(config.name(), "cannot read token secret: " + e.getMessage());
    }
    List<Datastore> datastores;
    List<DatastoreUsage> usage;
    try {
      var ds = call("/admin/datastore", Map.of(), secret, in -> PbsJson.list(in, Datastore::from));
      var us =
          call(
              "/status/datastore-usage",
              Map.of(),
              secret,
              in -> PbsJson.list(in, DatastoreUsage::from));
      datastores = ds.items();
      usage = us.items();
      problems.count(ds.skipped() + us.skipped());
    } catch (PbsApiException e) {
      return PbsReading.Target.down(config.name(), e.getMessage());
    }
    Map<String, DatastoreUsage> usageByStore = new HashMap<>();
    for (DatastoreUsage u : usage) {
      if (u.store() != null) {
        usageByStore.put(u.store(), u);
      }
    }
    List<Store> stores = new ArrayList<>();
    List<Job> jobs = new ArrayList<>();
    for (Datastore d : datastores) {
      if (d.store() == null) {
        problems.count(1);
        continue;
      }
      Store store = readStore(d, usageByStore.get(d.store()), secret, jobs);
      stores.add(store);
      if (store.faulty()) {
        problems.report("store " + d.store(), store.error().orElseThrow());
      }
    }
    for (String type : JOB_TYPES) {
      try {
        var parsed =
            call("/admin/" + type, Map.of(), secret, in -> PbsJson.list(in, JobStatus::from));
        problems.count(parsed.skipped());
        for (JobStatus j : parsed.items()) {
          if (j.id() != null) {
            jobs.add(
                remember(
                    type,
                    new Job(
                        type,
                        j.id(),
                        j.store() == null ? "" : j.store(),
                        JobOutcome.success(j.lastRunState(), j.lastRunEndtime()),
                        Optional.ofNullable(j.lastRunEndtime()),
                        Optional.ofNullable(j.nextRun()))));
          }
        }
      } catch (PbsApiException e) {
        problems.report(type + " jobs", e.getMessage());
      }
    }
    List<BackupTask> tasks = readBackupTasks(secret);
    return new PbsReading.Target(
        config.name(), true, Optional.empty(), stores, jobs, tasks, problems.count());
  }

  private Store readStore(Datastore d, DatastoreUsage u, Secret secret, List<Job> jobs)
      throws InterruptedException {
    String name = d.store();
    Condition condition = DatastorePolicy.condition(d, u);
    Optional<String> unreadable = DatastorePolicy.unreadable(condition, u);
    Optional<Usage> sizes = DatastorePolicy.usage(u);
    Optional<Gc> usageGc = u == null ? Optional.empty() : DatastorePolicy.gc(u.gcStatus());
    if (unreadable.isPresent()) {
      return new Store(
          name, condition, unreadable, sizes, Optional.empty(), List.of(), Optional.empty());
    }
    String base = "/admin/datastore/" + name;
    try {
      var ns = call(base + "/namespace", Map.of(), secret, in -> PbsJson.list(in, Namespace::from));
      problems.count(ns.skipped());
      List<String> namespaces = new ArrayList<>();
      for (Namespace n : ns.items()) {
        namespaces.add(n.ns() == null ? "" : n.ns());
      }
      if (!namespaces.contains("")) {
        namespaces.add(0, "");
      }
      List<Group> groups = new ArrayList<>();
      for (String namespace : namespaces) {
        Map<String, String> q = namespace.isEmpty() ? Map.of() : Map.of("ns", namespace);
        var parsed = call(base + "/groups", q, secret, in -> PbsJson.list(in, BackupGroup::from));
        problems.count(parsed.skipped());
        for (BackupGroup g : parsed.items()) {
          if (g.backupType() == null || g.backupId() == null) {
            problems.count(1);
            continue;
          }
          groups.add(group(name, namespace, g, secret));
        }
      }
      // The gc endpoint also carries the GC job's schedule and outcome; datastore-usage's own
      // gc-status covers the numbers when it fails.
      Optional<Gc> gc = usageGc;
      try {
        GcStatus status =
            call(base + "/gc", Map.of(), secret, in -> PbsJson.object(in, GcStatus::from));
        gc = Optional.of(gc(status));
        jobs.add(remember("gc", gcJob(name, status)));
      } catch (PbsApiException e) {
        problems.report("gc of " + name, e.getMessage());
      }
      Optional<S3Traffic> s3 =
          condition.backend() == BackendType.S3 ? readS3(name, secret) : Optional.empty();
      return new Store(name, condition, Optional.empty(), sizes, gc, groups, s3);
    } catch (PbsApiException e) {
      return new Store(
          name,
          condition,
          Optional.of(e.getMessage()),
          sizes,
          Optional.empty(),
          List.of(),
          Optional.empty());
    }
  }

  /** Only the store's own status answer has the S3 counters; a filesystem store is not asked. */
  private Optional<S3Traffic> readS3(String store, Secret secret) throws InterruptedException {
    try {
      DatastoreStatus status =
          call(
              "/admin/datastore/" + store + "/status",
              Map.of(),
              secret,
              in -> PbsJson.object(in, DatastoreStatus::from));
      return Optional.ofNullable(status.s3Statistics()).map(DatastorePolicy::s3);
    } catch (PbsApiException e) {
      problems.report("status of " + store, e.getMessage());
      return Optional.empty();
    }
  }

  static Job gcJob(String store, GcStatus s) {
    return new Job(
        "gc",
        store,
        store,
        JobOutcome.success(s.lastRunState(), s.lastRunEndtime()),
        Optional.ofNullable(s.lastRunEndtime()),
        Optional.ofNullable(s.nextRun()));
  }

  static Gc gc(GcStatus s) {
    return DatastorePolicy.gc(new GcCounters(s.indexDataBytes(), s.diskBytes(), s.pendingBytes()))
        .orElseThrow();
  }

  private Group group(String store, String namespace, BackupGroup g, Secret secret)
      throws InterruptedException {
    long lastBackup = g.lastBackup() == null ? 0 : g.lastBackup();
    var key = new SnapshotCache.GroupKey(store, namespace, g.backupType(), g.backupId());
    Optional<NewestSnapshot> cached = snapshots.get(key);
    if (cached.isEmpty()) {
      Map<String, String> q = new LinkedHashMap<>();
      if (!namespace.isEmpty()) {
        q.put("ns", namespace);
      }
      q.put("backup-type", g.backupType());
      q.put("backup-id", g.backupId());
      try {
        NewestSnapshot newest =
            call("/admin/datastore/" + store + "/snapshots", q, secret, PbsJson::newestSnapshot);
        snapshots.put(key, newest);
        cached = Optional.of(newest);
      } catch (PbsApiException e) {
        problems.report(
            "snapshots of " + store + "/" + g.backupType() + "/" + g.backupId(), e.getMessage());
      }
    }
    return new Group(
        namespace,
        g.backupType(),
        g.backupId(),
        lastBackup,
        g.backupCount() == null ? 0 : g.backupCount(),
        g.comment() == null ? "" : g.comment().lines().findFirst().orElse(""),
        cached.map(c -> SnapshotCache.stateFor(c, lastBackup)),
        cached.flatMap(NewestSnapshot::size));
  }

  private List<BackupTask> readBackupTasks(Secret secret) throws InterruptedException {
    long since = clock.instant().minus(config.taskLookback()).getEpochSecond();
    Map<String, String> q = new LinkedHashMap<>();
    q.put("typefilter", "backup");
    q.put("since", Long.toString(since));
    q.put("limit", "0");
    PbsJson.Parsed<Task> parsed;
    try {
      parsed = call("/nodes/localhost/tasks", q, secret, in -> PbsJson.list(in, Task::from));
    } catch (PbsApiException e) {
      problems.report("task list", e.getMessage());
      return List.of();
    }
    problems.count(parsed.skipped());
    Map<String, Task> newest = new LinkedHashMap<>();
    Map<String, String[]> keys = new HashMap<>();
    for (Task t : parsed.items()) {
      if (!"backup".equals(t.workerType()) || t.endtime() == null || t.status() == null) {
        continue; // other task types match the substring filter; running tasks have no outcome
      }
      String[] k = backupKey(t);
      if (k == null) {
        continue;
      }
      String id = String.join("\u0000", k);
      Task prev = newest.get(id);
      if (prev == null || start(t) > start(prev)) {
        newest.put(id, t);
        keys.put(id, k);
      }
    }
    List<BackupTask> out = new ArrayList<>();
    newest.forEach(
        (id, t) -> {
          String[] k = keys.get(id);
          out.add(new BackupTask(k[0], k[1], k[2], t.endtime(), TaskStatus.isSuccess(t.status())));
        });
    return out;
  }

  private static long start(Task t) {
    return t.starttime() == null ? 0 : t.starttime();
  }

  /** {@code store:vm/100} (or with a namespace path before the group) to store, type, id. */
  static String[] backupKey(Task t) {
    String workerId = t.workerId();
    if (workerId == null) {
      workerId = Upid.parse(t.upid()).map(Upid::workerId).orElse(null);
    }
    if (workerId == null) {
      return null;
    }
    int colon = workerId.indexOf(':');
    if (colon <= 0) {
      return null;
    }
    String[] path = workerId.substring(colon + 1).split("/");
    if (path.length < 2) {
      return null;
    }
    return new String[] {
      workerId.substring(0, colon), path[path.length - 2], path[path.length - 1]
    };
  }

  /** Keeps a job's last finished outcome while a new run is in progress (no state then). */
  private Job remember(String type, Job job) {
    String key = type + "\u0000" + job.jobId();
    if (job.lastSuccess().isPresent()) {
      lastFinished.put(key, job);
      return job;
    }
    Job previous = lastFinished.get(key);
    if (previous != null) {
      return new Job(
          job.jobType(),
          job.jobId(),
          job.datastore(),
          previous.lastSuccess(),
          previous.lastEnd(),
          job.nextRun());
    }
    return job;
  }
}
