package io.github.storageagent.status;

import static io.github.storageagent.status.StatusThresholds.*;

import io.github.storageagent.status.History.Point;
import io.github.storageagent.status.NodeStatus.Drive;
import io.github.storageagent.status.SeriesSet.Sample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds the node's status from the series the collectors published (the ones the alert rules read)
 * and the kept history: series to typed facts, facts to verdicts by {@link VerdictPolicy}.
 */
public final class StatusBuilder {

  /** The families the status reads; nothing else is copied out of a snapshot. */
  public static boolean wanted(String name) {
    return name.startsWith("storage_smart")
        || name.startsWith("storage_nvme_")
        || name.startsWith("storage_ata_")
        || name.startsWith("storage_scsi_")
        || name.startsWith("storage_lvm_")
        || name.startsWith("storage_pbs_")
        || name.startsWith("storage_pve_");
  }

  /** How many thin volumes each pool lists, biggest first. */
  static final int BIGGEST_VOLUMES = 5;

  private StatusBuilder() {}

  // history keys: per serial, as the rules' storage:*:by_serial recordings
  static String mediaErrorsKey(String serial) {
    return "nvme_media_errors/" + serial;
  }

  static String temperatureKey(String serial) {
    return "temperature/" + serial;
  }

  static String ataKey(String serial, String id) {
    return "ata_raw/" + id + "/" + serial;
  }

  static String scsiKey(String serial) {
    return "scsi_grown_defects/" + serial;
  }

  static String poolDataKey(String vg, String pool) {
    return "thinpool_data/" + vg + "/" + pool;
  }

  static String poolMetadataKey(String vg, String pool) {
    return "thinpool_metadata/" + vg + "/" + pool;
  }

  /** Keeps what the verdicts compare with the past; called when a collector publishes. */
  /** The families {@link #record} keeps points of; a publish copies nothing else out. */
  private static final Set<String> RECORDED =
      Set.of(
          "storage_nvme_media_errors_total",
          "storage_smart_temperature_celsius",
          "storage_ata_attribute_raw",
          "storage_scsi_grown_defects",
          "storage_lvm_thinpool_data_used_ratio",
          "storage_lvm_thinpool_metadata_used_ratio");

  public static boolean recorded(String name) {
    return RECORDED.contains(name);
  }

  public static void record(SeriesSet s, History history, Instant at) {
    for (Sample x : s.all("storage_nvme_media_errors_total")) {
      history.record(mediaErrorsKey(x.label("serial")), at, x.value());
    }
    for (Sample x : s.all("storage_smart_temperature_celsius")) {
      history.record(temperatureKey(x.label("serial")), at, x.value());
    }
    for (Sample x : s.all("storage_ata_attribute_raw")) {
      if (List.of(
              ATA_ID_REALLOCATED,
              ATA_ID_UNCORRECTABLE,
              ATA_ID_COMMAND_TIMEOUT,
              ATA_ID_OFFLINE_UNCORRECTABLE)
          .contains(x.label("id"))) {
        history.record(ataKey(x.label("serial"), x.label("id")), at, x.value());
      }
    }
    for (Sample x : s.all("storage_scsi_grown_defects")) {
      history.record(scsiKey(x.label("serial")), at, x.value());
    }
    for (Sample x : s.all("storage_lvm_thinpool_data_used_ratio")) {
      history.record(poolDataKey(x.label("vg"), x.label("pool")), at, x.value());
    }
    for (Sample x : s.all("storage_lvm_thinpool_metadata_used_ratio")) {
      history.record(poolMetadataKey(x.label("vg"), x.label("pool")), at, x.value());
    }
  }

  public static NodeStatus build(
      String version,
      SeriesSet s,
      History history,
      Instant now,
      List<NodeStatus.CollectorRow> collectors,
      NodeStatus.HistoryBounds bounds) {
    List<Drive> drives = drives(s, history, now);
    List<NodeStatus.Pool> pools = pools(s, history, now);
    NodeStatus.Backups backups = backups(s, now);
    List<Reason> all = new ArrayList<>();
    drives.forEach(d -> all.addAll(d.reasons()));
    pools.forEach(p -> all.addAll(p.reasons()));
    all.add(new Reason(backups.verdict(), null, ""));
    return new NodeStatus(
        version,
        now.getEpochSecond(),
        Verdict.worst(all),
        drives,
        pools,
        backups,
        collectors,
        bounds);
  }

  static List<Drive> drives(SeriesSet s, History history, Instant now) {
    List<Drive> out = new ArrayList<>();
    for (Sample info : s.all("storage_smart_device_info")) {
      String device = info.label("device");
      String serial = info.label("serial");
      Map<String, String> id = Map.of("device", device, "serial", serial);
      boolean active = s.value("storage_smart_device_active", id).orElse(1) == 1;
      Double temperature = box(s.value("storage_smart_temperature_celsius", id));
      Double operatingMax =
          box(
              s.value(
                  "storage_smart_temperature_limit_celsius", with(id, "limit", "operating_max")));
      Double critical =
          box(s.value("storage_smart_temperature_limit_celsius", with(id, "limit", "critical")));
      TreeSet<String> flags = new TreeSet<>();
      for (Sample f : s.matching("storage_nvme_critical_warning_flag", id)) {
        if (f.value() == 1) {
          flags.add(f.label("flag"));
        }
      }
      Map<String, Double> ataRaw = new HashMap<>();
      Map<String, List<Point>> ataDay = new HashMap<>();
      for (Sample a : s.matching("storage_ata_attribute_raw", id)) {
        ataRaw.put(a.label("id"), a.value());
        ataDay.put(
            a.label("id"), history.since(ataKey(serial, a.label("id")), now, RISING_COUNT_WINDOW));
      }
      String selfTestResult =
          s.state("storage_smart_selftest_last_result", "result", id).orElse(null);
      String selfTestType = s.state("storage_smart_selftest_last_type", "type", id).orElse(null);
      Double mediaErrors = box(s.value("storage_nvme_media_errors_total", id));
      Double wearNvme = box(s.value("storage_nvme_percentage_used_ratio", id));
      Double wearAta = box(s.value("storage_ata_percentage_used_ratio", id));
      Double spare = box(s.value("storage_nvme_available_spare_ratio", id));
      var facts =
          new VerdictPolicy.DriveFacts(
              device,
              active,
              box(s.value("storage_smartctl_exit_status", id)),
              box(s.value("storage_smart_healthy", id)),
              temperature,
              operatingMax,
              critical,
              flags,
              spare,
              box(s.value("storage_nvme_available_spare_threshold_ratio", id)),
              wearNvme,
              wearAta,
              mediaErrors,
              history.since(mediaErrorsKey(serial), now, MEDIA_ERRORS_WINDOW),
              ataRaw,
              ataDay,
              box(s.value("storage_scsi_grown_defects", id)),
              history.since(scsiKey(serial), now, RISING_COUNT_WINDOW),
              "failed".equals(selfTestResult),
              selfTestType);
      List<Reason> reasons = VerdictPolicy.drive(facts);
      // The limit the page draws the temperature against: the drive's own, else the rules'.
      Double limit = operatingMax;
      if (limit == null && temperature != null) {
        limit =
            device.startsWith("nvme")
                ? TEMPERATURE_WARNING_CELSIUS_NVME
                : TEMPERATURE_WARNING_CELSIUS_ATA;
      }
      NodeStatus.SelfTest selfTest =
          selfTestResult == null
              ? null
              : new NodeStatus.SelfTest(
                  selfTestResult,
                  selfTestType,
                  box(s.value("storage_smart_selftest_last_age_seconds", id)),
                  s.value("storage_smart_selftest_in_progress", id).orElse(0) == 1);
      out.add(
          new Drive(
              device,
              serial,
              info.label("model"),
              info.label("protocol"),
              info.label("type"),
              box(s.value("storage_smart_capacity_bytes", id)),
              active,
              Verdict.worst(reasons),
              reasons,
              wearNvme != null ? wearNvme : wearAta,
              temperature,
              limit,
              box(s.value("storage_smart_power_on_seconds", id)),
              mediaErrors,
              spare,
              selfTest,
              chart(history.since(temperatureKey(serial), now, Duration.ofDays(1)))));
    }
    out.sort(Comparator.comparing(Drive::device));
    return out;
  }

  static List<NodeStatus.Pool> pools(SeriesSet s, History history, Instant now) {
    List<NodeStatus.Pool> out = new ArrayList<>();
    Map<String, List<NodeStatus.Volume>> volumes = new HashMap<>();
    for (Sample v : s.all("storage_lvm_thin_volume_size_bytes")) {
      Map<String, String> id =
          Map.of("vg", v.label("vg"), "pool", v.label("pool"), "lv", v.label("lv"));
      volumes
          .computeIfAbsent(v.label("vg") + "/" + v.label("pool"), k -> new ArrayList<>())
          .add(
              new NodeStatus.Volume(
                  v.label("lv"),
                  v.label("vmid"),
                  v.value(),
                  box(s.value("storage_lvm_thin_volume_used_ratio", id))));
    }
    for (Sample size : s.all("storage_lvm_thinpool_size_bytes")) {
      String vg = size.label("vg");
      String pool = size.label("pool");
      Map<String, String> id = Map.of("vg", vg, "pool", pool);
      Double data = box(s.value("storage_lvm_thinpool_data_used_ratio", id));
      Double metadata = box(s.value("storage_lvm_thinpool_metadata_used_ratio", id));
      Double provisioned = box(s.value("storage_lvm_thinpool_provisioned_bytes", id));
      Double vgFree = box(s.value("storage_lvm_vg_free_bytes", Map.of("vg", vg)));
      String health = s.state("storage_lvm_thinpool_health", "state", id).orElse(null);
      List<Point> dataWeek = history.since(poolDataKey(vg, pool), now, History.DEFAULT_RETENTION);
      List<Point> metadataWeek =
          history.since(poolMetadataKey(vg, pool), now, History.DEFAULT_RETENTION);
      List<Reason> reasons =
          VerdictPolicy.pool(
              new VerdictPolicy.PoolFacts(
                  health,
                  data,
                  metadata,
                  size.value(),
                  provisioned,
                  vgFree,
                  dataWeek,
                  metadataWeek,
                  now.getEpochSecond()));
      List<NodeStatus.Volume> biggest =
          new ArrayList<>(volumes.getOrDefault(vg + "/" + pool, List.of()));
      biggest.sort(
          Comparator.comparingDouble(NodeStatus.Volume::sizeBytes)
              .reversed()
              .thenComparing(NodeStatus.Volume::lv));
      out.add(
          new NodeStatus.Pool(
              vg,
              pool,
              health,
              Verdict.worst(reasons),
              reasons,
              size.value(),
              data,
              metadata,
              provisioned,
              provisioned != null && size.value() > 0 ? provisioned / size.value() : null,
              vgFree,
              forecast(data, dataWeek, now),
              chart(dataWeek),
              chart(metadataWeek),
              biggest.subList(0, Math.min(BIGGEST_VOLUMES, biggest.size()))));
    }
    out.sort(Comparator.comparing(NodeStatus.Pool::vg).thenComparing(NodeStatus.Pool::pool));
    return out;
  }

  static NodeStatus.Forecast forecast(Double data, List<Point> history, Instant now) {
    long window = FORECAST_DISPLAY_WINDOW.toSeconds();
    if (data == null) {
      return new NodeStatus.Forecast(window, null, null, "no data fill reported");
    }
    VerdictPolicy.Trend trend =
        VerdictPolicy.trend(history, data, now.getEpochSecond(), FORECAST_DISPLAY_WINDOW);
    if (trend == null) {
      return new NodeStatus.Forecast(
          window, null, null, "no forecast yet: the agent keeps a point every 5 minutes");
    }
    long covered =
        history.stream()
            .mapToLong(Point::epochSecond)
            .filter(t -> t >= now.getEpochSecond() - window)
            .map(t -> now.getEpochSecond() - t)
            .max()
            .orElse(0);
    String span = VerdictPolicy.duration(Math.max(covered, 60));
    if (trend.slope() <= 0) {
      return new NodeStatus.Forecast(
          window, trend.slope(), null, "not growing over the last " + span);
    }
    double seconds = Math.max(0, (1 - data) / trend.slope());
    return new NodeStatus.Forecast(
        window,
        trend.slope(),
        seconds,
        "full in about " + VerdictPolicy.duration(seconds) + " at the rate of the last " + span);
  }

  static NodeStatus.Backups backups(SeriesSet s, Instant now) {
    long t = now.getEpochSecond();
    List<NodeStatus.Guest> guests = new ArrayList<>();
    for (Sample g : s.all("storage_pbs_group_last_backup_timestamp_seconds")) {
      Map<String, String> id = new TreeMap<>(g.labels());
      Double success =
          box(
              s.value(
                  "storage_pbs_backup_last_task_success",
                  Map.of(
                      "target",
                      g.label("target"),
                      "datastore",
                      g.label("datastore"),
                      "backup_type",
                      g.label("backup_type"),
                      "backup_id",
                      g.label("backup_id"))));
      String verify = s.state("storage_pbs_snapshot_verify", "state", id).orElse(null);
      double age = t - g.value();
      List<Reason> reasons =
          VerdictPolicy.guest(new VerdictPolicy.GuestFacts(age, success, verify, "pbs"));
      String where =
          g.label("target")
              + "/"
              + g.label("datastore")
              + (g.label("namespace").isEmpty() ? "" : "/" + g.label("namespace"));
      guests.add(
          new NodeStatus.Guest(
              "pbs",
              g.label("backup_type"),
              g.label("backup_id"),
              where,
              Verdict.worst(reasons),
              reasons,
              age,
              success == null ? null : success == 1 ? "ok" : "failed",
              verify,
              box(s.value("storage_pbs_group_snapshots", id))));
    }
    for (Sample g : s.all("storage_pve_guest_last_backup_success")) {
      Map<String, String> id = Map.of("vmid", g.label("vmid"), "type", g.label("type"));
      OptionalDouble last = s.value("storage_pve_guest_last_backup_timestamp_seconds", id);
      Double age = last.isPresent() ? t - last.getAsDouble() : null;
      List<Reason> reasons =
          VerdictPolicy.guest(new VerdictPolicy.GuestFacts(age, g.value(), null, "pve"));
      guests.add(
          new NodeStatus.Guest(
              "pve",
              g.label("type"),
              g.label("vmid"),
              "vzdump",
              Verdict.worst(reasons),
              reasons,
              age,
              // Per guest the agent says backed up (ok, warnings included) or not; the job's
              // last run state tells warnings apart.
              g.value() == 1 ? "ok" : "failed",
              null,
              null));
    }
    guests.sort(
        Comparator.comparing(NodeStatus.Guest::verdict)
            .reversed()
            .thenComparing(g -> numeric(g.backupId()))
            .thenComparing(NodeStatus.Guest::backupId)
            .thenComparing(NodeStatus.Guest::source)
            .thenComparing(NodeStatus.Guest::where));
    List<NodeStatus.Datastore> stores = new ArrayList<>();
    for (Sample d : s.all("storage_pbs_datastore_up")) {
      Map<String, String> id =
          Map.of("target", d.label("target"), "datastore", d.label("datastore"));
      Double size = box(s.value("storage_pbs_datastore_size_bytes", id));
      Double available = box(s.value("storage_pbs_datastore_available_bytes", id));
      List<Reason> reasons =
          VerdictPolicy.datastore(
              d.value(),
              s.state("storage_pbs_datastore_info", "mount", id).orElse(null),
              s.state("storage_pbs_datastore_info", "maintenance", id).orElse(null),
              size,
              available);
      OptionalDouble used = VerdictPolicy.usedRatio(size, available);
      stores.add(
          new NodeStatus.Datastore(
              d.label("target"),
              d.label("datastore"),
              d.value() == 1,
              Verdict.worst(reasons),
              reasons,
              size,
              used.isPresent() ? used.getAsDouble() : null,
              box(s.value("storage_pbs_datastore_estimated_full_timestamp_seconds", id))));
    }
    stores.sort(
        Comparator.comparing(NodeStatus.Datastore::target)
            .thenComparing(NodeStatus.Datastore::datastore));
    List<NodeStatus.Job> jobs = new ArrayList<>();
    for (Sample j : s.all("storage_pbs_job_last_run_success")) {
      Map<String, String> id = new TreeMap<>(j.labels());
      Double next = box(s.value("storage_pbs_job_next_run_timestamp_seconds", id));
      List<Reason> reasons = VerdictPolicy.job("pbs", j.value(), next, t);
      jobs.add(
          new NodeStatus.Job(
              "pbs",
              j.label("target"),
              j.label("job_type"),
              j.label("job_id"),
              j.label("datastore"),
              Verdict.worst(reasons),
              reasons,
              box(s.value("storage_pbs_job_last_run_end_timestamp_seconds", id)),
              next));
    }
    for (Sample j : s.all("storage_pve_backup_job_last_run_success")) {
      Map<String, String> id = Map.of("job_id", j.label("job_id"));
      Double next = box(s.value("storage_pve_backup_job_next_run_timestamp_seconds", id));
      List<Reason> reasons = VerdictPolicy.job("pve", j.value(), next, t);
      jobs.add(
          new NodeStatus.Job(
              "pve",
              "",
              "vzdump",
              j.label("job_id"),
              "",
              Verdict.worst(reasons),
              reasons,
              box(s.value("storage_pve_backup_job_last_run_end_timestamp_seconds", id)),
              next));
    }
    jobs.sort(
        Comparator.comparing(NodeStatus.Job::verdict)
            .reversed()
            .thenComparing(NodeStatus.Job::source)
            .thenComparing(NodeStatus.Job::target)
            .thenComparing(NodeStatus.Job::jobType)
            .thenComparing(NodeStatus.Job::jobId));
    List<NodeStatus.Target> targets = new ArrayList<>();
    List<Reason> all = new ArrayList<>();
    for (Sample p : s.all("storage_pbs_up")) {
      targets.add(new NodeStatus.Target(p.label("target"), p.value() == 1));
      if (p.value() == 0) {
        all.add(
            Reason.failing("StoragePbsDown", "PBS " + p.label("target") + " cannot be queried"));
      }
    }
    targets.sort(Comparator.comparing(NodeStatus.Target::target));
    guests.forEach(g -> all.addAll(g.reasons()));
    stores.forEach(d -> all.addAll(d.reasons()));
    jobs.forEach(j -> all.addAll(j.reasons()));
    return new NodeStatus.Backups(Verdict.worst(all), guests, stores, jobs, targets);
  }

  /** Points for a chart, at most one per step as kept. */
  private static List<NodeStatus.Point> chart(List<Point> points) {
    List<NodeStatus.Point> out = new ArrayList<>(points.size());
    for (Point p : points) {
      out.add(new NodeStatus.Point(p.epochSecond(), p.value()));
    }
    return out;
  }

  private static long numeric(String id) {
    try {
      return Long.parseLong(id);
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }

  private static Map<String, String> with(Map<String, String> base, String k, String v) {
    Map<String, String> m = new LinkedHashMap<>(base);
    m.put(k, v);
    return m;
  }

  private static Double box(OptionalDouble v) {
    return v.isPresent() && !Double.isNaN(v.getAsDouble()) ? v.getAsDouble() : null;
  }
}
