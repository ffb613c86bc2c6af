package io.github.storageagent.status;

import static io.github.storageagent.status.StatusThresholds.*;

import io.github.storageagent.status.History.Point;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The verdicts: each reason is the condition of one shipped alert rule, applied to the same series
 * the rule reads, with the thresholds of {@link StatusThresholds}. What the rules take from time
 * ranges (a count's lowest value of the last day, a fill trend) comes from {@link History}. The
 * rules' {@code for:} durations are not applied: the page shows the node as it is now.
 */
public final class VerdictPolicy {

  private VerdictPolicy() {}

  /** The shipped alert rules whose conditions the verdicts apply. */
  public static final Set<String> ALERTS =
      Set.of(
          "StorageSmartFailed",
          "StorageSmartReadFailing",
          "StorageSmartSelfTestFailed",
          "StorageDiskTemperatureHigh",
          "StorageNvmeCriticalWarning",
          "StorageNvmeSpareLow",
          "StorageNvmeWearHigh",
          "StorageNvmeMediaErrors",
          "StorageAtaSectorsReallocating",
          "StorageAtaPendingSectors",
          "StorageAtaUncorrectableErrors",
          "StorageAtaCommandTimeouts",
          "StorageScsiGrownDefects",
          "StorageThinPoolUnhealthy",
          "StorageThinPoolDataAlmostFull",
          "StorageThinPoolMetadataAlmostFull",
          "StorageThinPoolDataFillingUp",
          "StorageThinPoolMetadataFillingUp",
          "StorageThinPoolOvercommitted",
          "StoragePbsDatastoreAlmostFull",
          "StoragePbsDatastoreUnavailable",
          "StoragePbsDown",
          "StorageBackupMissing",
          "StorageBackupTaskFailed",
          "StorageBackupVerifyFailed",
          "StorageGuestBackupFailed",
          "StoragePbsJobFailed",
          "StoragePbsJobMissedRun",
          "StorageVzdumpJobFailed");

  /**
   * Warning rules whose reason is a failure that already happened (a backup, verify or job failed):
   * failing on the page, though the rule only warns (it is not worth a page at night).
   */
  public static final Set<String> FAILED_RESULT_ALERTS =
      Set.of(
          "StorageBackupTaskFailed",
          "StorageBackupVerifyFailed",
          "StorageGuestBackupFailed",
          "StoragePbsJobFailed",
          "StorageVzdumpJobFailed");

  /** What the policy needs to know of a drive. Null = not reported. */
  public record DriveFacts(
      String device,
      boolean active,
      Double exitStatus,
      Double healthy,
      Double temperature,
      Double limitOperatingMax,
      Double limitCritical,
      Set<String> criticalWarningFlags,
      Double spare,
      Double spareThreshold,
      Double wearNvme,
      Double wearAta,
      Double mediaErrors,
      List<Point> mediaErrorsLastHour,
      Map<String, Double> ataRaw,
      Map<String, List<Point>> ataRawLastDay,
      Double scsiGrownDefects,
      List<Point> scsiGrownDefectsLastDay,
      boolean selfTestFailed,
      String selfTestType) {}

  public static List<Reason> drive(DriveFacts d) {
    List<Reason> out = new ArrayList<>();
    if (!d.active()) {
      out.add(Reason.note("in standby, not woken: SMART data is read when the drive is awake"));
    }
    if (d.healthy() != null && d.healthy() == 0) {
      out.add(Reason.failing("StorageSmartFailed", "SMART overall health check FAILED"));
    }
    if (d.active() && d.exitStatus() != null && ((long) (double) d.exitStatus()) % 4 > 0) {
      out.add(
          Reason.watch(
              "StorageSmartReadFailing",
              "SMART data cannot be read (smartctl exit status " + fmt(d.exitStatus()) + ")"));
    }
    if (d.selfTestFailed()) {
      out.add(
          Reason.watch(
              "StorageSmartSelfTestFailed",
              "last "
                  + (d.selfTestType() == null ? "" : d.selfTestType() + " ")
                  + "self-test failed"));
    }
    temperature(d, out);
    for (String flag : d.criticalWarningFlags()) {
      String text = "NVMe critical warning: " + flagWords(flag);
      out.add(
          flag.equals("temperature")
              ? Reason.watch("StorageNvmeCriticalWarning", text)
              : Reason.failing("StorageNvmeCriticalWarning", text));
    }
    if (d.spare() != null && d.spareThreshold() != null && d.spareThreshold() > 0) {
      String text = "spare at " + percent(d.spare()) + ", threshold " + percent(d.spareThreshold());
      if (d.spare() <= d.spareThreshold()) {
        out.add(Reason.failing("StorageNvmeSpareLow", text));
      } else if (d.spare() <= d.spareThreshold() + SPARE_WARNING_MARGIN_RATIO) {
        out.add(Reason.watch("StorageNvmeSpareLow", text));
      }
    }
    Double wear = max(d.wearNvme(), d.wearAta());
    if (wear != null) {
      String text = "wear at " + percent(wear) + " of rated endurance";
      if (wear >= WEAR_CRITICAL_RATIO) {
        out.add(Reason.failing("StorageNvmeWearHigh", text));
      } else if (wear >= WEAR_WARNING_RATIO) {
        out.add(Reason.watch("StorageNvmeWearHigh", text));
      }
    }
    if (d.mediaErrors() != null) {
      double rise = rise(d.mediaErrors(), d.mediaErrorsLastHour());
      if (rise > 0) {
        out.add(
            Reason.watch(
                "StorageNvmeMediaErrors",
                fmt(rise)
                    + " new media errors in the last hour ("
                    + fmt(d.mediaErrors())
                    + " in all)"));
      }
    }
    Double pending = d.ataRaw().get(ATA_ID_PENDING);
    if (pending != null && pending > 0) {
      out.add(Reason.watch("StorageAtaPendingSectors", "pending sectors: " + fmt(pending)));
    }
    ataRise(d, ATA_ID_REALLOCATED, "StorageAtaSectorsReallocating", "sectors reallocated", out);
    ataRise(d, ATA_ID_UNCORRECTABLE, "StorageAtaUncorrectableErrors", "uncorrectable errors", out);
    ataRise(
        d,
        ATA_ID_OFFLINE_UNCORRECTABLE,
        "StorageAtaUncorrectableErrors",
        "offline uncorrectable sectors",
        out);
    ataRise(d, ATA_ID_COMMAND_TIMEOUT, "StorageAtaCommandTimeouts", "command timeouts", out);
    if (d.scsiGrownDefects() != null) {
      double rise = rise(d.scsiGrownDefects(), d.scsiGrownDefectsLastDay());
      if (rise > 0) {
        out.add(
            Reason.watch(
                "StorageScsiGrownDefects", fmt(rise) + " new grown defects in the last day"));
      }
    }
    return out;
  }

  private static void temperature(DriveFacts d, List<Reason> out) {
    Double t = d.temperature();
    if (t == null) {
      return;
    }
    boolean nvme = d.device().startsWith("nvme");
    double fallbackWarning =
        nvme ? TEMPERATURE_WARNING_CELSIUS_NVME : TEMPERATURE_WARNING_CELSIUS_ATA;
    double fallbackCritical =
        nvme ? TEMPERATURE_CRITICAL_CELSIUS_NVME : TEMPERATURE_CRITICAL_CELSIUS_ATA;
    boolean critical =
        d.limitCritical() != null
            ? t >= d.limitCritical()
            : t > fallbackCritical
                && !(d.limitOperatingMax() != null && t <= d.limitOperatingMax());
    boolean warning =
        d.limitOperatingMax() != null ? t >= d.limitOperatingMax() : t > fallbackWarning;
    if (critical) {
      out.add(
          Reason.failing(
              "StorageDiskTemperatureHigh",
              "at "
                  + fmt(t)
                  + " °C, critical limit "
                  + fmt(d.limitCritical() != null ? d.limitCritical() : fallbackCritical)
                  + " °C"));
    } else if (warning) {
      out.add(
          Reason.watch(
              "StorageDiskTemperatureHigh",
              "at "
                  + fmt(t)
                  + " °C, limit "
                  + fmt(d.limitOperatingMax() != null ? d.limitOperatingMax() : fallbackWarning)
                  + " °C"));
    }
  }

  private static void ataRise(
      DriveFacts d, String id, String alert, String what, List<Reason> out) {
    Double now = d.ataRaw().get(id);
    if (now == null) {
      return;
    }
    double rise = rise(now, d.ataRawLastDay().getOrDefault(id, List.of()));
    if (rise > 0) {
      out.add(
          Reason.watch(
              alert, fmt(rise) + " new " + what + " in the last day (attribute " + id + ")"));
    }
  }

  /** The value now above its lowest in the window (the rules' x - min_over_time(x[w])). */
  static double rise(double now, List<Point> window) {
    double min = now;
    for (Point p : window) {
      min = Math.min(min, p.value());
    }
    return now - min;
  }

  /** What the policy needs to know of a thin pool. */
  public record PoolFacts(
      String health,
      Double dataUsed,
      Double metadataUsed,
      Double sizeBytes,
      Double provisionedBytes,
      Double vgFreeBytes,
      List<Point> dataLastDay,
      List<Point> metadataLastDay,
      long now) {}

  public static List<Reason> pool(PoolFacts p) {
    List<Reason> out = new ArrayList<>();
    String h = p.health();
    if (h != null) {
      if (Set.of("out_of_data", "metadata_read_only", "failed").contains(h)) {
        out.add(Reason.failing("StorageThinPoolUnhealthy", "pool state: " + h.replace('_', ' ')));
      } else if (!h.equals("ok") && !h.equals("unknown")) {
        out.add(Reason.watch("StorageThinPoolUnhealthy", "pool state: " + h.replace('_', ' ')));
      }
    }
    if (p.dataUsed() != null) {
      String text = "data " + percent(p.dataUsed()) + " used";
      if (p.dataUsed() > POOL_DATA_CRITICAL_RATIO) {
        out.add(
            Reason.failing(
                "StorageThinPoolDataAlmostFull",
                text + ", limit " + percent(POOL_DATA_CRITICAL_RATIO)));
      } else if (p.dataUsed() > POOL_DATA_WARNING_RATIO) {
        out.add(
            Reason.watch(
                "StorageThinPoolDataAlmostFull",
                text + ", limit " + percent(POOL_DATA_WARNING_RATIO)));
      }
      fillingUp(
          p.dataUsed(),
          p.dataLastDay(),
          p.now(),
          POOL_DATA_FORECAST_FLOOR_RATIO,
          "StorageThinPoolDataFillingUp",
          "data",
          out);
    }
    if (p.metadataUsed() != null) {
      String text = "metadata " + percent(p.metadataUsed()) + " used";
      if (p.metadataUsed() > POOL_METADATA_CRITICAL_RATIO) {
        out.add(
            Reason.failing(
                "StorageThinPoolMetadataAlmostFull",
                text + ", limit " + percent(POOL_METADATA_CRITICAL_RATIO)));
      } else if (p.metadataUsed() > POOL_METADATA_WARNING_RATIO) {
        out.add(
            Reason.watch(
                "StorageThinPoolMetadataAlmostFull",
                text + ", limit " + percent(POOL_METADATA_WARNING_RATIO)));
      }
      fillingUp(
          p.metadataUsed(),
          p.metadataLastDay(),
          p.now(),
          POOL_METADATA_FORECAST_FLOOR_RATIO,
          "StorageThinPoolMetadataFillingUp",
          "metadata",
          out);
    }
    if (p.sizeBytes() != null
        && p.sizeBytes() > 0
        && p.provisionedBytes() != null
        && p.dataUsed() != null
        && p.vgFreeBytes() != null) {
      double overcommit = p.provisionedBytes() / p.sizeBytes();
      if (overcommit > OVERCOMMIT_RATIO
          && p.dataUsed() > OVERCOMMIT_DATA_USED_RATIO
          && p.sizeBytes() * OVERCOMMIT_AUTOEXTEND_SHARE > p.vgFreeBytes()) {
        out.add(
            Reason.watch(
                "StorageThinPoolOvercommitted",
                "overcommitted "
                    + fmt(overcommit)
                    + "×, and the VG has too little free space to autoextend"));
      }
    }
    return out;
  }

  private static void fillingUp(
      double now,
      List<Point> lastDay,
      long nowSecond,
      double floor,
      String alert,
      String what,
      List<Reason> out) {
    if (now <= floor) {
      return;
    }
    Trend critical = trend(lastDay, now, nowSecond, FORECAST_CRITICAL_WINDOW);
    Trend warning = trend(lastDay, now, nowSecond, FORECAST_WARNING_WINDOW);
    if (critical != null
        && critical.slope() > 0
        && critical.at(nowSecond + FORECAST_CRITICAL_HORIZON.toSeconds()) >= 1) {
      out.add(
          Reason.failing(
              alert,
              what
                  + " full in about "
                  + duration((1 - now) / critical.slope())
                  + " at the last hour's rate"));
    } else if (warning != null
        && warning.slope() > 0
        && warning.at(nowSecond + FORECAST_WARNING_HORIZON.toSeconds()) >= 1) {
      out.add(
          Reason.watch(
              alert,
              what
                  + " full in about "
                  + duration((1 - now) / warning.slope())
                  + " at the last 6 hours' rate"));
    }
  }

  /** A least-squares line through values over time, as Prometheus' deriv and predict_linear fit. */
  public record Trend(double slope, double intercept, long origin) {
    public double at(long epochSecond) {
      return intercept + slope * (epochSecond - origin);
    }
  }

  /**
   * The trend of {@code points} within {@code window} before {@code nowSecond} and the current
   * value; null with fewer than two kept points in the window. The kept points are one per 5
   * minutes: a line through the current value and one point seconds older would be noise, where the
   * rules' {@code for:} rides a noisy trend out.
   */
  public static Trend trend(List<Point> points, double now, long nowSecond, Duration window) {
    List<Point> in = new ArrayList<>();
    for (Point p : points) {
      if (p.epochSecond() >= nowSecond - window.toSeconds() && p.epochSecond() < nowSecond) {
        in.add(p);
      }
    }
    if (in.size() < 2) {
      return null;
    }
    in.add(new Point(nowSecond, now));
    double n = in.size();
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    for (Point p : in) {
      double x = p.epochSecond() - nowSecond;
      sx += x;
      sy += p.value();
      sxx += x * x;
      sxy += x * p.value();
    }
    double denominator = n * sxx - sx * sx;
    if (denominator == 0) {
      return null;
    }
    double slope = (n * sxy - sx * sy) / denominator;
    double intercept = (sy - slope * sx) / n;
    return new Trend(slope, intercept, nowSecond);
  }

  /** What the policy needs to know of a guest's backups. */
  public record GuestFacts(
      Double lastBackupAgeSeconds, Double lastTaskSuccess, String verify, String source) {}

  public static List<Reason> guest(GuestFacts g) {
    List<Reason> out = new ArrayList<>();
    if (g.lastBackupAgeSeconds() != null && g.lastBackupAgeSeconds() > BACKUP_MAX_AGE.toSeconds()) {
      out.add(
          Reason.watch(
              "StorageBackupMissing",
              "last backup "
                  + duration(g.lastBackupAgeSeconds())
                  + " old, limit "
                  + duration(BACKUP_MAX_AGE.toSeconds())));
    }
    if (g.lastTaskSuccess() != null && g.lastTaskSuccess() == 0) {
      out.add(
          g.source().equals("pbs")
              ? Reason.failing("StorageBackupTaskFailed", "last backup task failed")
              : Reason.failing(
                  "StorageGuestBackupFailed", "last vzdump backup of this guest failed"));
    }
    if ("failed".equals(g.verify())) {
      out.add(Reason.failing("StorageBackupVerifyFailed", "newest snapshot failed verification"));
    }
    return out;
  }

  /** A PBS datastore. */
  public static List<Reason> datastore(
      Double up, String mount, String maintenance, Double size, Double available) {
    List<Reason> out = new ArrayList<>();
    if (up != null
        && up == 0
        && !"notmounted".equals(mount)
        && !Set.of("offline", "delete", "unmount", "s3-refresh")
            .contains(String.valueOf(maintenance))) {
      out.add(Reason.failing("StoragePbsDatastoreUnavailable", "datastore cannot be read"));
    }
    OptionalDouble used = usedRatio(size, available);
    if (used.isPresent() && used.getAsDouble() > DATASTORE_WARNING_RATIO) {
      out.add(
          Reason.watch(
              "StoragePbsDatastoreAlmostFull",
              percent(used.getAsDouble()) + " used, limit " + percent(DATASTORE_WARNING_RATIO)));
    }
    return out;
  }

  /** Used as the rules measure it: from the available side. */
  static OptionalDouble usedRatio(Double size, Double available) {
    if (size == null || available == null || size <= 0) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(1 - available / size);
  }

  /** A PBS job ({@code source} "pbs") or vzdump job ("pve"). */
  public static List<Reason> job(String source, Double lastRunSuccess, Double nextRunAt, long now) {
    List<Reason> out = new ArrayList<>();
    if (lastRunSuccess != null && lastRunSuccess == 0) {
      out.add(
          source.equals("pbs")
              ? Reason.failing("StoragePbsJobFailed", "last run failed")
              : Reason.failing(
                  "StorageVzdumpJobFailed", "last run failed: a guest was not backed up"));
    }
    if (source.equals("pbs")
        && nextRunAt != null
        && now - nextRunAt > JOB_MISSED_RUN_GRACE.toSeconds()) {
      out.add(
          Reason.watch(
              "StoragePbsJobMissedRun",
              "missed its run due " + duration(now - nextRunAt) + " ago"));
    }
    return out;
  }

  // words

  static String percent(double ratio) {
    double p = ratio * 100;
    return (p == Math.rint(p)
            ? String.valueOf((long) p)
            : String.format(java.util.Locale.ROOT, "%.1f", p))
        + " %";
  }

  static String fmt(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15
        ? String.valueOf((long) v)
        : String.format(java.util.Locale.ROOT, "%.1f", v);
  }

  /** "3 days", "5 hours", "12 minutes": rounded, for people. */
  public static String duration(double seconds) {
    if (seconds >= 2 * 86400) {
      return Math.round(seconds / 86400) + " days";
    }
    if (seconds >= 2 * 3600) {
      return Math.round(seconds / 3600) + " hours";
    }
    if (seconds >= 120) {
      return Math.round(seconds / 60) + " minutes";
    }
    return Math.round(seconds) + " seconds";
  }

  private static Double max(Double a, Double b) {
    if (a == null) {
      return b;
    }
    return b == null ? a : Math.max(a, b);
  }

  private static String flagWords(String flag) {
    return switch (flag) {
      case "spare" -> "available spare below threshold";
      case "temperature" -> "temperature outside the drive's limits";
      case "reliability" -> "reliability degraded by media or internal errors";
      case "read_only" -> "media placed in read-only mode";
      case "volatile_backup" -> "volatile memory backup failed";
      case "pmr_read_only" -> "persistent memory region read-only";
      default -> flag;
    };
  }
}
