package io.github.storageagent.disk;

import java.util.EnumMap;
import java.util.Map;

/** Monotonic totals of one device's diskstats counters, and the step of the latest sample. */
final class DeviceCounters {

  private final Map<DiskStatField, CounterTracker> trackers = new EnumMap<>(DiskStatField.class);
  private final Map<DiskStatField, Long> lastDelta = new EnumMap<>(DiskStatField.class);
  private DiskStatsLine latest;

  DeviceCounters(DiskStatsLine first) {
    this.latest = first;
    for (DiskStatField f : DiskStatField.values()) {
      if (first.has(f) && f != DiskStatField.IO_IN_PROGRESS) {
        trackers.put(f, new CounterTracker(first.get(f)));
      }
    }
  }

  void advance(DiskStatsLine next) {
    latest = next;
    lastDelta.clear();
    for (DiskStatField f : DiskStatField.values()) {
      if (!next.has(f) || f == DiskStatField.IO_IN_PROGRESS) {
        continue;
      }
      CounterTracker t = trackers.get(f);
      if (t == null) {
        trackers.put(f, new CounterTracker(next.get(f)));
      } else {
        lastDelta.put(f, t.advance(next.get(f)));
      }
    }
  }

  /** The counter's total since the agent first saw the device; empty if the kernel lacks it. */
  java.util.OptionalDouble total(DiskStatField f) {
    CounterTracker t = trackers.get(f);
    return t == null ? java.util.OptionalDouble.empty() : java.util.OptionalDouble.of(t.total());
  }

  /** The increase during the latest sample step, 0 before the second sample. */
  long delta(DiskStatField f) {
    return lastDelta.getOrDefault(f, 0L);
  }

  long inProgress() {
    return latest.get(DiskStatField.IO_IN_PROGRESS);
  }
}
