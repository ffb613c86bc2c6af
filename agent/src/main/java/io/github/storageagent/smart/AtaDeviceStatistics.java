package io.github.storageagent.smart;

import java.util.OptionalLong;

/**
 * The ATA Device Statistics log (GP/SMART log 04h) entries the agent exports, as smartctl prints
 * them in {@code ata_device_statistics.pages[]}. Entries the drive marks invalid are empty.
 *
 * @param percentageUsed page 7 "Percentage Used Endurance Indicator": percent of rated endurance
 *     used, may exceed 100 (ACS-3 9.10.8)
 * @param logicalSectorsWritten page 1 "Logical Sectors Written"
 * @param logicalSectorsRead page 1 "Logical Sectors Read"
 * @param logicalBlockSize {@code logical_block_size}, bytes per logical sector
 */
public record AtaDeviceStatistics(
    OptionalLong percentageUsed,
    OptionalLong logicalSectorsWritten,
    OptionalLong logicalSectorsRead,
    OptionalLong logicalBlockSize) {

  public boolean isEmpty() {
    return percentageUsed.isEmpty()
        && logicalSectorsWritten.isEmpty()
        && logicalSectorsRead.isEmpty();
  }
}
