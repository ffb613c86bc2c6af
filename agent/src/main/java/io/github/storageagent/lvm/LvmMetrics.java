package io.github.storageagent.lvm;

import io.github.storageagent.proxmox.GuestVolume;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/** Maps volume groups and thin pools to the {@code storage_lvm_*} families. */
final class LvmMetrics {

  private LvmMetrics() {}

  static List<MetricSnapshot> families(
      List<VolumeGroup> vgs, List<ThinPool> pools, boolean thinVolumes) {
    var vgSize =
        gauge("storage_lvm_vg_size_bytes", "Size of the volume group (vgs vg_size).", Unit.BYTES);
    var vgFree =
        gauge(
            "storage_lvm_vg_free_bytes",
            "Unallocated space in the volume group (vgs vg_free); thin pool autoextend needs it.",
            Unit.BYTES);
    for (VolumeGroup vg : vgs) {
      Labels l = Labels.of("vg", vg.name());
      vgSize.dataPoint(point(l, vg.sizeBytes()));
      vgFree.dataPoint(point(l, vg.freeBytes()));
    }

    var size =
        gauge(
            "storage_lvm_thinpool_size_bytes",
            "Size of the thin pool's data area (lvs lv_size).",
            Unit.BYTES);
    var dataUsed =
        gauge(
            "storage_lvm_thinpool_data_used_ratio",
            "Used part of the thin pool's data area (lvs data_percent / 100); absent while inactive.",
            Unit.RATIO);
    var metaSize =
        gauge(
            "storage_lvm_thinpool_metadata_size_bytes",
            "Size of the thin pool's metadata area (lvs lv_metadata_size).",
            Unit.BYTES);
    var metaUsed =
        gauge(
            "storage_lvm_thinpool_metadata_used_ratio",
            "Used part of the thin pool's metadata area (lvs metadata_percent / 100); a full"
                + " metadata area makes the pool read-only or failed.",
            Unit.RATIO);
    var provisioned =
        gauge(
            "storage_lvm_thinpool_provisioned_bytes",
            "Sum of the sizes of the pool's thin volumes, snapshots included (overcommit when above"
                + " the pool size).",
            Unit.BYTES);
    var volumes =
        gauge(
            "storage_lvm_thinpool_volumes",
            "Number of thin volumes in the pool, snapshots included.",
            null);
    var health =
        gauge(
            "storage_lvm_thinpool_health",
            "Health of the thin pool from lvs lv_attr and lv_health_status: 1 for its state, 0 for"
                + " the others.",
            null);
    var whenFull =
        gauge(
            "storage_lvm_thinpool_when_full_error",
            "What the pool does with writes when its data area is full (lvs lv_when_full): 1 fails"
                + " them at once, 0 queues them (for 60 s by default).",
            null);
    var volumeSize =
        gauge(
            "storage_lvm_thin_volume_size_bytes",
            "Virtual size of a thin volume (lvs lv_size).",
            Unit.BYTES);
    var volumeUsed =
        gauge(
            "storage_lvm_thin_volume_used_ratio",
            "Part of a thin volume that is allocated in its pool (lvs data_percent / 100); absent"
                + " while inactive.",
            Unit.RATIO);

    for (ThinPool pool : pools) {
      LogicalVolume lv = pool.pool();
      Labels l = Labels.of("pool", pool.name(), "vg", pool.vg());
      size.dataPoint(point(l, lv.sizeBytes()));
      optional(dataUsed, l, lv.dataUsedRatio());
      lv.metadataSizeBytes().ifPresent(v -> metaSize.dataPoint(point(l, v)));
      optional(metaUsed, l, lv.metadataUsedRatio());
      provisioned.dataPoint(point(l, pool.provisionedBytes()));
      volumes.dataPoint(point(l, pool.volumes().size()));
      for (ThinPoolHealth.State state : ThinPoolHealth.State.values()) {
        health.dataPoint(point(l.add("state", state.label()), state == pool.health() ? 1 : 0));
      }
      whenFull.dataPoint(point(l, "error".equals(lv.whenFull()) ? 1 : 0));
      if (thinVolumes) {
        for (LogicalVolume v : pool.volumes()) {
          Labels vl =
              Labels.of(
                  "lv", v.name(),
                  "pool", pool.name(),
                  "vg", pool.vg(),
                  "vmid", GuestVolume.vmidOf(v.name()));
          volumeSize.dataPoint(point(vl, v.sizeBytes()));
          optional(volumeUsed, vl, v.dataUsedRatio());
        }
      }
    }
    List<MetricSnapshot> out = new ArrayList<>();
    for (var b :
        List.of(
            vgSize,
            vgFree,
            size,
            dataUsed,
            metaSize,
            metaUsed,
            provisioned,
            volumes,
            health,
            whenFull,
            volumeSize,
            volumeUsed)) {
      GaugeSnapshot family = b.build();
      if (!family.getDataPoints().isEmpty()) {
        out.add(family);
      }
    }
    return out;
  }

  private static GaugeSnapshot.Builder gauge(String name, String help, Unit unit) {
    var b = GaugeSnapshot.builder().name(name).help(help);
    return unit == null ? b : b.unit(unit);
  }

  private static void optional(GaugeSnapshot.Builder family, Labels labels, OptionalDouble value) {
    if (value.isPresent()) {
      family.dataPoint(point(labels, value.getAsDouble()));
    }
  }

  private static GaugeSnapshot.GaugeDataPointSnapshot point(Labels labels, double value) {
    return GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels).value(value).build();
  }
}
