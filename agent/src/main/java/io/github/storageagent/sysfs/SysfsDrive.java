package io.github.storageagent.sysfs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads who a drive is from sysfs attribute files, without sending the drive a command: the disk-IO
 * collector names block devices with it, and the SMART collector identifies a disk that sleeps.
 */
public final class SysfsDrive {

  private static final Pattern HEX16 = Pattern.compile("[0-9a-f]{16}");

  private SysfsDrive() {}

  /**
   * The drive's serial from its sysfs device directory ({@code /sys/block/<dev>/device}, or an NVMe
   * controller's {@code /sys/class/nvme/<ctrl>}): {@code serial} where the driver has one (NVMe,
   * virtio, USB); for SATA and SAS disks the SCSI layer's unit serial number page instead ({@code
   * vpd_pg80}), or the serial at the end of an ATA {@code wwid} ({@code t10.ATA <model> <serial>}).
   */
  public static Optional<String> serial(Path device) {
    return read(device.resolve("serial"))
        .or(() -> unitSerialNumberPage(device.resolve("vpd_pg80")))
        .or(() -> read(device.resolve("wwid")).flatMap(SysfsDrive::ataWwidSerial));
  }

  /**
   * The world wide name in a sysfs {@code wwid} as {@code 0x} and 16 hex digits, the form the SMART
   * collector gives smartctl's: a SCSI or ATA NAA name ({@code naa.5000c500a1b2c3d4}) or an NVMe
   * namespace's EUI-64 ({@code eui.0025385771fe0b37}). Empty for the other forms ({@code t10.},
   * {@code nvme.}, 32-digit NAA and EUI names).
   */
  public static Optional<String> wwn(String wwid) {
    String w = wwid.strip().toLowerCase(Locale.ROOT);
    for (String prefix : new String[] {"naa.", "eui."}) {
      if (w.startsWith(prefix)) {
        String hex = w.substring(prefix.length());
        if (HEX16.matcher(hex).matches() && !hex.chars().allMatch(c -> c == '0')) {
          return Optional.of("0x" + hex);
        }
      }
    }
    return Optional.empty();
  }

  /** A sysfs attribute's text, stripped; empty when the file is missing, unreadable or blank. */
  public static Optional<String> read(Path file) {
    try {
      if (!Files.isRegularFile(file)) {
        return Optional.empty();
      }
      String value = Files.readString(file, StandardCharsets.UTF_8).strip();
      return value.isEmpty() ? Optional.empty() : Optional.of(value);
    } catch (IOException | UncheckedIOException e) {
      return Optional.empty();
    }
  }

  /** VPD page 0x80: a 4-byte header (page code at byte 1, length at bytes 2-3), then ASCII. */
  private static Optional<String> unitSerialNumberPage(Path file) {
    byte[] page;
    try {
      if (!Files.isRegularFile(file) || Files.size(file) > 4096) {
        return Optional.empty();
      }
      page = Files.readAllBytes(file);
    } catch (IOException | UncheckedIOException e) {
      return Optional.empty();
    }
    if (page.length < 4 || (page[1] & 0xff) != 0x80) {
      return Optional.empty();
    }
    int length = Math.min(((page[2] & 0xff) << 8) | (page[3] & 0xff), page.length - 4);
    StringBuilder serial = new StringBuilder();
    for (int i = 4; i < 4 + length; i++) {
      int c = page[i] & 0xff;
      if (c >= 0x21 && c <= 0x7e) {
        serial.append((char) c);
      } else if (c == ' ' && serial.length() > 0) {
        serial.append(' ');
      }
    }
    String value = serial.toString().strip();
    return value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  private static Optional<String> ataWwidSerial(String wwid) {
    if (!wwid.startsWith("t10.ATA")) {
      return Optional.empty();
    }
    String[] words = wwid.strip().split("\\s+");
    return words.length >= 3 ? Optional.of(words[words.length - 1]) : Optional.empty();
  }
}
