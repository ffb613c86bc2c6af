package io.github.storageagent.disk;

import java.util.Arrays;

/**
 * One parsed /proc/diskstats line. Values are the kernel's unsigned counters as printed; a field
 * the running kernel does not print is absent ({@link #has(DiskStatField)} is false).
 */
public record DiskStatsLine(int major, int minor, String device, long[] values) {

  public DiskStatsLine {
    values = values.clone();
    if (!DiskStatField.isKnownLayout(values.length)) {
      throw new IllegalArgumentException(
          "unknown diskstats layout with " + values.length + " values");
    }
  }

  public boolean has(DiskStatField field) {
    return field.ordinal() < values.length;
  }

  /** The raw unsigned value; check {@link #has} first. */
  public long get(DiskStatField field) {
    return values[field.ordinal()];
  }

  public int valueCount() {
    return values.length;
  }

  @Override
  public long[] values() {
    return values.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DiskStatsLine other
        && major == other.major
        && minor == other.minor
        && device.equals(other.device)
        && Arrays.equals(values, other.values);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * (31 * major + minor) + device.hashCode()) + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "DiskStatsLine["
        + major
        + ":"
        + minor
        + " "
        + device
        + " "
        + Arrays.toString(values)
        + "]";
  }
}
