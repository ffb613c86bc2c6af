package io.github.storageagent.status;

import java.util.List;

/**
 * The node at a glance, as {@code /api/v1/status} returns it and the status page shows it. Numbers
 * are in base units (bytes, seconds, ratios 0..1, °C); a null is a value the node does not report.
 *
 * @param generatedAt when this was built, Unix seconds
 */
public record NodeStatus(
    String version,
    long generatedAt,
    Verdict verdict,
    List<Drive> drives,
    List<Pool> pools,
    Backups backups,
    List<CollectorRow> collectors,
    HistoryBounds history) {

  public NodeStatus {
    drives = List.copyOf(drives);
    pools = List.copyOf(pools);
    collectors = List.copyOf(collectors);
  }

  /** One kept point of a chart: Unix seconds and value. */
  public record Point(long t, double v) {}

  /** A physical drive as smartctl reports it. */
  public record Drive(
      String device,
      String serial,
      String model,
      String protocol,
      String type,
      Double capacityBytes,
      boolean active,
      Verdict verdict,
      List<Reason> reasons,
      Double wearRatio,
      Double temperatureCelsius,
      Double temperatureLimitCelsius,
      Double powerOnSeconds,
      Double mediaErrors,
      Double availableSpareRatio,
      SelfTest selfTest,
      List<Point> temperatureHistory) {
    public Drive {
      reasons = List.copyOf(reasons);
      temperatureHistory = List.copyOf(temperatureHistory);
    }
  }

  /**
   * The newest finished self-test in the drive's log.
   *
   * @param ageSeconds power-on time since it ran, not wall time
   */
  public record SelfTest(String result, String type, Double ageSeconds, boolean inProgress) {}

  /** An LVM thin pool. */
  public record Pool(
      String vg,
      String pool,
      String health,
      Verdict verdict,
      List<Reason> reasons,
      Double sizeBytes,
      Double dataUsedRatio,
      Double metadataUsedRatio,
      Double provisionedBytes,
      Double overcommitRatio,
      Double vgFreeBytes,
      Forecast forecast,
      List<Point> dataHistory,
      List<Point> metadataHistory,
      List<Volume> biggestVolumes) {
    public Pool {
      reasons = List.copyOf(reasons);
      dataHistory = List.copyOf(dataHistory);
      metadataHistory = List.copyOf(metadataHistory);
      biggestVolumes = List.copyOf(biggestVolumes);
    }
  }

  /**
   * When the pool's data area is full at the trend of the last {@code windowSeconds}, from the
   * agent's own history.
   *
   * @param secondsToFull null when the pool is not growing or the history is too short
   * @param ratePerSecond data used ratio gained per second (null without enough history)
   */
  public record Forecast(
      long windowSeconds, Double ratePerSecond, Double secondsToFull, String text) {}

  /** A thin volume with the guest it belongs to (vmid empty for none). */
  public record Volume(String lv, String vmid, double sizeBytes, Double usedRatio) {}

  /** Backups of this node's guests, on PBS and by vzdump. */
  public record Backups(
      Verdict verdict,
      List<Guest> guests,
      List<Datastore> datastores,
      List<Job> jobs,
      List<Target> targets) {
    public Backups {
      guests = List.copyOf(guests);
      datastores = List.copyOf(datastores);
      jobs = List.copyOf(jobs);
      targets = List.copyOf(targets);
    }
  }

  /**
   * One guest's backups in one place: a PBS group ({@code source} "pbs") or the node's vzdump view
   * ({@code source} "pve").
   *
   * @param where "target/datastore" (with "/namespace" when not the root) for PBS, "vzdump" for PVE
   * @param lastResult "ok", "warnings" or "failed" of the newest backup task; null when unknown
   * @param verify the newest snapshot's verify state (ok, failed, none), PBS only
   */
  public record Guest(
      String source,
      String backupType,
      String backupId,
      String where,
      Verdict verdict,
      List<Reason> reasons,
      Double lastBackupAgeSeconds,
      String lastResult,
      String verify,
      Double snapshots) {
    public Guest {
      reasons = List.copyOf(reasons);
    }
  }

  /** A PBS datastore. */
  public record Datastore(
      String target,
      String datastore,
      boolean up,
      Verdict verdict,
      List<Reason> reasons,
      Double sizeBytes,
      Double usedRatio,
      Double estimatedFullAt) {
    public Datastore {
      reasons = List.copyOf(reasons);
    }
  }

  /**
   * A PBS verify, sync, prune or GC job, or a PVE vzdump job.
   *
   * @param source "pbs" or "pve"
   */
  public record Job(
      String source,
      String target,
      String jobType,
      String jobId,
      String datastore,
      Verdict verdict,
      List<Reason> reasons,
      Double lastRunEndAt,
      Double nextRunAt) {
    public Job {
      reasons = List.copyOf(reasons);
    }
  }

  /** A PBS server as the agent reaches it. */
  public record Target(String target, boolean up) {}

  /** One collector of the agent. */
  public record CollectorRow(
      String collector,
      String target,
      String state,
      double intervalSeconds,
      Long lastSuccessAt,
      long errorsTotal,
      String lastError) {}

  /** What the agent keeps for the forecasts and charts. */
  public record HistoryBounds(long stepSeconds, long retentionSeconds, int series) {}
}
