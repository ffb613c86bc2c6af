package io.github.storageagent.lvm;

import static io.github.storageagent.lvm.Fixtures.points;
import static io.github.storageagent.lvm.Fixtures.value;
import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class LvmMetricsTest {

  private static final long GIB = 1L << 30;

  private static List<MetricSnapshot> families(String lvs, String vgs, boolean thinVolumes)
      throws Exception {
    List<VolumeGroup> groups = vgs == null ? List.of() : Fixtures.parse(vgs).volumeGroups();
    return LvmMetrics.families(
        groups, ThinPool.group(Fixtures.parse(lvs).logicalVolumes()), thinVolumes);
  }

  @Test
  void volumeGroups() throws Exception {
    var f = families("lvs-pve8.json", "vgs-pve8.json", true);
    assertThat(value(f, "storage_lvm_vg_size_bytes", "vg", "pve"))
        .isEqualTo(OptionalDouble.of(915_311L * 4_194_304));
    assertThat(value(f, "storage_lvm_vg_free_bytes", "vg", "pve"))
        .isEqualTo(OptionalDouble.of(4095L * 4_194_304));
    assertThat(value(f, "storage_lvm_vg_free_bytes", "vg", "ssd")).isEqualTo(OptionalDouble.of(0));
  }

  @Test
  void poolSizesRatiosAndOvercommit() throws Exception {
    var f = families("lvs-pve8.json", "vgs-pve8.json", true);
    String[] data = {"pool", "data", "vg", "pve"};
    assertThat(value(f, "storage_lvm_thinpool_size_bytes", data))
        .isEqualTo(OptionalDouble.of(3_562_817_429_504d));
    assertThat(value(f, "storage_lvm_thinpool_data_used_ratio", data))
        .isEqualTo(OptionalDouble.of(0.4731));
    assertThat(value(f, "storage_lvm_thinpool_metadata_used_ratio", data))
        .isEqualTo(OptionalDouble.of(0.0287));
    assertThat(value(f, "storage_lvm_thinpool_metadata_size_bytes", data))
        .isEqualTo(OptionalDouble.of(16_240_345_088d));
    assertThat(value(f, "storage_lvm_thinpool_when_full_error", data))
        .isEqualTo(OptionalDouble.of(0));
    // 9 thin volumes, snapshots and the inactive ones included; root and swap are not thin
    assertThat(value(f, "storage_lvm_thinpool_volumes", data)).isEqualTo(OptionalDouble.of(9));
    long provisioned =
        32 * GIB
            + 500 * GIB
            + 17_708_351_488L
            + 32 * GIB
            + 64 * GIB
            + 100 * GIB
            + 4 * (1L << 20)
            + 20 * GIB
            + 250 * GIB;
    assertThat(value(f, "storage_lvm_thinpool_provisioned_bytes", data))
        .isEqualTo(OptionalDouble.of(provisioned));

    String[] ssd = {"pool", "ssdpool", "vg", "ssd"};
    assertThat(value(f, "storage_lvm_thinpool_when_full_error", ssd))
        .isEqualTo(OptionalDouble.of(1));
    assertThat(value(f, "storage_lvm_thinpool_provisioned_bytes", ssd))
        .isEqualTo(OptionalDouble.of(1536 * GIB));
    assertThat(value(f, "storage_lvm_thinpool_data_used_ratio", ssd))
        .isEqualTo(OptionalDouble.of(0.8355));
  }

  @Test
  void everyPoolExportsEveryStateWithExactlyOneSet() throws Exception {
    var f = families("lvs-pool-states.json", null, true);
    int states = ThinPoolHealth.State.values().length;
    assertThat(points(f, "storage_lvm_thinpool_health")).isEqualTo(10 * states);
    for (String pool :
        List.of(
            "healthy",
            "full",
            "metaro",
            "broken",
            "needcheck",
            "frozen",
            "degraded",
            "rdonly",
            "off",
            "strange")) {
      double sum = 0;
      for (ThinPoolHealth.State s : ThinPoolHealth.State.values()) {
        sum +=
            value(f, "storage_lvm_thinpool_health", "pool", pool, "state", s.label(), "vg", "tp")
                .orElseThrow();
      }
      assertThat(sum).as(pool).isEqualTo(1);
    }
  }

  @Test
  void poolStatesFromAttrAndHealthStatus() throws Exception {
    var f = families("lvs-pool-states.json", null, true);
    assertState(f, "healthy", "ok");
    assertState(f, "full", "out_of_data");
    assertState(f, "metaro", "metadata_read_only");
    assertState(f, "broken", "failed");
    assertState(f, "needcheck", "check_needed");
    assertState(f, "frozen", "suspended");
    assertState(f, "degraded", "partial");
    assertState(f, "rdonly", "read_only");
    assertState(f, "off", "unknown");
    assertState(f, "strange", "unknown");
  }

  private static void assertState(List<MetricSnapshot> f, String pool, String state) {
    assertThat(value(f, "storage_lvm_thinpool_health", "pool", pool, "state", state, "vg", "tp"))
        .as(pool + " is " + state)
        .isEqualTo(OptionalDouble.of(1));
  }

  @Test
  void poolsWithoutPercentagesExportSizeButNoRatio() throws Exception {
    var f = families("lvs-pool-states.json", null, true);
    for (String pool : List.of("off", "broken", "needcheck")) {
      assertThat(value(f, "storage_lvm_thinpool_size_bytes", "pool", pool, "vg", "tp"))
          .isEqualTo(OptionalDouble.of(100 * GIB));
      assertThat(value(f, "storage_lvm_thinpool_data_used_ratio", "pool", pool, "vg", "tp"))
          .isEmpty();
      assertThat(value(f, "storage_lvm_thinpool_metadata_used_ratio", "pool", pool, "vg", "tp"))
          .isEmpty();
    }
    assertThat(value(f, "storage_lvm_thinpool_data_used_ratio", "pool", "full", "vg", "tp"))
        .isEqualTo(OptionalDouble.of(1.0));
  }

  @Test
  void thinVolumesCarryTheProxmoxVmid() throws Exception {
    var f = families("lvs-pve8.json", null, true);
    assertVolume(f, "vm-100-disk-0", "100", 32 * GIB, OptionalDouble.of(0.7112));
    assertVolume(
        f, "vm-100-state-before_upgrade", "100", 17_708_351_488L, OptionalDouble.of(0.6125));
    assertVolume(f, "vm-102-cloudinit", "102", 4L << 20, OptionalDouble.of(0.0938));
    assertVolume(f, "backup-staging", "", 250 * GIB, OptionalDouble.of(0.0471));
  }

  @Test
  void inactiveSnapshotAndTemplateVolumesExportSizeButNoUsedRatio() throws Exception {
    var f = families("lvs-pve8.json", null, true);
    assertVolume(f, "snap_vm-100-disk-0_before_upgrade", "100", 32 * GIB, OptionalDouble.empty());
    assertVolume(f, "base-9000-disk-0", "9000", 20 * GIB, OptionalDouble.empty());
    assertVolume(f, "vm-101-disk-0", "101", 64 * GIB, OptionalDouble.empty());
    assertThat(points(f, "storage_lvm_thin_volume_size_bytes")).isEqualTo(11);
    assertThat(points(f, "storage_lvm_thin_volume_used_ratio")).isEqualTo(8);
  }

  /**
   * Proxmox VE 9 creates guest volumes with autoactivation off: the thin volumes of stopped guests
   * (101, 102) are inactive and lvs gives them no data_percent.
   */
  @Test
  void pve9InactiveGuestVolumesKeepSizeAndVmidAndCountAsProvisioned() throws Exception {
    var report = Fixtures.parse("lvs-pve9-autoactivation-off.json");
    assertThat(report.skippedRows()).isZero();
    var f = families("lvs-pve9-autoactivation-off.json", null, true);
    assertVolume(f, "vm-100-disk-0", "100", 64 * GIB, OptionalDouble.of(0.524));
    assertVolume(f, "vm-101-disk-0", "101", 32 * GIB, OptionalDouble.empty());
    assertVolume(f, "vm-101-disk-1", "101", 100 * GIB, OptionalDouble.empty());
    assertVolume(f, "vm-102-disk-0", "102", 50 * GIB, OptionalDouble.empty());
    assertVolume(f, "vm-102-cloudinit", "102", 4L << 20, OptionalDouble.empty());
    assertThat(points(f, "storage_lvm_thin_volume_size_bytes")).isEqualTo(6);
    assertThat(points(f, "storage_lvm_thin_volume_used_ratio")).isEqualTo(1);
    String[] data = {"pool", "data", "vg", "pve"};
    assertThat(value(f, "storage_lvm_thinpool_provisioned_bytes", data))
        .isEqualTo(
            OptionalDouble.of(64 * GIB + 32 * GIB + 100 * GIB + 50 * GIB + (4L << 20) + 64 * GIB));
    assertThat(value(f, "storage_lvm_thinpool_volumes", data)).isEqualTo(OptionalDouble.of(6));
    // inactive volumes say nothing about the pool's health
    assertThat(value(f, "storage_lvm_thinpool_health", "pool", "data", "state", "ok", "vg", "pve"))
        .isEqualTo(OptionalDouble.of(1));
  }

  private static void assertVolume(
      List<MetricSnapshot> f, String lv, String vmid, long size, OptionalDouble used) {
    String[] labels = {"lv", lv, "pool", "data", "vg", "pve", "vmid", vmid};
    assertThat(value(f, "storage_lvm_thin_volume_size_bytes", labels))
        .as(lv)
        .isEqualTo(OptionalDouble.of(size));
    assertThat(value(f, "storage_lvm_thin_volume_used_ratio", labels)).as(lv).isEqualTo(used);
  }

  @Test
  void thinVolumesCanBeDroppedWithoutChangingPoolTotals() throws Exception {
    var with = families("lvs-pve8.json", "vgs-pve8.json", true);
    var without = families("lvs-pve8.json", "vgs-pve8.json", false);
    assertThat(Fixtures.family(without, "storage_lvm_thin_volume_size_bytes")).isNull();
    assertThat(Fixtures.family(without, "storage_lvm_thin_volume_used_ratio")).isNull();
    for (String name :
        List.of(
            "storage_lvm_thinpool_provisioned_bytes",
            "storage_lvm_thinpool_volumes",
            "storage_lvm_thinpool_data_used_ratio")) {
      assertThat(value(without, name, "pool", "data", "vg", "pve"))
          .isEqualTo(value(with, name, "pool", "data", "vg", "pve"));
    }
  }

  @Test
  void nodeWithoutThinPoolsHasOnlyVolumeGroupFamilies() throws Exception {
    var f = LvmMetrics.families(Fixtures.parse("vgs-pve8.json").volumeGroups(), List.of(), true);
    assertThat(f)
        .extracting(m -> m.getMetadata().getPrometheusName())
        .containsExactly("storage_lvm_vg_size_bytes", "storage_lvm_vg_free_bytes");
    assertThat(f).allSatisfy(m -> assertThat(m.getMetadata().getHelp()).isNotBlank());
  }
}
