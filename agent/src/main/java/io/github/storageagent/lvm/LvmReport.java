package io.github.storageagent.lvm;

import java.util.List;

/**
 * What one lvs or vgs (or lvm fullreport) output held.
 *
 * @param volumeGroups every {@code vg} row, in order
 * @param logicalVolumes every {@code lv} row, in order
 * @param skippedRows rows left out because a required field was missing or not a number
 */
public record LvmReport(
    List<VolumeGroup> volumeGroups, List<LogicalVolume> logicalVolumes, int skippedRows) {

  public LvmReport {
    volumeGroups = List.copyOf(volumeGroups);
    logicalVolumes = List.copyOf(logicalVolumes);
  }
}
