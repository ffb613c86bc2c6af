package io.github.storageagent.smart;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

  private SmartMetrics() {}

  public static List<MetricSnapshot> families(List<DeviceView> views) {
    var info =
        InfoSnapshot.builder()
            .name("storage_smart_device")
            .help(
                "Identity of a SMART device; block_device joins it with storage_disk_* series (\"\" behind RAID).");
    Gauges active =
        new Gauges(
            "storage_smart_device_active",
            "1 when the device was read, 0 when it was in a low-power mode and left asleep.",
            null);
    Gauges exit =
        new Gauges(
            "storage_smartctl_exit_status",
            "smartctl's exit status bitmask (bits 0-1: no data; 2: command failed; 3: disk failing; 4-5: attributes at threshold now/in the past; 6: error log; 7: self-test errors).",
            null);
    Gauges healthy =
        new Gauges(
            "storage_smart_healthy",
            "SMART overall health self-assessment: 1 passed, 0 failing (smart_status.passed, exit bit 3).",
            null);
    Gauges temperature =
        new Gauges(
            "storage_smart_temperature_celsius",
            "Current drive temperature (temperature.current).",
            Unit.CELSIUS);
    Gauges powerOn =
        new Gauges(
            "storage_smart_power_on_seconds",
            "Power-on time (power_on_time.hours and minutes).",
            Unit.SECONDS);
    Gauges powerCycles =
        new Gauges(
            "storage_smart_power_cycles",
            "Power cycles (power_cycle_count; SCSI: accumulated start-stop cycles).",
            null);
    Gauges critical =
        new Gauges(
            "storage_nvme_critical_warning",
            "NVMe critical warning bitmask (health log critical_warning); 0 is healthy.",
            null);
    Gauges criticalFlag =
        new Gauges(
            "storage_nvme_critical_warning_flag",
            "NVMe critical warning bits by name: spare, temperature, reliability, read_only, volatile_backup, pmr_read_only.",
            null);
    Gauges spare =
        new Gauges(
            "storage_nvme_available_spare_ratio",
            "NVMe remaining spare capacity (available_spare / 100).",
            Unit.RATIO);
    Gauges spareThreshold =
        new Gauges(
            "storage_nvme_available_spare_threshold_ratio",
            "NVMe spare level below which the drive raises the spare warning (available_spare_threshold / 100).",
            Unit.RATIO);
    Gauges used =
        new Gauges(
            "storage_nvme_percentage_used_ratio",
            "NVMe estimate of rated endurance used (percentage_used / 100); may exceed 1.",
            Unit.RATIO);
    Counters mediaErrors =
        new Counters(
            "storage_nvme_media_errors",
            "NVMe unrecovered data integrity errors (media_errors).",
            null);
    Counters errorLog =
        new Counters(
            "storage_nvme_error_log_entries",
            "NVMe error information log entries over the drive's life (num_err_log_entries).",
            null);
    Counters unsafe =
        new Counters(
            "storage_nvme_unsafe_shutdowns",
            "NVMe shutdowns without prior notification (unsafe_shutdowns).",
            null);
    Counters dataRead =
        new Counters(
            "storage_nvme_data_read_bytes",
            "Bytes read by the host (data_units_read × 512000).",
            Unit.BYTES);
    Counters dataWritten =
        new Counters(
            "storage_nvme_data_written_bytes",
            "Bytes written by the host (data_units_written × 512000).",
            Unit.BYTES);
    Gauges ataRaw =
        new Gauges(
            "storage_ata_attribute_raw",
            "ATA SMART attribute raw value (raw.value); for 5, 187, 188, 197 and 198 the decoded low counter from raw.string.",
            null);
    Gauges ataNormalized =
        new Gauges(
            "storage_ata_attribute_normalized",
            "ATA SMART attribute normalized value (value, vendor scale, higher is better).",
            null);
    Gauges ataThreshold =
        new Gauges(
            "storage_ata_attribute_threshold",
            "ATA SMART attribute threshold (thresh); a normalized value at or below it is failing. Only for attributes with a non-zero threshold.",
            null);
    Gauges ataFailing =
        new Gauges(
            "storage_ata_attribute_failing",
            "1 when the attribute is at or below its threshold now (when=\"now\") or was in the past (when=\"past\"), from when_failed. Only for attributes with a non-zero threshold.",
            null);
    Gauges grown =
        new Gauges(
            "storage_scsi_grown_defects",
            "SCSI grown defect list entries (scsi_grown_defect_list).",
            null);
    Counters uncorrected =
        new Counters(
            "storage_scsi_uncorrected_errors",
            "SCSI total uncorrected errors by operation (scsi_error_counter_log.<op>.total_uncorrected_errors).",
            null);

    for (DeviceView v : views) {
      String device = v.device().label();
      Labels d = Labels.of("device", device);
      DeviceIdentity id = v.identity();
      info.dataPoint(
          InfoSnapshot.InfoDataPointSnapshot.builder()
              .labels(
                  Labels.of(
                      "block_device", v.device().blockDevice(),
                      "device", device,
                      "firmware", id.firmware(),
                      "model", id.model(),
                      "protocol", id.protocol(),
                      "serial", id.serial(),
                      "type", id.type()))
              .build());
      v.active().ifPresent(a -> active.add(d, a));
      v.exitStatus().ifPresent(e -> exit.add(d, e));
      if (v.reading().isEmpty()) {
        continue;
      }
      SmartReading r = v.reading().get();
      ExitStatus status = new ExitStatus(v.exitStatus().orElse(0));
      if (r.smartPassed().isPresent()) {
        healthy.add(d, r.smartPassed().get() && !status.diskFailing() ? 1 : 0);
      } else if (status.diskFailing()) {
        healthy.add(d, 0);
      }
      temperature.add(d, r.temperatureCelsius());
      powerOn.add(d, r.powerOnSeconds());
      powerCycles.add(d, r.powerCycles());
      r.nvme()
          .ifPresent(
              n -> {
                critical.add(d, n.criticalWarning());
                n.criticalWarning()
                    .ifPresent(
                        bits -> {
                          for (int bit = 0; bit < CRITICAL_WARNING_FLAGS.size(); bit++) {
                            criticalFlag.add(
                                Labels.of(
                                    "device", device, "flag", CRITICAL_WARNING_FLAGS.get(bit)),
                                (bits >> bit) & 1);
                          }
                        });
                spare.addPercent(d, n.availableSpare());
                spareThreshold.addPercent(d, n.availableSpareThreshold());
                used.addPercent(d, n.percentageUsed());
                mediaErrors.add(d, n.mediaErrors(), 1);
                errorLog.add(d, n.errorLogEntries(), 1);
                unsafe.add(d, n.unsafeShutdowns(), 1);
                dataRead.add(d, n.dataUnitsRead(), NvmeHealth.DATA_UNIT_BYTES);
                dataWritten.add(d, n.dataUnitsWritten(), NvmeHealth.DATA_UNIT_BYTES);
              });
      for (AtaAttribute a : r.ataAttributes()) {
        String attrId = Integer.toString(a.id());
        Labels attr = Labels.of("device", device, "id", attrId, "name", a.name());
        ataRaw.add(attr, AtaRawValues.exported(a));
        ataNormalized.add(attr, a.value());
        if (canFail(a)) {
          ataThreshold.add(attr, a.threshold());
          for (String when : List.of("now", "past")) {
            ataFailing.add(
                Labels.of("device", device, "id", attrId, "name", a.name(), "when", when),
                when.equals(a.whenFailed()) ? 1 : 0);
          }
        }
      }
      r.scsi()
          .ifPresent(
              s -> {
                grown.add(d, s.grownDefects());
                for (Map.Entry<String, Long> e : s.uncorrectedErrors().entrySet()) {
                  uncorrected.add(
                      Labels.of("device", device, "op", e.getKey()),
                      OptionalLong.of(e.getValue()),
                      1);
                }
              });
    }

    List<MetricSnapshot> out = new ArrayList<>();
    if (!views.isEmpty()) {
      out.add(info.build());
    }
    for (Family f :
        List.of(
            active,
            exit,
            healthy,
            temperature,
            powerOn,
            powerCycles,
            critical,
            criticalFlag,
            spare,
            spareThreshold,
            used,
            mediaErrors,
            errorLog,
            unsafe,
            dataRead,
            dataWritten,
            ataRaw,
            ataNormalized,
            ataThreshold,
            ataFailing,
            grown,
            uncorrected)) {
      f.build().ifPresent(out::add);
    }
    return out;
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

  private interface Family {
    Optional<MetricSnapshot> build();
  }

  private static final class Gauges implements Family {
    private final GaugeSnapshot.Builder builder;
    private boolean any;

    Gauges(String name, String help, Unit unit) {
      builder = GaugeSnapshot.builder().name(name).help(help);
      if (unit != null) {
        builder.unit(unit);
      }
    }

    void add(Labels labels, double value) {
      any = true;
      builder.dataPoint(
          GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels).value(value).build());
    }

    void add(Labels labels, OptionalLong value) {
      value.ifPresent(v -> add(labels, v));
    }

    void addPercent(Labels labels, OptionalLong percent) {
      percent.ifPresent(v -> add(labels, v / 100.0));
    }

    @Override
    public Optional<MetricSnapshot> build() {
      return any ? Optional.of(builder.build()) : Optional.empty();
    }
  }

  private static final class Counters implements Family {
    private final CounterSnapshot.Builder builder;
    private boolean any;

    Counters(String name, String help, Unit unit) {
      builder = CounterSnapshot.builder().name(name).help(help);
      if (unit != null) {
        builder.unit(unit);
      }
    }

    void add(Labels labels, OptionalLong value, long scale) {
      // A negative counter can only come from a garbled log; client_java rightly refuses it.
      if (value.isEmpty() || value.getAsLong() < 0) {
        return;
      }
      any = true;
      builder.dataPoint(
          CounterSnapshot.CounterDataPointSnapshot.builder()
              .labels(labels)
              .value((double) value.getAsLong() * scale)
              .build());
    }

    @Override
    public Optional<MetricSnapshot> build() {
      return any ? Optional.of(builder.build()) : Optional.empty();
    }
  }
}
