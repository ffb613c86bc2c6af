package io.github.storageagent.status;

import java.time.Duration;

/**
 * The thresholds of the shipped alert rules ({@code rules/*.rules.yml}) that the status page's
 * verdicts apply. The nodes do not carry the rule files, so the numbers are repeated here once;
 * {@code StatusThresholdsRulesTest} reads the rule files and fails when an alert expression and a
 * constant here disagree, so the two cannot drift apart.
 */
public final class StatusThresholds {

  private StatusThresholds() {}

  // storage-health.rules.yml

  /** StorageNvmeWearHigh warning: Percentage Used (NVMe or ATA) at or above this. */
  public static final double WEAR_WARNING_RATIO = 0.80;

  /** StorageNvmeWearHigh critical. */
  public static final double WEAR_CRITICAL_RATIO = 0.95;

  /** StorageNvmeSpareLow warning: spare at or below the drive's threshold plus this. */
  public static final double SPARE_WARNING_MARGIN_RATIO = 0.1;

  /** StorageDiskTemperatureHigh fallbacks when the drive reports no limit of its own. */
  public static final double TEMPERATURE_WARNING_CELSIUS_ATA = 55;

  public static final double TEMPERATURE_CRITICAL_CELSIUS_ATA = 65;
  public static final double TEMPERATURE_WARNING_CELSIUS_NVME = 70;
  public static final double TEMPERATURE_CRITICAL_CELSIUS_NVME = 80;

  /** StorageNvmeMediaErrors: any rise of the media error count within this window. */
  public static final Duration MEDIA_ERRORS_WINDOW = Duration.ofHours(1);

  /**
   * StorageAtaSectorsReallocating, StorageAtaUncorrectableErrors, StorageAtaCommandTimeouts and
   * StorageScsiGrownDefects: the count is above its lowest value of this window.
   */
  public static final Duration RISING_COUNT_WINDOW = Duration.ofDays(1);

  /** The ATA attribute ids those rules read (5, 187, 188, 197, 198). */
  public static final String ATA_ID_REALLOCATED = "5";

  public static final String ATA_ID_UNCORRECTABLE = "187";
  public static final String ATA_ID_COMMAND_TIMEOUT = "188";
  public static final String ATA_ID_PENDING = "197";
  public static final String ATA_ID_OFFLINE_UNCORRECTABLE = "198";

  // storage-capacity.rules.yml

  /** StorageThinPoolDataAlmostFull warning and critical: data used above these. */
  public static final double POOL_DATA_WARNING_RATIO = 0.90;

  public static final double POOL_DATA_CRITICAL_RATIO = 0.95;

  /** StorageThinPoolMetadataAlmostFull warning and critical. */
  public static final double POOL_METADATA_WARNING_RATIO = 0.80;

  public static final double POOL_METADATA_CRITICAL_RATIO = 0.90;

  /** StorageThinPoolDataFillingUp: only pools used above this floor are forecast. */
  public static final double POOL_DATA_FORECAST_FLOOR_RATIO = 0.5;

  /** StorageThinPoolMetadataFillingUp: the metadata floor. */
  public static final double POOL_METADATA_FORECAST_FLOOR_RATIO = 0.25;

  /** The FillingUp warning: the trend of this window ... */
  public static final Duration FORECAST_WARNING_WINDOW = Duration.ofHours(6);

  /** ... projected this far ahead reaches full. */
  public static final Duration FORECAST_WARNING_HORIZON = Duration.ofHours(24);

  /** The FillingUp critical: a shorter window and horizon. */
  public static final Duration FORECAST_CRITICAL_WINDOW = Duration.ofHours(1);

  public static final Duration FORECAST_CRITICAL_HORIZON = Duration.ofHours(4);

  /** StorageThinPoolOvercommitted: provisioned / size above this ... */
  public static final double OVERCOMMIT_RATIO = 2;

  /** ... with data used above this ... */
  public static final double OVERCOMMIT_DATA_USED_RATIO = 0.8;

  /** ... and less free space in the VG than this share of the pool (one autoextend step). */
  public static final double OVERCOMMIT_AUTOEXTEND_SHARE = 0.2;

  /** StoragePbsDatastoreAlmostFull: used (from the available side) above this. */
  public static final double DATASTORE_WARNING_RATIO = 0.85;

  // storage-backup.rules.yml

  /** StorageBackupMissing: the default {@code storage:backup_max_age_seconds} (36 h). */
  public static final Duration BACKUP_MAX_AGE = Duration.ofSeconds(129600);

  /** StoragePbsJobMissedRun: a job whose next run lies this far in the past. */
  public static final Duration JOB_MISSED_RUN_GRACE = Duration.ofSeconds(3600);

  /** The pool fill forecast shown on the page (not an alert): the trend of this window. */
  public static final Duration FORECAST_DISPLAY_WINDOW = Duration.ofHours(24);
}
