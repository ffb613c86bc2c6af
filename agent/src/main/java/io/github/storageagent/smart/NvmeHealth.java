package io.github.storageagent.smart;

import java.util.OptionalLong;

/**
 * The NVMe SMART / Health Information log (log page 02h) as smartctl prints it in {@code
 * nvme_smart_health_information_log}. Fields a device or smartctl version leaves out are empty.
 *
 * @param criticalWarning bitmask: 0 spare, 1 temperature, 2 reliability, 3 read-only, 4 volatile
 *     backup, 5 persistent memory region read-only
 * @param temperature composite temperature, °C
 * @param availableSpare percent
 * @param availableSpareThreshold percent
 * @param percentageUsed percent of rated endurance used, may exceed 100
 * @param dataUnitsRead units of 1000 × 512 bytes
 * @param dataUnitsWritten units of 1000 × 512 bytes
 * @param controllerBusyTime minutes
 */
public record NvmeHealth(
    OptionalLong criticalWarning,
    OptionalLong temperature,
    OptionalLong availableSpare,
    OptionalLong availableSpareThreshold,
    OptionalLong percentageUsed,
    OptionalLong dataUnitsRead,
    OptionalLong dataUnitsWritten,
    OptionalLong hostReads,
    OptionalLong hostWrites,
    OptionalLong controllerBusyTime,
    OptionalLong powerCycles,
    OptionalLong powerOnHours,
    OptionalLong unsafeShutdowns,
    OptionalLong mediaErrors,
    OptionalLong errorLogEntries,
    OptionalLong warningTempTime,
    OptionalLong criticalCompTime) {

  /** NVMe counts data in units of 1000 sectors of 512 bytes. */
  public static final long DATA_UNIT_BYTES = 512_000L;
}
