package io.github.storageagent.smart;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The steps between two states of the collector: one immutable map of {@link DeviceRecord}s by
 * device label, in roster order. Each step builds the next map from the previous one and new
 * smartctl results; none calls smartctl or logs.
 */
final class DeviceRecords {

  private DeviceRecords() {}

  /**
   * The records for a new roster: a device listed as before keeps its record, a new or changed one
   * (same label, other path or type) starts afresh, and the rest are dropped.
   */
  static Map<String, DeviceRecord> listed(
      Map<String, DeviceRecord> previous, List<SmartDevice> roster) {
    return listed(previous, roster, d -> Optional.empty());
  }

  /**
   * As {@link #listed(Map, List)}, a new record starting with what {@code sysfs} says about its
   * device.
   */
  static Map<String, DeviceRecord> listed(
      Map<String, DeviceRecord> previous,
      List<SmartDevice> roster,
      Function<SmartDevice, Optional<DeviceIdentity>> sysfs) {
    Map<String, DeviceRecord> next = new LinkedHashMap<>();
    for (SmartDevice device : roster) {
      next.put(
          device.label(),
          listedAsBefore(previous, device)
              ? previous.get(device.label())
              : DeviceRecord.listed(device, sysfs.apply(device)));
    }
    return Collections.unmodifiableMap(next);
  }

  /** Whether {@code records} lists {@code device} exactly as it is now. */
  static boolean listedAsBefore(Map<String, DeviceRecord> records, SmartDevice device) {
    DeviceRecord record = records.get(device.label());
    return record != null && record.device().equals(device);
  }

  /**
   * The records after one device's call; a call for a device no longer listed as it was called
   * changes nothing.
   */
  static Map<String, DeviceRecord> called(
      Map<String, DeviceRecord> previous,
      SmartDevice device,
      long startNanos,
      DeviceOutcome outcome) {
    if (!listedAsBefore(previous, device)) {
      return previous;
    }
    Map<String, DeviceRecord> next = new LinkedHashMap<>(previous);
    next.put(device.label(), previous.get(device.label()).after(startNanos, outcome));
    return Collections.unmodifiableMap(next);
  }
}
