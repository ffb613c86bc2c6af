package io.github.storageagent.smart;

import io.github.storageagent.collect.Families;
import io.github.storageagent.collect.Family;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Maps typed SMART readings to the {@code storage_smart_*}, {@code _nvme_*}, {@code _ata_*}, {@code
 * _scsi_*} families.
 */
public final class SmartMetrics {

  /** NVMe critical warning bits 0-5 by flag label. */
  static final List<String> CRITICAL_WARNING_FLAGS =
      List.of(
          "spare", "temperature", "reliability", "read_only", "volatile_backup", "pmr_read_only");

  static final List<String> SELFTEST_RESULTS =
      Arrays.stream(SelfTestResult.values()).map(SelfTestResult::label).toList();
  static final List<String> SELFTEST_TYPES =
      Arrays.stream(SelfTestType.values()).map(SelfTestType::label).toList();

  // Identity and state of the device.
  static final Family DEVICE_INFO =
      Family.info(
          "storage_smart_device_info",
          "Identity of a SMART device; serial (the drive's serial, else WWN, else device) follows the drive across kernel renames; block_device joins it with storage_disk_* series (\"\" behind RAID).",
          "block_device",
          "device",
          "firmware",
          "model",
          "protocol",
          "serial",
          "type",
          "wwn");
  static final Family ACTIVE =
      Family.gauge(
          "storage_smart_device_active",
          "1 when the device was read, 0 when it was in a low-power mode and left asleep.",
          "device",
          "serial");
  static final Family EXIT_STATUS =
      Family.gauge(
          "storage_smartctl_exit_status",
          "smartctl's exit status bitmask (bits 0-1: no data; 2: command failed; 3: disk failing; 4-5: attributes at threshold now/in the past; 6: error log; 7: self-test errors).",
          "device",
          "serial");

  // Health, every protocol.
  static final Family HEALTHY =
      Family.gauge(
          "storage_smart_healthy",
          "SMART overall health self-assessment: 1 passed, 0 failing (smart_status.passed, exit bit 3).",
          "device",
          "serial");
  static final Family TEMPERATURE =
      Family.gauge(
          "storage_smart_temperature_celsius",
          Unit.CELSIUS,
          "Current drive temperature (temperature.current).",
          "device",
          "serial");
  static final Family POWER_ON =
      Family.gauge(
          "storage_smart_power_on_seconds",
          Unit.SECONDS,
          "Power-on time (power_on_time.hours and minutes).",
          "device",
          "serial");
  static final Family POWER_CYCLES =
      Family.gauge(
          "storage_smart_power_cycles",
          "Power cycles (power_cycle_count; SCSI: accumulated start-stop cycles).",
          "device",
          "serial");

  static final Family CAPACITY =
      Family.gauge(
          "storage_smart_capacity_bytes",
          Unit.BYTES,
          "The drive's size (user_capacity; NVMe without it: nvme_total_capacity).",
          "device",
          "serial");

  static final Family TEMPERATURE_LIMIT =
      Family.gauge(
          "storage_smart_temperature_limit_celsius",
          Unit.CELSIUS,
          "The drive's own temperature limits: limit=\"operating_max\" the highest specified operating temperature (ATA temperature.op_limit_max, NVMe warning composite threshold), limit=\"critical\" the damage or shutdown limit (ATA temperature.limit_max, NVMe critical composite threshold, SCSI drive_trip).",
          "device",
          "limit",
          "serial");

  // Self-tests, ATA and NVMe.
  static final Family SELFTEST_LAST_RESULT =
      Family.stateSet(
          "storage_smart_selftest_last_result",
          "Result of the newest finished self-test in the device's self-test log: 1 for passed, failed, aborted or unknown, 0 for the others.",
          "result",
          "device",
          "result",
          "serial");
  static final Family SELFTEST_LAST_TYPE =
      Family.stateSet(
          "storage_smart_selftest_last_type",
          "Type of the newest finished self-test: 1 for short, extended, conveyance, selective or other, 0 for the others.",
          "type",
          "device",
          "serial",
          "type");
  static final Family SELFTEST_LAST_AGE =
      Family.gauge(
          "storage_smart_selftest_last_age_seconds",
          Unit.SECONDS,
          "Power-on time since the newest finished self-test: power-on hours now minus at the test, in seconds.",
          "device",
          "serial");
  static final Family SELFTEST_IN_PROGRESS =
      Family.gauge(
          "storage_smart_selftest_in_progress",
          "1 while a self-test runs, 0 otherwise; present whenever the self-test log was read.",
          "device",
          "serial");
  static final Family SELFTEST_REMAINING =
      Family.gauge(
          "storage_smart_selftest_remaining_ratio",
          Unit.RATIO,
          "Part of the running self-test still to do (ATA remaining percent, NVMe 100 - completion percent, / 100); only while one runs.",
          "device",
          "serial");

  // NVMe health log.
  static final Family NVME_CRITICAL_WARNING =
      Family.gauge(
          "storage_nvme_critical_warning",
          "NVMe critical warning bitmask (health log critical_warning); 0 is healthy.",
          "device",
          "serial");
  static final Family NVME_CRITICAL_WARNING_FLAG =
      Family.gauge(
          "storage_nvme_critical_warning_flag",
          "NVMe critical warning bits by name: spare, temperature, reliability, read_only, volatile_backup, pmr_read_only.",
          "device",
          "flag",
          "serial");
  static final Family NVME_SPARE =
      Family.gauge(
          "storage_nvme_available_spare_ratio",
          Unit.RATIO,
          "NVMe remaining spare capacity (available_spare / 100).",
          "device",
          "serial");
  static final Family NVME_SPARE_THRESHOLD =
      Family.gauge(
          "storage_nvme_available_spare_threshold_ratio",
          Unit.RATIO,
          "NVMe spare level below which the drive raises the spare warning (available_spare_threshold / 100).",
          "device",
          "serial");
  static final Family NVME_USED =
      Family.gauge(
          "storage_nvme_percentage_used_ratio",
          Unit.RATIO,
          "NVMe estimate of rated endurance used (percentage_used / 100); may exceed 1.",
          "device",
          "serial");
  static final Family NVME_MEDIA_ERRORS =
      Family.counter(
          "storage_nvme_media_errors_total",
          "NVMe unrecovered data integrity errors (media_errors).",
          "device",
          "serial");
  static final Family NVME_ERROR_LOG =
      Family.counter(
          "storage_nvme_error_log_entries_total",
          "NVMe error information log entries over the drive's life (num_err_log_entries).",
          "device",
          "serial");
  static final Family NVME_UNSAFE_SHUTDOWNS =
      Family.counter(
          "storage_nvme_unsafe_shutdowns_total",
          "NVMe shutdowns without prior notification (unsafe_shutdowns).",
          "device",
          "serial");
  static final Family NVME_DATA_READ =
      Family.counter(
          "storage_nvme_data_read_bytes_total",
          Unit.BYTES,
          "Bytes read by the host (data_units_read × 512000).",
          "device",
          "serial");
  static final Family NVME_DATA_WRITTEN =
      Family.counter(
          "storage_nvme_data_written_bytes_total",
          Unit.BYTES,
          "Bytes written by the host (data_units_written × 512000).",
          "device",
          "serial");

  // ATA attributes.
  static final Family ATA_RAW =
      Family.gauge(
          "storage_ata_attribute_raw",
          "ATA SMART attribute raw value (raw.value); for 5, 187, 188, 197 and 198 the decoded low counter from raw.string.",
          "device",
          "id",
          "name",
          "serial");
  static final Family ATA_NORMALIZED =
      Family.gauge(
          "storage_ata_attribute_normalized",
          "ATA SMART attribute normalized value (value, vendor scale, higher is better).",
          "device",
          "id",
          "name",
          "serial");
  static final Family ATA_THRESHOLD =
      Family.gauge(
          "storage_ata_attribute_threshold",
          "ATA SMART attribute threshold (thresh); a normalized value at or below it is failing. Only for attributes with a non-zero threshold.",
          "device",
          "id",
          "name",
          "serial");
  static final Family ATA_FAILING =
      Family.gauge(
          "storage_ata_attribute_failing",
          "1 when the attribute is at or below its threshold now (when=\"now\") or was in the past (when=\"past\"), from when_failed. Only for attributes with a non-zero threshold.",
          "device",
          "id",
          "name",
          "serial",
          "when");

  // ATA device statistics.
  static final Family ATA_USED =
      Family.gauge(
          "storage_ata_percentage_used_ratio",
          Unit.RATIO,
          "ATA device statistics Percentage Used Endurance Indicator / 100 (SSDs); may exceed 1.",
          "device",
          "serial");
  static final Family ATA_DATA_READ =
      Family.counter(
          "storage_ata_data_read_bytes_total",
          Unit.BYTES,
          "Bytes read by the host (device statistics Logical Sectors Read × logical_block_size).",
          "device",
          "serial");
  static final Family ATA_DATA_WRITTEN =
      Family.counter(
          "storage_ata_data_written_bytes_total",
          Unit.BYTES,
          "Bytes written by the host (device statistics Logical Sectors Written × logical_block_size).",
          "device",
          "serial");

  // SCSI counters.
  static final Family SCSI_GROWN_DEFECTS =
      Family.gauge(
          "storage_scsi_grown_defects",
          "SCSI grown defect list entries (scsi_grown_defect_list).",
          "device",
          "serial");
  static final Family SCSI_UNCORRECTED =
      Family.counter(
          "storage_scsi_uncorrected_errors_total",
          "SCSI total uncorrected errors by operation (scsi_error_counter_log.<op>.total_uncorrected_errors).",
          "device",
          "op",
          "serial");

  private SmartMetrics() {}

  public static List<MetricSnapshot> families(List<DeviceView> views) {
    Families out = new Families();
    for (DeviceView v : views) {
      String device = v.device().label();
      String serial = serialLabel(v);
      identity(out, v, device, serial);
      v.reading()
          .ifPresent(
              r -> {
                health(out, device, serial, r, new ExitStatus(v.exitStatus().orElse(0)));
                r.nvme().ifPresent(n -> nvme(out, device, serial, n));
                for (AtaAttribute a : r.ataAttributes()) {
                  ataAttribute(out, device, serial, a);
                }
                r.scsi().ifPresent(s -> scsi(out, device, serial, s));
                r.selfTests().ifPresent(t -> selfTests(out, device, serial, t, r.powerOnSeconds()));
                r.deviceStatistics().ifPresent(d -> deviceStatistics(out, device, serial, d));
              });
    }
    return out.build();
  }

  /**
   * The {@code serial} label: the drive's serial, else its WWN (NVMe: EUI-64), else the {@code
   * device} label, so no two drives share one and none is empty.
   */
  static String serialLabel(DeviceView v) {
    String key = v.identity().key();
    return key.isEmpty() ? v.device().label() : key;
  }

  private static void identity(Families out, DeviceView v, String device, String serial) {
    DeviceIdentity id = v.identity();
    out.info(
        DEVICE_INFO,
        v.device().blockDevice(),
        device,
        id.firmware(),
        id.model(),
        id.protocol(),
        serial,
        id.type(),
        id.wwn());
    out.add(ACTIVE, v.active(), device, serial);
    out.add(EXIT_STATUS, v.exitStatus(), device, serial);
  }

  private static void health(
      Families out, String device, String serial, SmartReading r, ExitStatus status) {
    if (r.smartPassed().isPresent()) {
      out.add(HEALTHY, r.smartPassed().get() && !status.diskFailing() ? 1 : 0, device, serial);
    } else if (status.diskFailing()) {
      out.add(HEALTHY, 0, device, serial);
    }
    out.add(TEMPERATURE, r.temperatureCelsius(), device, serial);
    out.add(POWER_ON, r.powerOnSeconds(), device, serial);
    out.add(POWER_CYCLES, r.powerCycles(), device, serial);
    out.add(CAPACITY, r.capacityBytes(), device, serial);
    TemperatureLimits limits = r.temperatureLimits();
    out.add(TEMPERATURE_LIMIT, limits.operatingMax(), device, "operating_max", serial);
    out.add(TEMPERATURE_LIMIT, limits.criticalMax(), device, "critical", serial);
  }

  private static void selfTests(
      Families out, String device, String serial, SelfTestLog log, OptionalLong powerOnSeconds) {
    out.add(SELFTEST_IN_PROGRESS, log.inProgress() ? 1 : 0, device, serial);
    percent(out, SELFTEST_REMAINING, log.remainingPercent(), device, serial);
    log.lastCompleted()
        .ifPresent(
            last -> {
              Labels labels = Labels.of("device", device, "serial", serial);
              out.states(SELFTEST_LAST_RESULT, labels, SELFTEST_RESULTS, last.result().label());
              out.states(SELFTEST_LAST_TYPE, labels, SELFTEST_TYPES, last.type().label());
              powerOnSeconds.ifPresent(
                  now ->
                      out.add(
                          SELFTEST_LAST_AGE,
                          last.hoursBefore(now / 3600) * 3600.0,
                          device,
                          serial));
            });
  }

  private static void deviceStatistics(
      Families out, String device, String serial, AtaDeviceStatistics d) {
    percent(out, ATA_USED, d.percentageUsed(), device, serial);
    d.logicalBlockSize()
        .ifPresent(
            size -> {
              d.logicalSectorsRead()
                  .ifPresent(n -> out.add(ATA_DATA_READ, (double) n * size, device, serial));
              d.logicalSectorsWritten()
                  .ifPresent(n -> out.add(ATA_DATA_WRITTEN, (double) n * size, device, serial));
            });
  }

  private static void nvme(Families out, String device, String serial, NvmeHealth n) {
    out.add(NVME_CRITICAL_WARNING, n.criticalWarning(), device, serial);
    n.criticalWarning()
        .ifPresent(
            bits -> {
              for (int bit = 0; bit < CRITICAL_WARNING_FLAGS.size(); bit++) {
                out.add(
                    NVME_CRITICAL_WARNING_FLAG,
                    (bits >> bit) & 1,
                    device,
                    CRITICAL_WARNING_FLAGS.get(bit),
                    serial);
              }
            });
    percent(out, NVME_SPARE, n.availableSpare(), device, serial);
    percent(out, NVME_SPARE_THRESHOLD, n.availableSpareThreshold(), device, serial);
    percent(out, NVME_USED, n.percentageUsed(), device, serial);
    out.add(NVME_MEDIA_ERRORS, n.mediaErrors(), device, serial);
    out.add(NVME_ERROR_LOG, n.errorLogEntries(), device, serial);
    out.add(NVME_UNSAFE_SHUTDOWNS, n.unsafeShutdowns(), device, serial);
    n.dataUnitsRead()
        .ifPresent(
            u -> out.add(NVME_DATA_READ, (double) u * NvmeHealth.DATA_UNIT_BYTES, device, serial));
    n.dataUnitsWritten()
        .ifPresent(
            u ->
                out.add(
                    NVME_DATA_WRITTEN, (double) u * NvmeHealth.DATA_UNIT_BYTES, device, serial));
  }

  private static void percent(
      Families out, Family family, OptionalLong percent, String device, String serial) {
    percent.ifPresent(p -> out.add(family, p / 100.0, device, serial));
  }

  private static void ataAttribute(Families out, String device, String serial, AtaAttribute a) {
    String id = Integer.toString(a.id());
    out.add(ATA_RAW, AtaRawValues.exported(a), device, id, a.name(), serial);
    out.add(ATA_NORMALIZED, a.value(), device, id, a.name(), serial);
    if (canFail(a)) {
      out.add(ATA_THRESHOLD, a.threshold(), device, id, a.name(), serial);
      for (String when : List.of("now", "past")) {
        out.add(
            ATA_FAILING, when.equals(a.whenFailed()) ? 1 : 0, device, id, a.name(), serial, when);
      }
    }
  }

  private static void scsi(Families out, String device, String serial, ScsiCounters s) {
    out.add(SCSI_GROWN_DEFECTS, s.grownDefects(), device, serial);
    for (Map.Entry<String, Long> e : s.uncorrectedErrors().entrySet()) {
      out.add(SCSI_UNCORRECTED, e.getValue(), device, e.getKey(), serial);
    }
  }

  /**
   * Whether an ATA attribute gets its threshold and failing series. An attribute fails when its
   * normalized value is at or below its threshold; normalized values are at least 1, so with
   * threshold 0 (ATA's "always passing", common for usage counters such as power-on hours) it never
   * does, smartctl never sets when_failed, and both series would be a constant 0.
   */
  static boolean canFail(AtaAttribute a) {
    return a.threshold() > 0;
  }
}
