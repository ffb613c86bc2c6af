package io.github.storageagent.disk;

import java.util.ArrayList;
import java.util.List;

/** Parses /proc/diskstats text. Lines it cannot read are returned, never thrown. */
public final class DiskStatsParser {

  /** The readable lines, and the lines that were not (to be counted and logged by the caller). */
  public record Result(List<DiskStatsLine> lines, List<String> badLines) {
    public Result {
      lines = List.copyOf(lines);
      badLines = List.copyOf(badLines);
    }
  }

  private DiskStatsParser() {}

  public static Result parse(String content) {
    List<DiskStatsLine> lines = new ArrayList<>();
    List<String> bad = new ArrayList<>();
    for (String raw : content.split("\n")) {
      String line = raw.strip();
      if (line.isEmpty()) {
        continue;
      }
      DiskStatsLine parsed = parseLine(line);
      if (parsed == null) {
        bad.add(line);
      } else {
        lines.add(parsed);
      }
    }
    return new Result(lines, bad);
  }

  private static DiskStatsLine parseLine(String line) {
    String[] tokens = line.split("\\s+");
    int valueCount = tokens.length - 3;
    if (tokens.length < 3 || !DiskStatField.isKnownLayout(valueCount)) {
      return null;
    }
    try {
      int major = Integer.parseInt(tokens[0]);
      int minor = Integer.parseInt(tokens[1]);
      String device = tokens[2];
      if (major < 0 || minor < 0 || !isPlausibleDeviceName(device)) {
        return null;
      }
      long[] values = new long[valueCount];
      for (int i = 0; i < valueCount; i++) {
        values[i] = Long.parseUnsignedLong(tokens[i + 3]);
      }
      return new DiskStatsLine(major, minor, device, values);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  // Kernel block device names: letters, digits and a few separators; never a path or blank.
  private static boolean isPlausibleDeviceName(String name) {
    return name.matches("[A-Za-z0-9][A-Za-z0-9_.:!+-]*");
  }
}
