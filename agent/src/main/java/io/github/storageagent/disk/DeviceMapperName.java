package io.github.storageagent.disk;

import java.util.Optional;

/**
 * Splits a device-mapper name of an LVM volume ({@code pve-vm--100--disk--0}) into VG and LV. LVM
 * doubles every dash inside VG and LV names and joins them, and an optional layer suffix such as
 * {@code tpool} or {@code tdata}, with single dashes.
 *
 * @param vg volume group
 * @param lv logical volume
 * @param layer internal layer of the LV ({@code tpool}, {@code tdata}, {@code tmeta}, ...), or ""
 */
public record DeviceMapperName(String vg, String lv, String layer) {

  /** Parses a dm name, empty if it has no single-dash separator (not an LVM-style name). */
  public static Optional<DeviceMapperName> parseLvm(String dmName) {
    String[] parts = splitOnSingleDashes(dmName);
    if (parts.length < 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
      return Optional.empty();
    }
    String layer =
        parts.length > 2
            ? String.join("-", java.util.Arrays.copyOfRange(parts, 2, parts.length))
            : "";
    return Optional.of(new DeviceMapperName(parts[0], parts[1], layer));
  }

  private static String[] splitOnSingleDashes(String s) {
    java.util.List<String> parts = new java.util.ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '-') {
        if (i + 1 < s.length() && s.charAt(i + 1) == '-') {
          current.append('-');
          i++;
        } else {
          parts.add(current.toString());
          current.setLength(0);
        }
      } else {
        current.append(c);
      }
    }
    parts.add(current.toString());
    return parts.toArray(String[]::new);
  }
}
