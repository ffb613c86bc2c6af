package io.github.storageagent.smart;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One {@code smartctl --json} output, typed. Sections the device or smartctl version did not print
 * are empty, never a reason to drop the rest.
 *
 * @param smartctlVersion {major, minor} of the smartctl that printed it, empty if absent
 * @param exitStatus {@code smartctl.exit_status}, empty if absent
 * @param messages {@code smartctl.messages[]}
 * @param deviceName {@code device.name}, "" if absent
 * @param identity model, serial, firmware, type, protocol
 * @param smartPassed {@code smart_status.passed}
 * @param temperatureCelsius {@code temperature.current} (0 taken as "no sensor")
 * @param powerOnSeconds {@code power_on_time} hours and minutes, in seconds
 * @param powerCycles {@code power_cycle_count} (SCSI: start-stop cycles)
 * @param powerMode smartctl 7.5's {@code power_mode.name}, e.g. STANDBY
 * @param nvme the NVMe health log
 * @param ataAttributes the ATA attribute table, empty for NVMe and SCSI
 * @param ataErrorLogCount errors in the ATA (extended) comprehensive error log
 * @param scsi SCSI/SAS counters
 * @param selfTests the self-test log (ATA, NVMe), empty when smartctl printed none
 * @param deviceStatistics ATA device statistics, empty when the drive has none
 * @param temperatureLimits the drive's own temperature limits
 */
public record SmartReading(
    Optional<List<Integer>> smartctlVersion,
    OptionalInt exitStatus,
    List<SmartctlMessage> messages,
    String deviceName,
    DeviceIdentity identity,
    Optional<Boolean> smartPassed,
    OptionalLong temperatureCelsius,
    OptionalLong powerOnSeconds,
    OptionalLong powerCycles,
    Optional<String> powerMode,
    Optional<NvmeHealth> nvme,
    List<AtaAttribute> ataAttributes,
    OptionalLong ataErrorLogCount,
    Optional<ScsiCounters> scsi,
    Optional<SelfTestLog> selfTests,
    Optional<AtaDeviceStatistics> deviceStatistics,
    TemperatureLimits temperatureLimits,
    OptionalLong capacityBytes) {

  public SmartReading {
    messages = List.copyOf(messages);
    ataAttributes = List.copyOf(ataAttributes);
  }
}
