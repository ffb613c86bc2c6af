package io.github.storageagent.disk;

import io.github.storageagent.config.DiskConfig;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.ArrayList;
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
   * One counter family.
   *
   * @param essential exported with {@code disk.counters: essential} (the default): what the shipped
   *     rules and dashboards use; the others need {@code all}
   */
  private record CounterFamily(
      String name, String help, DiskStatField field, Scale scale, boolean essential) {}

  private static final List<CounterFamily> COUNTERS =
      List.of(
          new CounterFamily(
              "storage_disk_reads_completed",
              "Reads completed successfully.",
              DiskStatField.READS_COMPLETED,
              Scale.COUNT,
              true),
          new CounterFamily(
              "storage_disk_reads_merged",
              "Adjacent reads merged into one.",
              DiskStatField.READS_MERGED,
              Scale.COUNT,
              false),
          new CounterFamily(
              "storage_disk_read_bytes",
              "Bytes read (sectors × 512).",
              DiskStatField.SECTORS_READ,
              Scale.SECTORS,
              true),
          new CounterFamily(
              "storage_disk_read_time_seconds",
              "Time spent on reads, summed over all reads.",
              DiskStatField.READ_TIME_MS,
              Scale.MILLISECONDS,
              true),
          new CounterFamily(
              "storage_disk_writes_completed",
              "Writes completed successfully.",
              DiskStatField.WRITES_COMPLETED,
              Scale.COUNT,
              true),
          new CounterFamily(
              "storage_disk_writes_merged",
              "Adjacent writes merged into one.",
              DiskStatField.WRITES_MERGED,
              Scale.COUNT,
              false),
          new CounterFamily(
              "storage_disk_written_bytes",
              "Bytes written (sectors × 512).",
              DiskStatField.SECTORS_WRITTEN,
              Scale.SECTORS,
              true),
          new CounterFamily(
              "storage_disk_write_time_seconds",
              "Time spent on writes, summed over all writes.",
              DiskStatField.WRITE_TIME_MS,
              Scale.MILLISECONDS,
              true),
          new CounterFamily(
              "storage_disk_io_time_seconds",
              "Wall time with at least one I/O in flight.",
              DiskStatField.IO_TIME_MS,
              Scale.MILLISECONDS,
              true),
          new CounterFamily(
              "storage_disk_io_time_weighted_seconds",
              "I/O time weighted by the number of I/Os in flight.",
              DiskStatField.WEIGHTED_IO_TIME_MS,
              Scale.MILLISECONDS,
              false),
          new CounterFamily(
              "storage_disk_discards_completed",
              "Discards completed successfully (Linux 4.18+).",
              DiskStatField.DISCARDS_COMPLETED,
              Scale.COUNT,
              false),
          new CounterFamily(
              "storage_disk_discards_merged",
              "Adjacent discards merged into one (Linux 4.18+).",
              DiskStatField.DISCARDS_MERGED,
              Scale.COUNT,
              false),
          new CounterFamily(
              "storage_disk_discarded_bytes",
              "Bytes discarded (sectors × 512, Linux 4.18+).",
              DiskStatField.SECTORS_DISCARDED,
              Scale.SECTORS,
              false),
          new CounterFamily(
              "storage_disk_discard_time_seconds",
              "Time spent on discards (Linux 4.18+).",
              DiskStatField.DISCARD_TIME_MS,
              Scale.MILLISECONDS,
              false),
          new CounterFamily(
              "storage_disk_flushes_completed",
              "Flush requests completed (Linux 5.5+, not for partitions).",
              DiskStatField.FLUSHES_COMPLETED,
              Scale.COUNT,
              false),
          new CounterFamily(
              "storage_disk_flush_time_seconds",
              "Time spent on flush requests (Linux 5.5+).",
              DiskStatField.FLUSH_TIME_MS,
              Scale.MILLISECONDS,
              false));

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
    this.readAwait = awaitHistogram("storage_disk_read_await_seconds", "read");
    this.writeAwait = awaitHistogram("storage_disk_write_await_seconds", "write");
  }

  private static Histogram awaitHistogram(String name, String direction) {
    return Histogram.builder()
        .name(name)
        .help(
            "Mean "
                + direction
                + " latency of each sampling step (1 s by default) in which the device completed "
                + direction
                + "s.")
        .unit(Unit.SECONDS)
        .labelNames("device")
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
    List<MetricSnapshot> out = new ArrayList<>();
    for (CounterFamily family : COUNTERS) {
      if (!family.essential() && !allCounters) {
        continue;
      }
      var builder = CounterSnapshot.builder().name(family.name()).help(family.help());
      if (family.scale().unit != null) {
        builder.unit(family.scale().unit);
      }
      boolean any = false;
      for (Device d : devices) {
        OptionalDouble total = d.counters().total(family.field());
        if (total.isPresent()) {
          any = true;
          builder.dataPoint(
              CounterSnapshot.CounterDataPointSnapshot.builder()
                  .labels(Labels.of("device", d.name()))
                  .value(family.scale().apply(total.getAsDouble()))
                  .build());
        }
      }
      if (any) {
        out.add(builder.build());
      }
    }
    var inProgress =
        GaugeSnapshot.builder()
            .name("storage_disk_io_in_progress")
            .help("I/Os currently in flight.");
    var info =
        GaugeSnapshot.builder()
            .name("storage_disk_info")
            .help(
                "Identity of a block device: hardware model and serial; for dm devices the LVM VG/LV and Proxmox guest.");
    for (Device d : devices) {
      Labels device = Labels.of("device", d.name());
      if (allCounters) {
        inProgress.dataPoint(gauge(device, d.counters().inProgress()));
      }
      DeviceIdentity id = d.identity();
      info.dataPoint(
          gauge(
              Labels.of(
                  "device", d.name(),
                  "dm_name", id.dmName(),
                  "lv", id.lv(),
                  "model", id.model(),
                  "serial", id.serial(),
                  "vg", id.vg(),
                  "vmid", id.vmid()),
              1));
    }
    if (allCounters) {
      out.add(inProgress.build());
    }
    out.add(info.build());
    // Families without data points (no histogram device has completed IO yet, or none is
    // selected) are left out, like the counter families above.
    for (Histogram h : List.of(readAwait, writeAwait)) {
      MetricSnapshot s = h.collect();
      if (!s.getDataPoints().isEmpty()) {
        out.add(s);
      }
    }
    return out;
  }

  private static GaugeSnapshot.GaugeDataPointSnapshot gauge(Labels labels, double value) {
    return GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels).value(value).build();
  }
}
