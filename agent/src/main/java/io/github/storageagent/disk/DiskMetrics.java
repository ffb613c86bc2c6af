package io.github.storageagent.disk;

import io.github.storageagent.collect.Families;
import io.github.storageagent.collect.Family;
import io.github.storageagent.config.DiskConfig;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Predicate;

/** Maps sampled device counters to the {@code storage_disk_*} families. */
final class DiskMetrics {

  /**
   * Per-step mean await buckets: 8 finite, so 2 × 11 series per device. The limits of
   * StorageDiskLatencyHigh, 50 ms (NVMe) and 250 ms, are bounds, so its p99 is over a limit exactly
   * when more than 1 % of the seconds with IO were slower. 1 s lies above both: histogram_quantile
   * reads a quantile in the +Inf bucket as the highest finite bound, which must exceed 250 ms for a
   * disk slower than every bucket to alert. Below 50 ms, 1-5 steps from 100 µs for the heatmaps and
   * p50: a healthy NVMe (≤ 100-500 µs), a SATA SSD (≤ 1-5 ms), an HDD (5-10 ms), a busy HDD queue
   * (≤ 50 ms). The 2.5 steps (250 µs, 2.5 ms) are left out: 4 series per whole disk that only
   * refined the heatmaps; no rule or dashboard threshold is one of them.
   */
  static final double[] AWAIT_BUCKETS = {0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.25, 1};

  /** How a diskstats column converts to a base unit. */
  private enum Scale {
    COUNT(null),
    MILLISECONDS(Unit.SECONDS),
    SECTORS(Unit.BYTES);

    final Unit unit;

    Scale(Unit unit) {
      this.unit = unit;
    }

    double apply(double raw) {
      return switch (this) {
        case COUNT -> raw;
        case MILLISECONDS -> raw / 1000.0;
        case SECTORS -> raw * 512;
      };
    }
  }

  /** One device as exported this round. */
  record Device(String name, DeviceCounters counters, DeviceIdentity identity) {}

  /**
   * One counter family and the diskstats column it exports.
   *
   * @param essential exported with {@code disk.counters: essential} (the default): what the shipped
   *     rules and dashboards use; the others need {@code all}
   */
  private record Counter(Family family, DiskStatField field, Scale scale, boolean essential) {}

  private static Counter counter(
      String name, String help, DiskStatField field, Scale scale, boolean essential) {
    return new Counter(Family.counter(name, scale.unit, help, "device"), field, scale, essential);
  }

  private static final List<Counter> COUNTERS =
      List.of(
          counter(
              "storage_disk_reads_completed_total",
              "Reads completed successfully.",
              DiskStatField.READS_COMPLETED,
              Scale.COUNT,
              true),
          counter(
              "storage_disk_reads_merged_total",
              "Adjacent reads merged into one.",
              DiskStatField.READS_MERGED,
              Scale.COUNT,
              false),
          counter(
              "storage_disk_read_bytes_total",
              "Bytes read (sectors × 512).",
              DiskStatField.SECTORS_READ,
              Scale.SECTORS,
              true),
          counter(
              "storage_disk_read_time_seconds_total",
              "Time spent on reads, summed over all reads.",
              DiskStatField.READ_TIME_MS,
              Scale.MILLISECONDS,
              true),
          counter(
              "storage_disk_writes_completed_total",
              "Writes completed successfully.",
              DiskStatField.WRITES_COMPLETED,
              Scale.COUNT,
              true),
          counter(
              "storage_disk_writes_merged_total",
              "Adjacent writes merged into one.",
              DiskStatField.WRITES_MERGED,
              Scale.COUNT,
              false),
          counter(
              "storage_disk_written_bytes_total",
              "Bytes written (sectors × 512).",
              DiskStatField.SECTORS_WRITTEN,
              Scale.SECTORS,
              true),
          counter(
              "storage_disk_write_time_seconds_total",
              "Time spent on writes, summed over all writes.",
              DiskStatField.WRITE_TIME_MS,
              Scale.MILLISECONDS,
              true),
          counter(
              "storage_disk_io_time_seconds_total",
              "Wall time with at least one I/O in flight.",
              DiskStatField.IO_TIME_MS,
              Scale.MILLISECONDS,
              true),
          counter(
              "storage_disk_io_time_weighted_seconds_total",
              "I/O time weighted by the number of I/Os in flight.",
              DiskStatField.WEIGHTED_IO_TIME_MS,
              Scale.MILLISECONDS,
              false),
          counter(
              "storage_disk_discards_completed_total",
              "Discards completed successfully (Linux 4.18+).",
              DiskStatField.DISCARDS_COMPLETED,
              Scale.COUNT,
              false),
          counter(
              "storage_disk_discards_merged_total",
              "Adjacent discards merged into one (Linux 4.18+).",
              DiskStatField.DISCARDS_MERGED,
              Scale.COUNT,
              false),
          counter(
              "storage_disk_discarded_bytes_total",
              "Bytes discarded (sectors × 512, Linux 4.18+).",
              DiskStatField.SECTORS_DISCARDED,
              Scale.SECTORS,
              false),
          counter(
              "storage_disk_discard_time_seconds_total",
              "Time spent on discards (Linux 4.18+).",
              DiskStatField.DISCARD_TIME_MS,
              Scale.MILLISECONDS,
              false),
          counter(
              "storage_disk_flushes_completed_total",
              "Flush requests completed (Linux 5.5+, not for partitions).",
              DiskStatField.FLUSHES_COMPLETED,
              Scale.COUNT,
              false),
          counter(
              "storage_disk_flush_time_seconds_total",
              "Time spent on flush requests (Linux 5.5+).",
              DiskStatField.FLUSH_TIME_MS,
              Scale.MILLISECONDS,
              false));

  static final Family IO_IN_PROGRESS =
      Family.gauge("storage_disk_io_in_progress", "I/Os currently in flight.", "device");
  static final Family INFO =
      Family.info(
          "storage_disk_info",
          "Identity of a block device: hardware model and serial; for dm devices the LVM VG/LV and Proxmox guest.",
          "device",
          "dm_name",
          "lv",
          "model",
          "serial",
          "vg",
          "vmid");
  static final Family READ_AWAIT =
      Family.histogram(
          "storage_disk_read_await_seconds",
          Unit.SECONDS,
          "Mean read latency of each sampling step (1 s by default) in which the device completed reads.",
          "device");
  static final Family WRITE_AWAIT =
      Family.histogram(
          "storage_disk_write_await_seconds",
          Unit.SECONDS,
          "Mean write latency of each sampling step (1 s by default) in which the device completed writes.",
          "device");

  private final Predicate<String> histogramsFor;
  private final boolean allCounters;
  private final Histogram readAwait;
  private final Histogram writeAwait;

  /**
   * @param histogramsFor which devices (kernel names) get the await histograms
   * @param counters which counter families are exported; {@code storage_disk_info} always is
   */
  DiskMetrics(Predicate<String> histogramsFor, DiskConfig.Counters counters) {
    this.histogramsFor = histogramsFor;
    this.allCounters = counters == DiskConfig.Counters.ALL;
    this.readAwait = awaitHistogram(READ_AWAIT);
    this.writeAwait = awaitHistogram(WRITE_AWAIT);
  }

  private static Histogram awaitHistogram(Family family) {
    return Histogram.builder()
        .name(family.name())
        .help(family.help())
        .unit(family.unit())
        .labelNames(family.labelNames().toArray(String[]::new))
        .classicOnly()
        .classicUpperBounds(AWAIT_BUCKETS)
        .withoutExemplars()
        .build();
  }

  /** Records the latest step's mean await per direction, for steps that completed any I/O. */
  void observeAwait(String device, DeviceCounters c) {
    if (!histogramsFor.test(device)) {
      return;
    }
    observe(
        readAwait,
        device,
        c.delta(DiskStatField.READ_TIME_MS),
        c.delta(DiskStatField.READS_COMPLETED));
    observe(
        writeAwait,
        device,
        c.delta(DiskStatField.WRITE_TIME_MS),
        c.delta(DiskStatField.WRITES_COMPLETED));
  }

  private static void observe(Histogram h, String device, long timeMs, long ops) {
    if (ops > 0) {
      h.labelValues(device).observe(timeMs / 1000.0 / ops);
    }
  }

  void forget(String device) {
    readAwait.remove(device);
    writeAwait.remove(device);
  }

  List<MetricSnapshot> families(List<Device> devices) {
    Families out = new Families();
    for (Device d : devices) {
      counters(out, d);
      identity(out, d);
    }
    // Without points (no histogram device has completed IO yet, or none is selected) they are
    // left out, like every other family.
    out.add(readAwait.collect());
    out.add(writeAwait.collect());
    return out.build();
  }

  private void counters(Families out, Device d) {
    for (Counter c : COUNTERS) {
      if (c.essential() || allCounters) {
        OptionalDouble total = d.counters().total(c.field());
        if (total.isPresent()) {
          out.add(c.family(), c.scale().apply(total.getAsDouble()), d.name());
        }
      }
    }
    if (allCounters) {
      out.add(IO_IN_PROGRESS, d.counters().inProgress(), d.name());
    }
  }

  private static void identity(Families out, Device d) {
    DeviceIdentity id = d.identity();
    out.info(INFO, d.name(), id.dmName(), id.lv(), id.model(), id.serial(), id.vg(), id.vmid());
  }
}
