package io.github.storageagent.lvm;

import io.github.storageagent.collect.Families;
import io.github.storageagent.collect.Family;
import io.github.storageagent.proxmox.GuestVolume;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.Arrays;
import java.util.List;

/** Maps volume groups and thin pools to the {@code storage_lvm_*} families. */
final class LvmMetrics {

  static final Family VG_SIZE =
      Family.gauge(
          "storage_lvm_vg_size_bytes", Unit.BYTES, "Size of the volume group (vgs vg_size).", "vg");
  static final Family VG_FREE =
      Family.gauge(
          "storage_lvm_vg_free_bytes",
          Unit.BYTES,
          "Unallocated space in the volume group (vgs vg_free); thin pool autoextend needs it.",
          "vg");

  static final Family POOL_SIZE =
      Family.gauge(
          "storage_lvm_thinpool_size_bytes",
          Unit.BYTES,
          "Size of the thin pool's data area (lvs lv_size).",
          "pool",
          "vg");
  static final Family POOL_DATA_USED =
      Family.gauge(
          "storage_lvm_thinpool_data_used_ratio",
          Unit.RATIO,
          "Used part of the thin pool's data area (lvs data_percent / 100); absent while inactive.",
          "pool",
          "vg");
  static final Family POOL_METADATA_SIZE =
      Family.gauge(
          "storage_lvm_thinpool_metadata_size_bytes",
          Unit.BYTES,
          "Size of the thin pool's metadata area (lvs lv_metadata_size).",
          "pool",
          "vg");
  static final Family POOL_METADATA_USED =
      Family.gauge(
          "storage_lvm_thinpool_metadata_used_ratio",
          Unit.RATIO,
          "Used part of the thin pool's metadata area (lvs metadata_percent / 100); a full"
              + " metadata area makes the pool read-only or failed.",
          "pool",
          "vg");
  static final Family POOL_PROVISIONED =
      Family.gauge(
          "storage_lvm_thinpool_provisioned_bytes",
          Unit.BYTES,
          "Sum of the sizes of the pool's thin volumes, snapshots included (overcommit when above"
              + " the pool size).",
          "pool",
          "vg");
  static final Family POOL_VOLUMES =
      Family.gauge(
          "storage_lvm_thinpool_volumes",
          "Number of thin volumes in the pool, snapshots included.",
          "pool",
          "vg");
  static final Family POOL_HEALTH =
      Family.stateSet(
          "storage_lvm_thinpool_health",
          "Health of the thin pool from lvs lv_attr and lv_health_status: 1 for its state, 0 for"
              + " the others.",
          "state",
          "pool",
          "state",
          "vg");
  static final Family POOL_WHEN_FULL_ERROR =
      Family.gauge(
          "storage_lvm_thinpool_when_full_error",
          "What the pool does with writes when its data area is full (lvs lv_when_full): 1 fails"
              + " them at once, 0 queues them (for 60 s by default).",
          "pool",
          "vg");

  static final Family VOLUME_SIZE =
      Family.gauge(
          "storage_lvm_thin_volume_size_bytes",
          Unit.BYTES,
          "Virtual size of a thin volume (lvs lv_size).",
          "lv",
          "pool",
          "vg",
          "vmid");
  static final Family VOLUME_USED =
      Family.gauge(
          "storage_lvm_thin_volume_used_ratio",
          Unit.RATIO,
          "Part of a thin volume that is allocated in its pool (lvs data_percent / 100); absent"
              + " while inactive.",
          "lv",
          "pool",
          "vg",
          "vmid");

  private static final List<String> HEALTH_STATES =
      Arrays.stream(ThinPoolHealth.State.values()).map(ThinPoolHealth.State::label).toList();

  private LvmMetrics() {}

  static List<MetricSnapshot> families(
      List<VolumeGroup> vgs, List<ThinPool> pools, boolean thinVolumes) {
    Families out = new Families();
    for (VolumeGroup vg : vgs) {
      volumeGroup(out, vg);
    }
    for (ThinPool pool : pools) {
      thinPool(out, pool);
      if (thinVolumes) {
        for (LogicalVolume v : pool.volumes()) {
          thinVolume(out, pool, v);
        }
      }
    }
    return out.build();
  }

  private static void volumeGroup(Families out, VolumeGroup vg) {
    out.add(VG_SIZE, vg.sizeBytes(), vg.name());
    out.add(VG_FREE, vg.freeBytes(), vg.name());
  }

  private static void thinPool(Families out, ThinPool pool) {
    LogicalVolume lv = pool.pool();
    String name = pool.name();
    String vg = pool.vg();
    out.add(POOL_SIZE, lv.sizeBytes(), name, vg);
    out.add(POOL_DATA_USED, lv.dataUsedRatio(), name, vg);
    out.add(POOL_METADATA_SIZE, lv.metadataSizeBytes(), name, vg);
    out.add(POOL_METADATA_USED, lv.metadataUsedRatio(), name, vg);
    out.add(POOL_PROVISIONED, pool.provisionedBytes(), name, vg);
    out.add(POOL_VOLUMES, pool.volumes().size(), name, vg);
    out.states(
        POOL_HEALTH, Labels.of("pool", name, "vg", vg), HEALTH_STATES, pool.health().label());
    out.add(POOL_WHEN_FULL_ERROR, "error".equals(lv.whenFull()) ? 1 : 0, name, vg);
  }

  private static void thinVolume(Families out, ThinPool pool, LogicalVolume v) {
    String vmid = GuestVolume.vmidOf(v.name());
    out.add(VOLUME_SIZE, v.sizeBytes(), v.name(), pool.name(), pool.vg(), vmid);
    out.add(VOLUME_USED, v.dataUsedRatio(), v.name(), pool.name(), pool.vg(), vmid);
  }
}
