package io.github.storageagent.demo.pbs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the PBS simulator serves: datastores with namespaces and backup groups, GC runs, verify,
 * sync and prune jobs. Snapshots are not stored but derived from each group's count, newest time
 * and spacing, so 50,000 snapshots cost nothing until they are listed.
 *
 * @param stores datastores
 * @param jobs verify, sync and prune jobs
 */
public record PbsScenario(List<Store> stores, List<Job> jobs) {

  private static final long GIB = 1024L * 1024 * 1024;

  /**
   * A datastore.
   *
   * @param name store name
   * @param total bytes
   * @param used bytes
   * @param estimatedFull Unix seconds, 0 for never, null for "not enough history"
   * @param error datastore-usage error text and the reason its endpoints fail, null if fine
   * @param mounted false for an unmounted removable datastore
   * @param gc last garbage collection
   * @param namespaces below the root ("" is always there)
   * @param groups backup groups
   * @param removable a removable datastore (mount-status mounted or notmounted, PBS 3.3+)
   * @param maintenance maintenance type (read-only, offline, ...), null for none
   * @param backend backend-type (PBS 4): filesystem or s3
   */
  public record Store(
      String name,
      long total,
      long used,
      Long estimatedFull,
      String error,
      boolean mounted,
      Gc gc,
      List<String> namespaces,
      List<Group> groups,
      boolean removable,
      String maintenance,
      String backend) {

    /**
     * A filesystem store without maintenance; an unmounted one is removable, as only removable
     * datastores can be unmounted.
     */
    public Store(
        String name,
        long total,
        long used,
        Long estimatedFull,
        String error,
        boolean mounted,
        Gc gc,
        List<String> namespaces,
        List<Group> groups) {
      this(
          name,
          total,
          used,
          estimatedFull,
          error,
          mounted,
          gc,
          namespaces,
          groups,
          !mounted,
          null,
          "filesystem");
    }

    /** What PBS reports as mount-status. */
    public String mountStatus() {
      return !removable ? "nonremovable" : mounted ? "mounted" : "notmounted";
    }

    /** Whether PBS refuses reads of the store in its maintenance mode. */
    boolean maintenanceBlocksReads() {
      return maintenance != null && !maintenance.equals("read-only");
    }

    Store withError(String error) {
      return new Store(
          name,
          total,
          used,
          estimatedFull,
          error,
          mounted,
          gc,
          namespaces,
          groups,
          removable,
          maintenance,
          backend);
    }

    Store unmounted() {
      return new Store(
          name,
          total,
          used,
          estimatedFull,
          error,
          false,
          gc,
          namespaces,
          groups,
          true,
          maintenance,
          backend);
    }

    Store removableMounted() {
      return new Store(
          name,
          total,
          used,
          estimatedFull,
          error,
          true,
          gc,
          namespaces,
          groups,
          true,
          maintenance,
          backend);
    }

    Store inMaintenance(String type) {
      return new Store(
          name,
          total,
          used,
          estimatedFull,
          error,
          mounted,
          gc,
          namespaces,
          groups,
          removable,
          type,
          backend);
    }

    Store onS3() {
      return new Store(
          name,
          total,
          used,
          estimatedFull,
          error,
          mounted,
          gc,
          namespaces,
          groups,
          removable,
          maintenance,
          "s3");
    }
  }

  /**
   * A backup group and its snapshots.
   *
   * @param namespace "" for the root
   * @param type vm, ct or host
   * @param id vmid or host name
   * @param comment group notes, null for none (the key is then absent, as on PBS)
   * @param snapshots how many
   * @param newest newest backup-time
   * @param spacing seconds between snapshots
   * @param newestVerify verify state of the newest snapshot: ok, failed, or null (never verified)
   * @param olderVerify verify state of the older ones
   * @param lastTaskFailed whether the newest backup task failed (the group keeps its older newest)
   */
  public record Group(
      String namespace,
      String type,
      String id,
      String comment,
      int snapshots,
      long newest,
      long spacing,
      String newestVerify,
      String olderVerify,
      boolean lastTaskFailed) {}

  /** The last garbage collection of a store and its schedule. */
  public record Gc(
      long indexDataBytes,
      long diskBytes,
      long pendingBytes,
      String lastRunState,
      long lastRunEnd,
      long nextRun,
      String schedule) {}

  /** A verify, sync or prune job ({@code type}), with its last run's state. */
  public record Job(
      String type,
      String id,
      String store,
      String ns,
      String schedule,
      Long nextRun,
      String lastRunState,
      Long lastRunEnd) {}

  /**
   * The demo PBS: two stores, a namespace, 30 groups; one guest whose last backup failed (vm/104),
   * one never verified (ct/201), one whose newest snapshot failed verification (vm/107), a failed
   * GC on {@code archive}, which keeps its chunks in S3 (PBS 4), and {@code main} filling up (PBS
   * estimates it full in 6 days).
   */
  public static PbsScenario demo(Instant now) {
    long t = now.getEpochSecond();
    long lastNight = lastNight(now);
    long day = Duration.ofDays(1).toSeconds();
    List<Group> main = new ArrayList<>();
    for (int id = 100; id <= 114; id++) {
      boolean failed = id == 104;
      main.add(
          new Group(
              "",
              "vm",
              Integer.toString(id),
              id == 100 ? "web01" : null,
              failed ? 13 : 14,
              failed ? lastNight - 2 * day + 60L * (id - 100) : lastNight + 60L * (id - 100),
              day,
              id == 107 ? "failed" : "ok",
              "ok",
              failed));
    }
    main.add(new Group("", "ct", "100", "dns01", 14, lastNight + 1200, day, "ok", "ok", false));
    for (int id = 200; id <= 204; id++) {
      main.add(
          new Group(
              "",
              "ct",
              Integer.toString(id),
              null,
              id == 201 ? 3 : 14,
              lastNight + 1500 + 30L * (id - 200),
              day,
              id == 201 ? null : "ok",
              id == 201 ? null : "ok",
              false));
    }
    for (int id = 300; id <= 305; id++) {
      main.add(
          new Group(
              "prod",
              "vm",
              Integer.toString(id),
              "prod " + id,
              30,
              lastNight + 1800 + 60L * (id - 300),
              day,
              "ok",
              "ok",
              false));
    }
    List<Group> archive = new ArrayList<>();
    archive.add(
        new Group("", "host", "pve1", null, 8, lastNight - 6 * day, 7 * day, "ok", "ok", false));
    archive.add(
        new Group(
            "", "host", "pve2", null, 8, lastNight - 6 * day + 300, 7 * day, "ok", "ok", false));
    archive.add(
        new Group(
            "",
            "vm",
            "100",
            "web01 monthly",
            6,
            lastNight - 20 * day,
            30 * day,
            "ok",
            "ok",
            false));
    List<Store> stores =
        List.of(
            new Store(
                "main",
                8000 * GIB,
                6560 * GIB,
                t + 6 * day,
                null,
                true,
                new Gc(
                    41000 * GIB,
                    6100 * GIB,
                    120 * GIB,
                    "OK",
                    lastNight - 3 * 3600,
                    lastNight + day - 3 * 3600,
                    "daily"),
                List.of("prod"),
                main),
            new Store(
                "archive",
                16000 * GIB,
                5200 * GIB,
                0L,
                null,
                true,
                new Gc(
                    9800 * GIB,
                    5100 * GIB,
                    310 * GIB,
                    "unexpected error on datastore traversal: Input/output error (os error 5)",
                    lastNight - 5 * 3600,
                    lastNight + 6 * day - 5 * 3600,
                    "sun 02:00"),
                List.of(),
                archive,
                false,
                null,
                "s3"));
    List<Job> jobs =
        List.of(
            new Job(
                "verify",
                "v-main-daily",
                "main",
                "",
                "daily",
                lastNight + day + 4 * 3600,
                "OK",
                lastNight + 5 * 3600),
            new Job(
                "verify",
                "v-archive-weekly",
                "archive",
                "",
                "sat 05:00",
                lastNight + 3 * day,
                "OK",
                lastNight - 4 * day),
            new Job(
                "sync",
                "s-main-offsite",
                "archive",
                "",
                "sun 03:00",
                lastNight + 2 * day,
                "OK",
                lastNight - 5 * day),
            new Job(
                "prune",
                "p-main",
                "main",
                "",
                "daily",
                lastNight + day + 3600,
                "WARNINGS: 1",
                lastNight + 1800));
    return new PbsScenario(stores, jobs);
  }

  /**
   * A large PBS for load tests: {@code groups} groups spread over {@code stores} stores and their
   * root and one namespace each, {@code snapshotsPerGroup} daily snapshots each.
   */
  public static PbsScenario generated(int stores, int groups, int snapshotsPerGroup, Instant now) {
    long lastNight = lastNight(now);
    long day = Duration.ofDays(1).toSeconds();
    List<Store> out = new ArrayList<>();
    for (int s = 0; s < stores; s++) {
      List<Group> gs = new ArrayList<>();
      for (int g = s; g < groups; g += stores) {
        String ns = g % 2 == 0 ? "" : "tenant" + s;
        gs.add(
            new Group(
                ns,
                g % 3 == 0 ? "ct" : "vm",
                Integer.toString(1000 + g),
                "guest " + g,
                snapshotsPerGroup,
                lastNight + g,
                day,
                g % 17 == 0 ? null : "ok",
                "ok",
                false));
      }
      out.add(
          new Store(
              "store" + s,
              100_000 * GIB,
              40_000 * GIB,
              0L,
              null,
              true,
              new Gc(
                  90_000 * GIB,
                  40_000 * GIB,
                  GIB,
                  "OK",
                  lastNight - 3600,
                  lastNight + day,
                  "daily"),
              List.of("tenant" + s),
              gs));
    }
    return new PbsScenario(out, List.of());
  }

  /** 02:00 UTC of today, or of yesterday before that hour. */
  static long lastNight(Instant now) {
    long day = 86_400;
    long midnight = now.getEpochSecond() / day * day;
    long twoAm = midnight + 7200;
    return twoAm <= now.getEpochSecond() - 3600 ? twoAm : twoAm - day;
  }

  /** A copy in which {@code store} is in error (datastore-usage reports it; its endpoints fail). */
  public PbsScenario withStoreError(String store, String error) {
    return withStore(store, s -> s.withError(error));
  }

  /** A copy in which {@code store} is an unmounted removable datastore. */
  public PbsScenario withUnmounted(String store) {
    return withStore(store, Store::unmounted);
  }

  /** A copy in which {@code store} is a removable datastore that is mounted. */
  public PbsScenario withRemovableMounted(String store) {
    return withStore(store, Store::removableMounted);
  }

  /**
   * A copy in which {@code store} is in maintenance of {@code type} (read-only, offline, ...); in
   * any type but read-only PBS refuses to read it.
   */
  public PbsScenario withMaintenance(String store, String type) {
    return withStore(store, s -> s.inMaintenance(type));
  }

  /** A copy in which {@code store} keeps its chunks in an S3 bucket (PBS 4). */
  public PbsScenario withS3Backend(String store) {
    return withStore(store, Store::onS3);
  }

  private PbsScenario withStore(String store, java.util.function.UnaryOperator<Store> change) {
    List<Store> copy = new ArrayList<>();
    for (Store s : stores) {
      copy.add(s.name().equals(store) ? change.apply(s) : s);
    }
    return new PbsScenario(copy, jobs);
  }
}
