package io.github.storageagent.bench;

import java.util.List;
import java.util.Locale;

/**
 * The two node sizes of SPEC §8: the reference node (8 NVMe and 4 dm devices, 2 thin pools with 60
 * thin volumes, PBS with 40 groups and 2,000 snapshots) and the scale case (64 block devices, 2,000
 * thin volumes, 50,000 snapshots).
 *
 * @param name the {@code --shape} value
 * @param nvme NVMe controllers, one namespace each ({@code nvme0n1} ...)
 * @param sata SATA disks ({@code sda} ...)
 * @param dmNames device-mapper devices, by their {@code dm/name}
 * @param thinVolumes thin volumes over the two pools
 * @param pbsStores PBS datastores
 * @param pbsGroups PBS backup groups over all stores
 * @param pbsSnapshotsPerGroup snapshots in each group
 */
public record Shape(
    String name,
    int nvme,
    int sata,
    List<String> dmNames,
    int thinVolumes,
    int pbsStores,
    int pbsGroups,
    int pbsSnapshotsPerGroup) {

  /**
   * 12 block devices: the 8 NVMe the SPEC names (its only SMART devices) and 4 device-mapper
   * devices of the node's own LVM (root, swap, the thin pool's metadata and data).
   */
  public static final Shape REFERENCE =
      new Shape(
          "reference",
          8,
          0,
          List.of("pve-swap", "pve-root", "pve-data_tmeta", "pve-data_tdata"),
          60,
          2,
          40,
          50);

  /** 64 block devices: 48 NVMe, 12 SATA, 4 dm; 2,000 thin volumes; 500 × 100 snapshots. */
  public static final Shape SCALE =
      new Shape(
          "scale",
          48,
          12,
          List.of("pve-swap", "pve-root", "pve-data_tmeta", "pve-data_tdata"),
          2000,
          4,
          500,
          100);

  /** {@code reference} or {@code scale}. */
  public static Shape of(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "reference" -> REFERENCE;
      case "scale" -> SCALE;
      default ->
          throw new IllegalArgumentException(
              "unknown shape '" + name + "' (expected reference or scale)");
    };
  }

  /** Exported block devices (partitions are extra and dropped by the default exclude). */
  public int blockDevices() {
    return nvme + sata + dmNames.size();
  }

  /** Snapshots over all PBS groups. */
  public int pbsSnapshots() {
    return pbsGroups * pbsSnapshotsPerGroup;
  }
}
